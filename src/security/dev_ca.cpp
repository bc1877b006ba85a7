#include "security/dev_ca.h"

#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/identifiers.h"
#include "security/openssl_ptr.h"

namespace jumys {
namespace {

using openssl::Cert;
using openssl::Pkey;

constexpr long kDay = 24 * 60 * 60;

struct Person {
  const char* login;
  const char* common_name;  // as NCA prints it: SURNAME NAME, upper case
  const char* birth;        // YYMMDD of the synthetic IIN
  char century_sex;         // 7th IIN digit: 3 male, 4 female (1900s)
  const char* fixed_iin;    // a real demo IIN, or nullptr to synthesise
  const char* bin;          // organisations only
  const char* organization;
};

// The accounts seeded by services/demo/demo_data.cpp, plus the three negative cases.
constexpr Person kPeople[] = {
    {"head", "ОСПАНОВ БАУЫРЖАН", "780301", '3', nullptr, nullptr, nullptr},
    {"head2", "ЕСЕНОВ САМАТ", "800612", '3', nullptr, nullptr, nullptr},
    {"oblast-head", "ӘБДІРОВ ҚАНАТ", "740925", '3', nullptr, nullptr, nullptr},
    {"executor", "АХМЕТОВА ДИНАРА", "880910", '4', nullptr, nullptr, nullptr},
    {"clerk", "ЖҰМАБАЕВА ӘЛИЯ", "930402", '4', nullptr, nullptr, nullptr},
    {"seeker", "НҰРПЕЙІСОВ ЕРЛАН", "", '3', "900515300127", nullptr, nullptr},
    {"mover", "ҚАЛИЕВ ЖАНАТ", "", '3', "870414300010", nullptr, nullptr},
    {"employer", "ӘБІЛОВ МАРАТ", "710105", '3', nullptr, "080540001238", "«АРАЛ БАЛЫҚ» ЖШС"},
    {"pet-head", "ЖҮСІПОВ АСХАТ", "790814", '3', nullptr, nullptr, nullptr},
    {"nko-oblast-head", "ПЕТРЕНКО СЕРГЕЙ", "750611", '3', nullptr, nullptr, nullptr},
    {"employer-nko", "КРАВЧЕНКО ВИКТОР", "680217", '3', nullptr, "120940015272",
     "«ПЕТРОПАВЛ АГРО» ЖШС"},
    {"expired", "МЕРЗІМІ ӨТКЕН СЕРТИФИКАТ", "850101", '3', nullptr, nullptr, nullptr},
    {"revoked", "КЕРІ ШАҚЫРЫЛҒАН СЕРТИФИКАТ", "860202", '4', nullptr, nullptr, nullptr},
    {"untrusted", "СЕНІМСІЗ СЕРТИФИКАТ", "870303", '3', nullptr, nullptr, nullptr},
};

Error OpensslError(const std::string& what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  char text[256] = "";
  ERR_error_string_n(code, text, sizeof text);
  return Error::Internal("dev-ca: " + what + ": " + text);
}

// The first valid IIN for that birth date and sex, serials 0001 up.
std::string SyntheticIin(const Person& p) {
  if (p.fixed_iin) return p.fixed_iin;
  for (int serial = 1; serial < 10000; ++serial) {
    char first11[12];
    std::snprintf(first11, sizeof first11, "%s%c%04d", p.birth, p.century_sex, serial);
    if (auto iin = AppendCheckDigit(first11)) return *iin;
  }
  return {};
}

Status AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return OpensslError(std::string("extension ") + OBJ_nid2sn(nid));
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return {};
}

void AddName(X509_NAME* name, int nid, const std::string& value) {
  X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0);
}

struct CertSpec {
  X509_NAME* subject;  // taken over
  EVP_PKEY* key;       // the subject's public key
  X509* issuer;        // nullptr: self-signed
  EVP_PKEY* issuer_key;
  Instant not_before;
  Instant not_after;
  bool ca;
};

