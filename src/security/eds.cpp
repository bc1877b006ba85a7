#include "security/eds.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <cstdint>

#include "core/base64.h"
#include "core/sha256.h"
#include "security/cms_certificates.h"
#include "security/openssl_ptr.h"

namespace jumys {
namespace {

using openssl::Bio;
using openssl::MemoryBio;

Error Rejected(MessageKey key, std::string_view english, MessageParams params = {}) {
  return Error::Unprocessable(key, english, std::move(params));
}

Error NoSignerCertificate() {
  return Rejected("eds.no_signer_certificate"_msg,
                  "the signature does not include the signer's certificate");
}

Error ContentMismatch() {
  return Rejected("eds.content_mismatch"_msg, "signed content does not match the document");
}

std::string Mask(std::string_view id) {
  std::string out(id);
  for (size_t i = 2; i + 2 < out.size(); ++i) out[i] = '*';
  return out;
}

openssl::Cms ParseDer(std::string_view der) {
  Bio bio = MemoryBio(der);
  return openssl::Cms(d2i_CMS_bio(bio.get(), nullptr));
}

// The CMS parsed without its certificates, which are then added from the cache.
openssl::Cms ParseDerWithCachedCertificates(std::string_view der, CertificateCache& cache) {
  auto split = SplitCertificates(der);
  if (!split) return ParseDer(der);
  openssl::Cms cms = ParseDer(split->without_certificates);
  if (!cms) return cms;
  for (std::string_view cert_der : split->certificates) {
    openssl::Cert cert(cache.Get(cert_der));
    if (!cert) return {};  // as d2i_CMS_bio refuses a CMS with a broken certificate
    // A repeated certificate is refused here and needed only once.
    if (CMS_add0_cert(cms.get(), cert.get()) == 1) cert.release();
  }
  ERR_clear_error();
  return cms;
}

Expected<openssl::Cms> ParseCms(const TrustStore& trust, std::string_view input) {
  openssl::Cms cms;
  if (input.substr(0, 11) == "-----BEGIN ") {
    Bio bio = MemoryBio(input);
    cms.reset(PEM_read_bio_CMS(bio.get(), nullptr, nullptr, nullptr));
  } else {
    const auto der = Base64Decode(input);
    const std::string_view bytes = der && !der->empty() ? std::string_view(*der) : input;
    cms = ParseDerWithCachedCertificates(bytes, trust.certificates());
  }
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    ERR_clear_error();
    return Error::Invalid("eds.not_cms"_msg,
                          "the signature is not a CMS (PKCS#7) signed-data structure");
  }
  return cms;
}

std::string EntryText(X509_NAME_ENTRY* entry) {
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
  if (length < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(length));
  OPENSSL_free(utf8);
  return out;
}

// "IIN123456789012" -> "123456789012"; "" otherwise.
std::string Tagged(const std::string& value, std::string_view tag) {
  if (value.size() != tag.size() + 12 || value.compare(0, tag.size(), tag) != 0) return {};
  for (size_t i = tag.size(); i < value.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(value[i]))) return {};
  }
  return value.substr(tag.size());
}

SignerIdentity IdentityOf(X509* cert) {
  SignerIdentity id;
  X509_NAME* subject = X509_get_subject_name(cert);
  for (int i = 0; i < X509_NAME_entry_count(subject); ++i) {
    X509_NAME_ENTRY* entry = X509_NAME_get_entry(subject, i);
    const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry));
    const std::string value = EntryText(entry);
    if (nid == NID_serialNumber && id.iin.empty()) id.iin = Tagged(value, "IIN");
    if (nid == NID_organizationalUnitName && id.bin.empty()) id.bin = Tagged(value, "BIN");
    if (nid == NID_commonName) id.common_name = value;
    if (nid == NID_organizationName) id.organization = value;
  }
  return id;
}