Expected<Cert> Issue(const CertSpec& spec) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  std::unique_ptr<BIGNUM, openssl::Deleter<BN_free>> serial(BN_new());
  BN_rand(serial.get(), 120, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()));
  X509_set_subject_name(cert.get(), spec.subject);
  X509_set_issuer_name(cert.get(), spec.issuer ? X509_get_subject_name(spec.issuer) : spec.subject);
  X509_NAME_free(spec.subject);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), spec.not_before.time_since_epoch().count());
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), spec.not_after.time_since_epoch().count());
  X509_set_pubkey(cert.get(), spec.key);
  X509* issuer = spec.issuer ? spec.issuer : cert.get();
  JUMYS_TRY(AddExtension(cert.get(), issuer, NID_subject_key_identifier, "hash"));
  JUMYS_TRY(AddExtension(cert.get(), issuer, NID_authority_key_identifier, "keyid:always"));
  if (spec.ca) {
    JUMYS_TRY(AddExtension(cert.get(), issuer, NID_basic_constraints, "critical,CA:TRUE"));
    JUMYS_TRY(AddExtension(cert.get(), issuer, NID_key_usage, "critical,keyCertSign,cRLSign"));
  } else {
    JUMYS_TRY(AddExtension(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE"));
    JUMYS_TRY(AddExtension(cert.get(), issuer, NID_key_usage,
                           "critical,digitalSignature,nonRepudiation"));
    JUMYS_TRY(AddExtension(cert.get(), issuer, NID_ext_key_usage, "emailProtection"));
  }
  if (X509_sign(cert.get(), spec.issuer_key, EVP_sha256()) == 0) return OpensslError("X509_sign");
  return cert;
}

struct Authority {
  Pkey key;
  Cert cert;
};

Expected<Authority> NewRoot(const std::string& common_name, Instant now) {
  Authority root;
  // RSA throughout: browser PKCS#12 libraries (node-forge) cannot parse ECDSA-signed certificates.
  root.key.reset(EVP_RSA_gen(2048));
  if (!root.key) return OpensslError("RSA key");
  X509_NAME* name = X509_NAME_new();
  AddName(name, NID_countryName, "KZ");
  AddName(name, NID_organizationName, "jumys development");
  AddName(name, NID_commonName, common_name);
  JUMYS_ASSIGN_OR_RETURN(root.cert, Issue({name, root.key.get(), nullptr, root.key.get(),
                                           now - kDevCaBackdate - std::chrono::seconds(kDay),
                                           now + std::chrono::seconds(10 * 365 * kDay), true}));
  return root;
}

Status WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return Error::Internal("dev-ca: cannot write " + path.string());
  return {};
}

template <typename Write>
Status WriteWithBio(const std::filesystem::path& path, Write write) {
  openssl::Bio bio(BIO_new(BIO_s_mem()));
  if (write(bio.get()) != 1) return OpensslError("writing " + path.filename().string());
  return WriteFile(path, openssl::BioBytes(bio.get()));
}

Status WriteCert(const std::filesystem::path& path, X509* cert) {
  return WriteWithBio(path, [cert](BIO* bio) { return PEM_write_bio_X509(bio, cert); });
}

Status WriteKeyFile(const std::filesystem::path& path, const std::string& name, EVP_PKEY* key,
                    X509* cert, X509* root) {
  openssl::CertStackView chain(sk_X509_new_null());
  sk_X509_push(chain.get(), root);
  // OpenSSL 3 defaults: PBES2 with AES-256-CBC for key and certificates, SHA-256 MAC.
  openssl::Pkcs12 p12(
      PKCS12_create(kDevCaPassword, name.c_str(), key, cert, chain.get(), 0, 0, 0, 0, 0));
  if (!p12) return OpensslError("PKCS12_create");
  return WriteWithBio(path, [&p12](BIO* bio) { return i2d_PKCS12_bio(bio, p12.get()); });
}

Status WriteCrl(const std::filesystem::path& path, const Authority& root, X509* revoked,
                Instant now) {
  openssl::Crl crl(X509_CRL_new());
  X509_CRL_set_version(crl.get(), 1);  // v2
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(root.cert.get()));
  std::unique_ptr<ASN1_TIME, openssl::Deleter<ASN1_TIME_free>> last(
      ASN1_TIME_set(nullptr, Instant(now - kDevCaBackdate).time_since_epoch().count()));
  std::unique_ptr<ASN1_TIME, openssl::Deleter<ASN1_TIME_free>> next(
      ASN1_TIME_set(nullptr, (now + std::chrono::seconds(365 * kDay)).time_since_epoch().count()));
  X509_CRL_set1_lastUpdate(crl.get(), last.get());
  X509_CRL_set1_nextUpdate(crl.get(), next.get());
  X509_REVOKED* entry = X509_REVOKED_new();
  X509_REVOKED_set_serialNumber(entry, X509_get_serialNumber(revoked));
  X509_REVOKED_set_revocationDate(entry, last.get());
  X509_CRL_add0_revoked(crl.get(), entry);
  X509_CRL_sort(crl.get());
  if (X509_CRL_sign(crl.get(), root.key.get(), EVP_sha256()) == 0) return OpensslError("CRL sign");
  return WriteWithBio(path, [&crl](BIO* bio) { return PEM_write_bio_X509_CRL(bio, crl.get()); });
}

std::string Readme(const DevCaResult& result) {
  std::string out =
      "jumys development certificate authority -- for development and the demo only.\n\n"
      "root-ca.pem         trusted root: configure it as the EDS trust store CA file\n"
      "root-ca.crl.pem     CRL of the root: lists revoked.pem\n"
      "untrusted-root.pem  a second root that the server does not trust (issued untrusted.pem)\n"
      "<login>.p12         PKCS#12 key file (key + certificate + root), password: demo\n"
      "<login>.pem         the certificate alone\n\n"
      "login            IIN           BIN           certificate holder\n";
  for (const auto& a : result.accounts) {
    std::string line = a.login;
    line.resize(17, ' ');  // the longest login, nko-oblast-head, and two spaces
    line += a.iin + "  " + (a.bin.empty() ? std::string(12, '-') : a.bin) + "  " + a.common_name;
    out += line + "\n";
  }
  out +=
      "\nexpired.p12 expired a year ago; revoked.p12 is on the CRL; untrusted.p12 chains to "
      "untrusted-root.pem.\n";
  return out;
}

}  // namespace

const DevCaAccount* DevCaResult::Find(const std::string& login) const {
  for (const auto& a : accounts) {
    if (a.login == login) return &a;
  }
  return nullptr;
}

Expected<DevCaResult> CreateDevCa(const std::filesystem::path& out_dir, Instant now) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Error::Internal("dev-ca: cannot create " + out_dir.string() + ": " + ec.message());
  JUMYS_ASSIGN_OR_RETURN(Authority root, NewRoot("jumys Dev Root CA", now));
  JUMYS_ASSIGN_OR_RETURN(Authority stranger, NewRoot("Untrusted Test Root CA", now));

  DevCaResult result;
  result.root_cert = out_dir / "root-ca.pem";
  result.crl = out_dir / "root-ca.crl.pem";
  result.untrusted_root = out_dir / "untrusted-root.pem";
  result.readme = out_dir / "README.txt";
  JUMYS_TRY(WriteCert(result.root_cert, root.cert.get()));
  JUMYS_TRY(WriteCert(result.untrusted_root, stranger.cert.get()));

  Cert revoked_cert;
  for (const Person& p : kPeople) {
    DevCaAccount account;
    account.login = p.login;
    account.iin = SyntheticIin(p);
    account.bin = p.bin ? p.bin : "";
    account.common_name = p.common_name;
    account.key_file = out_dir / (account.login + ".p12");
    account.cert_file = out_dir / (account.login + ".pem");

    X509_NAME* subject = X509_NAME_new();
    AddName(subject, NID_countryName, "KZ");
    AddName(subject, NID_commonName, account.common_name);
    AddName(subject, NID_serialNumber, "IIN" + account.iin);
    if (p.organization) {
      AddName(subject, NID_organizationName, p.organization);
      AddName(subject, NID_organizationalUnitName, "BIN" + account.bin);
    }
    const bool expired = account.login == "expired";
    const Authority& issuer = account.login == "untrusted" ? stranger : root;
    Pkey key(EVP_RSA_gen(2048));
    if (!key) return OpensslError("RSA key");
    const Instant not_before =
        expired ? now - std::chrono::seconds(2 * 365 * kDay) : Instant(now - kDevCaBackdate);
    const Instant not_after = expired ? now - std::chrono::seconds(365 * kDay)
                                      : now + std::chrono::seconds(3 * 365 * kDay);
    JUMYS_ASSIGN_OR_RETURN(Cert cert, Issue({subject, key.get(), issuer.cert.get(),
                                             issuer.key.get(), not_before, not_after, false}));
    JUMYS_TRY(WriteCert(account.cert_file, cert.get()));
    JUMYS_TRY(
        WriteKeyFile(account.key_file, account.login, key.get(), cert.get(), issuer.cert.get()));
    if (account.login == "revoked") revoked_cert = std::move(cert);
    result.accounts.push_back(std::move(account));
  }
  JUMYS_TRY(WriteCrl(result.crl, root, revoked_cert.get(), now));
  JUMYS_TRY(WriteFile(result.readme, Readme(result)));
  return result;
}

namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return in ? bytes.str() : std::string();
}

// "" when `not_before` <= from and `to` <= `not_after`; else what is wrong with `what`.
std::string Span(const std::string& what, const ASN1_TIME* not_before, const ASN1_TIME* not_after,
                 Instant from, Instant to) {
  time_t start = from.time_since_epoch().count(), end = to.time_since_epoch().count();
  if (!not_before || X509_cmp_time(not_before, &start) != -1) {
    return what + " is not valid yet on " + FormatRfc3339(from);
  }
  if (!not_after || X509_cmp_time(not_after, &end) != 1) {
    return what + " is no longer valid on " + FormatRfc3339(to);
  }
  return {};
}

}  // namespace

Expected<std::string> DevCaGap(const std::filesystem::path& dir, Instant from, Instant to) {
  const auto cert_of = [&dir](const std::string& file) {
    const std::string pem = ReadFile(dir / file);
    openssl::Bio bio = openssl::MemoryBio(pem);
    return Cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  };
  Cert root = cert_of("root-ca.pem");
  if (!root) return std::string("root-ca.pem is missing");
  if (auto gap = Span("root-ca.pem", X509_get0_notBefore(root.get()),
                      X509_get0_notAfter(root.get()), from, to);
      !gap.empty()) {
    return gap;
  }
  const std::string crl_pem = ReadFile(dir / "root-ca.crl.pem");
  openssl::Bio crl_bio = openssl::MemoryBio(crl_pem);
  openssl::Crl crl(PEM_read_bio_X509_CRL(crl_bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!crl) return std::string("root-ca.crl.pem is missing");
  if (auto gap = Span("root-ca.crl.pem", X509_CRL_get0_lastUpdate(crl.get()),
                      X509_CRL_get0_nextUpdate(crl.get()), from, to);
      !gap.empty()) {
    return gap;
  }
  for (const Person& p : kPeople) {
    const std::string login = p.login;
    if (login == "expired" || login == "revoked" || login == "untrusted") continue;
    Cert cert = cert_of(login + ".pem");
    ERR_clear_error();
    if (!cert || !std::filesystem::exists(dir / (login + ".p12"))) {
      return login + ".pem or " + login + ".p12 is missing";
    }
    if (auto gap = Span(login + ".pem", X509_get0_notBefore(cert.get()),
                        X509_get0_notAfter(cert.get()), from, to);
        !gap.empty()) {
      return gap;
    }
  }
  return std::string();
}

struct DevCaSigner::Key {
  Pkey key;
  Cert cert;
};

DevCaSigner::DevCaSigner(std::filesystem::path dir) : dir_(std::move(dir)) {}
DevCaSigner::~DevCaSigner() = default;

Expected<std::string> DevCaSigner::Sign(const std::string& login, std::string_view content,
                                        Instant at) {
  auto it = keys_.find(login);
  if (it == keys_.end()) {
    const auto file = dir_ / (login + ".p12");
    const std::string der = ReadFile(file);
    openssl::Bio bio = openssl::MemoryBio(der);
    openssl::Pkcs12 p12(d2i_PKCS12_bio(bio.get(), nullptr));
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* chain = nullptr;
    if (!p12 || PKCS12_parse(p12.get(), kDevCaPassword, &key, &cert, &chain) != 1) {
      return OpensslError("cannot open " + file.string());
    }
    openssl::CertStack chain_owner(chain);
    auto opened = std::make_unique<Key>(Key{Pkey(key), Cert(cert)});
    it = keys_.emplace(login, std::move(opened)).first;
  }
  openssl::Bio data = openssl::MemoryBio(content);
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
  openssl::Cms cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  CMS_SignerInfo* signer = cms ? CMS_add1_signer(cms.get(), it->second->cert.get(),
                                                 it->second->key.get(), EVP_sha256(), flags)
                               : nullptr;
  std::unique_ptr<ASN1_TIME, openssl::Deleter<ASN1_TIME_free>> signing_time(
      ASN1_TIME_set(nullptr, at.time_since_epoch().count()));
  // Set before CMS_final, which otherwise stamps the machine's time.
  if (!signer || !signing_time ||
      CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_signingTime, signing_time->type,
                                  signing_time.get(), -1) != 1 ||
      CMS_final(cms.get(), data.get(), nullptr, flags) != 1) {
    return OpensslError("CMS signing as " + login);
  }
  openssl::Bio out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) return OpensslError("writing the CMS");
  return openssl::BioBytes(out.get());
}

}  // namespace jumys