Error ChainError(int code) {
  switch (code) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return Rejected("eds.certificate_expired"_msg, "signature certificate has expired");
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return Rejected("eds.certificate_not_yet_valid"_msg,
                      "signature certificate is not yet valid");
    case X509_V_ERR_CERT_REVOKED:
      return Rejected("eds.certificate_revoked"_msg, "certificate is revoked");
    case X509_V_ERR_UNABLE_TO_GET_CRL:
      return Rejected(
          "eds.no_revocation_list"_msg,
          "certificate revocation cannot be checked: no revocation list from its issuer");
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_NOT_YET_VALID:
      return Rejected(
          "eds.revocation_list_out_of_date"_msg,
          "certificate revocation cannot be checked: the revocation list is out of date");
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_CERT_UNTRUSTED:
      return Rejected("eds.untrusted_issuer"_msg,
                      "certificate is not issued by a trusted authority");
    default: {
      Error e = Rejected("eds.certificate_invalid"_msg, "signature certificate is not valid");
      e.internal = X509_verify_cert_error_string(code);
      return e;
    }
  }
}

Status VerifyChain(const TrustStore& trust, X509* signer, STACK_OF(X509) * untrusted, Instant at) {
  openssl::StoreCtx ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), trust.store(), signer, untrusted) != 1) {
    return Error::Internal("X509_STORE_CTX_init failed");
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at.time_since_epoch().count()));
  // Load() made sure each authority's CRL is there.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
  if (X509_verify_cert(ctx.get()) == 1) return {};
  return ChainError(X509_STORE_CTX_get_error(ctx.get()));
}

Status CheckKeyUsage(X509* cert) {
  const uint32_t usage = X509_get_key_usage(cert);
  const bool has_extension = (X509_get_extension_flags(cert) & EXFLAG_KUSAGE) != 0;
  if (!has_extension || (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0) {
    return Rejected("eds.key_usage"_msg, "certificate is not meant for signing (key usage)");
  }
  return {};
}

template <typename Read>
// `none_key`: the file holds nothing `read` takes; its text names the file as {file}.
Status LoadPem(const std::filesystem::path& path, MessageKey none_key,
               std::string_view none_english, Read read) {
  Bio bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) {
    return Error::Unprocessable("eds.cannot_open_file"_msg, "cannot open {file}",
                                {{"file", path.string()}});
  }
  const int count = read(bio.get());
  ERR_clear_error();  // the PEM reader ends every file with a "no start line" error
  if (count == 0) return Error::Unprocessable(none_key, none_english, {{"file", path.string()}});
  return {};
}

}  // namespace

Expected<TrustStore> TrustStore::Load(const std::vector<std::filesystem::path>& ca_files,
                                      const std::vector<std::filesystem::path>& crl_files) {
  if (ca_files.empty()) {
    return Error::Unprocessable("eds.no_ca_file"_msg, "EDS trust store: no CA certificate file");
  }
  TrustStore trust;
  trust.store_.reset(X509_STORE_new(), X509_STORE_free);
  trust.certificates_ = std::make_shared<CertificateCache>();
  X509_STORE* store = trust.store_.get();
  for (const auto& path : ca_files) {
    JUMYS_TRY(LoadPem(path, "eds.no_ca_certificate"_msg, "no CA certificate in {file}",
                      [store](BIO* bio) {
                        int count = 0;
                        while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
                          X509_STORE_add_cert(store, cert);
                          X509_free(cert);
                          ++count;
                        }
                        return count;
                      }));
  }
  for (const auto& path : crl_files) {
    JUMYS_TRY(LoadPem(path, "eds.no_crl_in_file"_msg, "no CRL in {file}", [store](BIO* bio) {
      int count = 0;
      while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio, nullptr, nullptr, nullptr)) {
        X509_STORE_add_crl(store, crl);
        X509_CRL_free(crl);
        ++count;
      }
      return count;
    }));
  }
  // Each authority trusted must publish its revocation list: without one, a revoked
  // certificate would sign as a valid one.
  STACK_OF(X509_OBJECT)* objects = X509_STORE_get0_objects(store);
  for (int i = 0; i < sk_X509_OBJECT_num(objects); ++i) {
    X509* ca = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objects, i));
    if (!ca) continue;
    bool covered = false;
    for (int j = 0; j < sk_X509_OBJECT_num(objects) && !covered; ++j) {
      X509_CRL* crl = X509_OBJECT_get0_X509_CRL(sk_X509_OBJECT_value(objects, j));
      covered = crl && X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(ca)) == 0;
    }
    if (!covered) {
      char name[256] = "";
      X509_NAME_oneline(X509_get_subject_name(ca), name, sizeof name);
      return Error::Unprocessable("eds.ca_without_crl"_msg,
                                  "EDS trust store: no revocation list (--crl) of {ca}",
                                  {{"ca", name}});
    }
  }
  return trust;
}

Expected<std::unique_ptr<TrustFiles>> TrustFiles::Load(
    std::vector<std::filesystem::path> ca_files, std::vector<std::filesystem::path> crl_files) {
  std::unique_ptr<TrustFiles> files(new TrustFiles());
  files->ca_files_ = std::move(ca_files);
  files->crl_files_ = std::move(crl_files);
  JUMYS_TRY(files->Reload(true));
  return files;
}

std::shared_ptr<const TrustStore> TrustFiles::Current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::string TrustFiles::Stamp() const {
  std::string out;
  for (const auto* list : {&ca_files_, &crl_files_}) {
    for (const auto& path : *list) {
      std::error_code ec;
      const auto time = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
      const auto size = std::filesystem::file_size(path, ec);
      out += path.string() + ':' + std::to_string(time) + ':' + std::to_string(size) + ';';
    }
  }
  return out;
}

Expected<bool> TrustFiles::Reload(bool force) {
  const std::string stamp = Stamp();
  {
    std::lock_guard lock(mutex_);
    if (!force && stamp == stamp_) return false;
  }
  auto store = TrustStore::Load(ca_files_, crl_files_);
  std::lock_guard lock(mutex_);
  stamp_ = stamp;  // files that do not load are not read again until they change
  if (!store) return store.error();
  current_ = std::make_shared<const TrustStore>(std::move(*store));
  return true;
}

namespace {

// The OID arcs of GOST algorithms: Kazakhstan's GOST 34.310/34.311 (1.2.398.3.10.1), the
// Gamma/Tumar arc KNCA keys used (1.3.6.1.4.1.6801) and Russia's GOST R 34.10/34.11
// (1.2.643). OpenSSL as Debian ships it has no verifier for any of them.
bool IsGostOid(const ASN1_OBJECT* oid) {
  if (!oid) return false;
  char text[128] = {};
  if (OBJ_obj2txt(text, sizeof text, oid, 1) <= 0) return false;
  const std::string_view dotted(text);
  for (std::string_view arc : {"1.2.398.3.10.1.", "1.3.6.1.4.1.6801.", "1.2.643."}) {
    if (dotted.substr(0, arc.size()) == arc) return true;
  }
  return false;
}

// A GOST signature is refused by name, before OpenSSL would fail on it with a vaguer error.
Status RefuseGost(CMS_SignerInfo* si) {
  X509_ALGOR* digest = nullptr;
  X509_ALGOR* signature = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest, &signature);
  if ((digest && IsGostOid(digest->algorithm)) || (signature && IsGostOid(signature->algorithm))) {
    return Rejected("eds.gost_unsupported"_msg,
                    "GOST signatures cannot be verified here: sign with an RSA key");
  }
  return {};
}

Expected<openssl::Cms> ParseDetachedSingleSigner(const TrustStore& trust,
                                                 std::string_view cms_input) {
  JUMYS_ASSIGN_OR_RETURN(openssl::Cms cms, ParseCms(trust, cms_input));
  if (CMS_is_detached(cms.get()) != 1) {
    return Rejected("eds.not_detached"_msg,
                    "the signature must be detached (it embeds its content)");
  }
  if (sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms.get())) != 1) {
    return Rejected("eds.one_signer"_msg, "the signature must have exactly one signer");
  }
  JUMYS_TRY(RefuseGost(sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0)));
  return cms;
}

// After the signed bytes are checked: the signer's chain, key usage and identity.
Expected<SignerIdentity> CheckSigner(const TrustStore& trust, CMS_ContentInfo* cms, Instant at) {
  openssl::CertStackView signers(CMS_get0_signers(cms));
  if (!signers || sk_X509_num(signers.get()) != 1) {
    return NoSignerCertificate();
  }
  X509* signer = sk_X509_value(signers.get(), 0);
  openssl::CertStack bundled(CMS_get1_certs(cms));
  Status chain = VerifyChain(trust, signer, bundled.get(), at);
  ERR_clear_error();
  if (!chain) return chain.error();
  JUMYS_TRY(CheckKeyUsage(signer));
  SignerIdentity id = IdentityOf(signer);
  if (id.iin.empty() && id.bin.empty()) {
    return Rejected("eds.no_holder_id"_msg, "certificate names no IIN or BIN of its holder");
  }
  return id;
}

}  // namespace

Expected<SignerIdentity> VerifyDetachedSignature(const TrustStore& trust, std::string_view content,
                                                 std::string_view cms_input, Instant at) {
  JUMYS_ASSIGN_OR_RETURN(openssl::Cms cms, ParseDetachedSingleSigner(trust, cms_input));
  // First the content against the signer's key; the chain is checked separately below so
  // that each failure gets its own message.
  Bio data = MemoryBio(content);
  const unsigned flags = CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY;
  if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, flags) != 1) {
    const unsigned long reason = ERR_GET_REASON(ERR_peek_last_error());
    ERR_clear_error();
    if (reason == CMS_R_SIGNER_CERTIFICATE_NOT_FOUND) {
      return NoSignerCertificate();
    }
    return ContentMismatch();
  }
  return CheckSigner(trust, cms.get(), at);
}

Expected<SignerIdentity> VerifyDetachedSignatureOfDigest(const TrustStore& trust,
                                                         std::string_view sha256_hex,
                                                         std::string_view cms_input, Instant at) {
  JUMYS_ASSIGN_OR_RETURN(openssl::Cms cms, ParseDetachedSingleSigner(trust, cms_input));
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  X509_ALGOR* digest_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_algorithm, nullptr);
  if (CMS_signed_get_attr_count(si) <= 0 || !digest_algorithm ||
      OBJ_obj2nid(digest_algorithm->algorithm) != NID_sha256) {
    return Rejected("eds.no_digest"_msg,
                    "the signature has no signed SHA-256 message digest: the content is needed");
  }
  // What CMS_verify does with the content, given its digest: the signed attributes against
  // the signer's key, then their messageDigest against the content's.
  if (CMS_set1_signers_certs(cms.get(), nullptr, 0) < 1) {
    ERR_clear_error();
    return NoSignerCertificate();
  }
  const auto* signed_digest = static_cast<const ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  const bool matches =
      CMS_SignerInfo_verify(si) == 1 && signed_digest &&
      LowerHex(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(signed_digest)),
                                static_cast<std::size_t>(ASN1_STRING_length(signed_digest)))) ==
          sha256_hex;
  ERR_clear_error();
  if (!matches) return ContentMismatch();
  return CheckSigner(trust, cms.get(), at);
}

Status CheckSignerMatches(const SignerIdentity& signer, std::string_view expected_iin,
                          std::string_view expected_bin) {
  if (!expected_bin.empty() && signer.bin != expected_bin) {
    if (signer.bin.empty()) {
      return Rejected("eds.needs_organisation_certificate"_msg,
                      "certificate is a personal one; the signing account needs its "
                      "organisation's certificate (BIN {bin})",
                      {{"bin", Mask(expected_bin)}});
    }
    return Rejected("eds.wrong_bin"_msg,
                    "certificate belongs to BIN {bin}, not to the signing account",
                    {{"bin", Mask(signer.bin)}});
  }
  if (!expected_iin.empty() && signer.iin != expected_iin) {
    if (signer.iin.empty()) {
      return Rejected("eds.needs_iin"_msg,
                      "certificate names no IIN; the signing account needs one");
    }
    return Rejected("eds.wrong_iin"_msg,
                    "certificate belongs to IIN {iin}, not to the signing account",
                    {{"iin", Mask(signer.iin)}});
  }
  return {};
}

}  // namespace jumys
