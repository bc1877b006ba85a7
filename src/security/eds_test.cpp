#include "security/eds.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/sha256.h"
#include "core/testing/run_command.h"
#include "security/cms_certificates.h"
#include "security/dev_ca.h"
#include "security/eds_test_support.h"
#include "storage/testing/test_databases.h"

namespace jumys {
namespace {

using testing::RunCommand;

using std::chrono::seconds;

// Binary bytes like a PDF's: NUL, CR LF and high bytes must be signed as they are.
constexpr char kDocumentHead[] = "%PDF-1.5\r\n\x00\xff\xfe binary \n";
const std::string kDocument = std::string(kDocumentHead, sizeof(kDocumentHead) - 1) + "stream";

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class EdsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new storage::TempDir;
    dir_ = new std::filesystem::path(temp_->path() / "ca");
    now_ = std::chrono::floor<seconds>(std::chrono::system_clock::now());
    auto created = CreateDevCa(*dir_, now_);
    ASSERT_TRUE(created) << created.error().internal;
    ca_ = new DevCaResult(std::move(*created));
    auto trust = TrustStore::Load({ca_->root_cert}, {ca_->crl});
    ASSERT_TRUE(trust) << trust.error().message;
    trust_ = new TrustStore(std::move(*trust));
  }
  static void TearDownTestSuite() {
    delete temp_;
    delete trust_;
    delete ca_;
    delete dir_;
  }
  static std::string Sign(const std::string& login, const std::string& content = kDocument) {
    auto signature = testing::SignWithKeyFile(ca_->Find(login)->key_file, kDevCaPassword, content);
    EXPECT_TRUE(signature) << signature.error().message;
    return signature ? *signature : std::string();
  }
  static std::string Rejection(const std::string& login, const std::string& content = kDocument) {
    auto verified = VerifyDetachedSignature(*trust_, content, Sign(login), now_);
    if (verified) return "accepted";
    EXPECT_EQ(verified.error().code, ErrorCode::kUnprocessable);
    return verified.error().message;
  }
  static std::string WriteFile(const std::string& name, const std::string& bytes) {
    const auto path = *dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return "'" + path.string() + "'";
  }
  static storage::TempDir* temp_;  // unique per process: ctest runs tests in parallel
  static std::filesystem::path* dir_;
  static DevCaResult* ca_;
  static TrustStore* trust_;
  static Instant now_;
};
storage::TempDir* EdsTest::temp_ = nullptr;
std::filesystem::path* EdsTest::dir_ = nullptr;
DevCaResult* EdsTest::ca_ = nullptr;
TrustStore* EdsTest::trust_ = nullptr;
Instant EdsTest::now_{};

// A detached signature of kDocument by `login`, with these CMS_sign flags and extra certificates.
std::string SignWith(const DevCaResult& ca, const std::string& login, unsigned flags,
                     STACK_OF(X509) * extra = nullptr) {
  auto key = testing::OpenKeyFile(ca.Find(login)->key_file, kDevCaPassword);
  EXPECT_TRUE(key) << key.error().message;
  if (!key) return {};
  auto signature = testing::SignWithKey(*key, kDocument, flags, extra);
  EXPECT_TRUE(signature) << signature.error().message;
  return signature ? *signature : std::string();
}

std::string CertificateDer(X509* cert) {
  unsigned char* der = nullptr;
  const int length = i2d_X509(cert, &der);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

TEST_F(EdsTest, AcceptsTheHeadsSignatureAndOpensslCmsAgrees) {
  const std::string signature = Sign("head");
  auto signer = VerifyDetachedSignature(*trust_, kDocument, signature, now_);
  ASSERT_TRUE(signer) << signer.error().message;
  EXPECT_EQ(signer->iin, ca_->Find("head")->iin);
  EXPECT_EQ(signer->bin, "");
  EXPECT_EQ(signer->common_name, "ОСПАНОВ БАУЫРЖАН");
  EXPECT_TRUE(CheckSignerMatches(*signer, ca_->Find("head")->iin, ""));

  const std::string doc = WriteFile("document.bin", kDocument);
  const std::string sig = WriteFile("document.cms", signature);
  const std::string ca = "'" + ca_->root_cert.string() + "'";
  std::string out;
  EXPECT_EQ(RunCommand("openssl cms -verify -binary -content " + doc + " -inform DER -in " + sig +
                           " -CAfile " + ca + " -out /dev/null",
                       &out),
            0)
      << out;
  EXPECT_NE(out.find("Verification successful"), std::string::npos) << out;
  // With the CRL (`openssl cms` reads CRLs from its CA file) it still passes.
  out.clear();
  const std::string with_crl =
      WriteFile("ca-with-crl.pem", ReadAll(ca_->root_cert) + ReadAll(ca_->crl));
  EXPECT_EQ(RunCommand("openssl cms -verify -binary -content " + doc + " -inform DER -in " + sig +
                           " -CAfile " + with_crl + " -crl_check -out /dev/null",
                       &out),
            0)
      << out;
  // And the CLI too refuses the same signature over different bytes.
  out.clear();
  const std::string other = WriteFile("other.bin", kDocument + "x");
  EXPECT_NE(RunCommand("openssl cms -verify -binary -content " + other + " -inform DER -in " + sig +
                           " -CAfile " + ca + " -out /dev/null",
                       &out),
            0);
}

TEST_F(EdsTest, AcceptsPemAndBase64Encodings) {
  const std::string der = Sign("seeker");
  std::string b64(4 * ((der.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()),
                  reinterpret_cast<const unsigned char*>(der.data()), static_cast<int>(der.size()));
  std::string pem = "-----BEGIN CMS-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) pem += b64.substr(i, 64) + "\n";
  pem += "-----END CMS-----\n";
  for (const std::string& encoded : {b64, pem}) {
    auto signer = VerifyDetachedSignature(*trust_, kDocument, encoded, now_);
    ASSERT_TRUE(signer) << signer.error().message;
    EXPECT_EQ(signer->iin, "900515300127");
  }
}

TEST_F(EdsTest, OrganisationCertificateCarriesItsBin) {
  auto signer = VerifyDetachedSignature(*trust_, kDocument, Sign("employer"), now_);
  ASSERT_TRUE(signer) << signer.error().message;
  EXPECT_EQ(signer->bin, "080540001238");
  EXPECT_EQ(signer->organization, "«АРАЛ БАЛЫҚ» ЖШС");
  EXPECT_TRUE(CheckSignerMatches(*signer, "", "080540001238"));
  auto other = CheckSignerMatches(*signer, "", "080540001239");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().message,
            "certificate belongs to BIN 08********38, not to the signing account");
  EXPECT_EQ(other.error().key, "eds.wrong_bin");
  EXPECT_EQ(other.error().params, (MessageParams{{"bin", "08********38"}}));
  auto seeker = VerifyDetachedSignature(*trust_, kDocument, Sign("seeker"), now_);
  ASSERT_TRUE(seeker);
  auto personal = CheckSignerMatches(*seeker, "", "080540001238");
  ASSERT_FALSE(personal);
  EXPECT_NE(personal.error().message.find("personal"), std::string::npos);
  EXPECT_EQ(personal.error().key, "eds.needs_organisation_certificate");
  EXPECT_EQ(personal.error().params, (MessageParams{{"bin", "08********38"}}));
}

TEST_F(EdsTest, RejectsAWrongIin) {
  auto signer = VerifyDetachedSignature(*trust_, kDocument, Sign("seeker"), now_);
  ASSERT_TRUE(signer);
  auto mismatch = CheckSignerMatches(*signer, ca_->Find("head")->iin, "");
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(mismatch.error().message,
            "certificate belongs to IIN 90********27, not to the signing account");
  EXPECT_EQ(mismatch.error().key, "eds.wrong_iin");
  EXPECT_EQ(mismatch.error().params, (MessageParams{{"iin", "90********27"}}));
}

TEST_F(EdsTest, RejectsExpiredRevokedUntrustedAndTampered) {
  EXPECT_EQ(Rejection("expired"), "signature certificate has expired");
  EXPECT_EQ(Rejection("revoked"), "certificate is revoked");
  std::string out;  // the CLI agrees on the revoked one
  const std::string with_crl = WriteFile("ca-crl.pem", ReadAll(ca_->root_cert) + ReadAll(ca_->crl));
  EXPECT_NE(RunCommand("openssl cms -verify -binary -content " + WriteFile("doc.bin", kDocument) +
                           " -inform DER -in " + WriteFile("revoked.cms", Sign("revoked")) +
                           " -CAfile " + with_crl + " -crl_check -out /dev/null",
                       &out),
            0);
  EXPECT_NE(out.find("revoked"), std::string::npos) << out;
  EXPECT_EQ(Rejection("untrusted"), "certificate is not issued by a trusted authority");
  std::string tampered = kDocument;
  tampered[3] ^= 0x01;
  auto verified = VerifyDetachedSignature(*trust_, tampered, Sign("head"), now_);
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().message, "signed content does not match the document");
  EXPECT_EQ(verified.error().key, "eds.content_mismatch");
}

TEST_F(EdsTest, RejectionsCarryAMessageKey) {
  const auto key = [](const std::string& login) {
    auto verified = VerifyDetachedSignature(*trust_, kDocument, Sign(login), now_);
    return verified ? std::string("accepted") : verified.error().key;
  };
  EXPECT_EQ(key("expired"), "eds.certificate_expired");
  EXPECT_EQ(key("revoked"), "eds.certificate_revoked");
  EXPECT_EQ(key("untrusted"), "eds.untrusted_issuer");
  EXPECT_EQ(key("head"), "accepted");
  auto stale =
      VerifyDetachedSignature(*trust_, kDocument, Sign("head"), now_ + seconds(730 * 86400));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().key, "eds.revocation_list_out_of_date");
  auto garbage = VerifyDetachedSignature(*trust_, kDocument, "not a signature", now_);
  ASSERT_FALSE(garbage);
  EXPECT_FALSE(garbage.error().key.empty());
  EXPECT_NE(garbage.error().key, "legacy");
}

// A GOST signature is refused by name. No GOST signer exists here, so the RSA signature
// algorithm of the SignerInfo (the last RSA OID in the DER, after the certificates) is
// rewritten to Kazakhstan's GOST 34.310 OID 1.2.398.3.10.1.1.1.1, of the same length.
TEST_F(EdsTest, AGostSignatureIsRefusedByName) {
  std::string der = Sign("head");
  const std::string rsa("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01", 10);
  const auto at = der.rfind(rsa);
  ASSERT_NE(at, std::string::npos);
  der.replace(at + 2, 9, std::string("\x2a\x83\x0e\x03\x0a\x01\x01\x01\x01", 9));
  auto verified = VerifyDetachedSignature(*trust_, kDocument, der, now_);
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().key, "eds.gost_unsupported");
  EXPECT_EQ(verified.error().code, ErrorCode::kUnprocessable);
  auto by_digest = VerifyDetachedSignatureOfDigest(*trust_, Sha256Hex(kDocument), der, now_);
  ASSERT_FALSE(by_digest);
  EXPECT_EQ(by_digest.error().key, "eds.gost_unsupported");
}

// A trusted authority without its revocation list would let a revoked certificate sign: the
// store refuses to load, naming the authority (each of them: the second root has no CRL).
TEST_F(EdsTest, EveryTrustedAuthorityNeedsItsRevocationList) {
  auto no_crl = TrustStore::Load({ca_->root_cert}, {});
  ASSERT_FALSE(no_crl);
  EXPECT_EQ(no_crl.error().key, "eds.ca_without_crl");
  EXPECT_NE(no_crl.error().message.find("jumys Dev Root CA"), std::string::npos)
      << no_crl.error().message;
  auto second_root = TrustStore::Load({ca_->root_cert, ca_->untrusted_root}, {ca_->crl});
  ASSERT_FALSE(second_root);
  EXPECT_NE(second_root.error().message.find("Untrusted Test Root CA"), std::string::npos)
      << second_root.error().message;
  EXPECT_TRUE(TrustStore::Load({ca_->root_cert}, {ca_->crl}));
}

// The trust files read again when they change: another CA's root and CRL copied over them
// are in use at the next reload, the first CA's signatures no longer trusted; files that do
// not load leave the store in use and are not read again until they change.
TEST_F(EdsTest, TheTrustFilesAreReadAgainWhenTheyChange) {
  const auto root = temp_->path() / "trust-root.pem";
  const auto crl = temp_->path() / "trust-crl.pem";
  const auto copy = [](const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  };
  copy(ca_->root_cert, root);
  copy(ca_->crl, crl);
  auto files = TrustFiles::Load({root}, {crl});
  ASSERT_TRUE(files) << files.error().message;
  const auto first = (*files)->Current();
  EXPECT_TRUE(VerifyDetachedSignature(*first, kDocument, Sign("head"), now_));
  auto unchanged = (*files)->Reload(false);
  ASSERT_TRUE(unchanged);
  EXPECT_FALSE(*unchanged);
  EXPECT_EQ((*files)->Current(), first);

  auto other = CreateDevCa(temp_->path() / "other-ca", now_);
  ASSERT_TRUE(other) << other.error().internal;
  copy(other->root_cert, root);
  copy(other->crl, crl);
  auto changed = (*files)->Reload(false);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_TRUE(*changed);
  const auto second = (*files)->Current();
  auto old_signer = VerifyDetachedSignature(*second, kDocument, Sign("head"), now_);
  ASSERT_FALSE(old_signer);
  EXPECT_EQ(old_signer.error().key, "eds.untrusted_issuer");
  auto new_signer =
      testing::SignWithKeyFile(other->Find("head")->key_file, kDevCaPassword, kDocument);
  ASSERT_TRUE(new_signer);
  EXPECT_TRUE(VerifyDetachedSignature(*second, kDocument, *new_signer, now_));

  std::ofstream(crl, std::ios::binary | std::ios::trunc) << "not a CRL";
  auto broken = (*files)->Reload(false);
  ASSERT_FALSE(broken);
  EXPECT_EQ((*files)->Current(), second);
  auto again = (*files)->Reload(false);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_FALSE((*files)->Reload(true)) << "asked to, it reads them and refuses them again";
  EXPECT_EQ((*files)->Current(), second);
}

TEST_F(EdsTest, TheCrlMustBeCurrent) {
  // Two years on the CRL (next update in a year) is stale, though the certificate still runs.
  auto stale =
      VerifyDetachedSignature(*trust_, kDocument, Sign("head"), now_ + seconds(730 * 86400));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().key, "eds.revocation_list_out_of_date");
  EXPECT_NE(stale.error().message.find("revocation list is out of date"), std::string::npos);
}

TEST_F(EdsTest, ValidityIsCheckedAtTheGivenInstant) {
  const std::string signature = Sign("head");
  EXPECT_TRUE(VerifyDetachedSignature(*trust_, kDocument, signature, now_));
  // Before the CA and its list existed: refused, as the signer is told (the list answers
  // first; an expired certificate at a current list is the "expired" account's case).
  auto earlier = VerifyDetachedSignature(*trust_, kDocument, signature,
                                         now_ - kDevCaBackdate - seconds(12 * 3600));
  ASSERT_FALSE(earlier);
  EXPECT_EQ(earlier.error().code, ErrorCode::kUnprocessable);
}

TEST_F(EdsTest, VerifiesGivenOnlyTheContentsDigest) {
  const std::string signature = Sign("head");
  auto signer = VerifyDetachedSignatureOfDigest(*trust_, Sha256Hex(kDocument), signature, now_);
  ASSERT_TRUE(signer) << signer.error().message;
  EXPECT_EQ(signer->iin, ca_->Find("head")->iin);
  auto other =
      VerifyDetachedSignatureOfDigest(*trust_, Sha256Hex(kDocument + "x"), signature, now_);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().message, "signed content does not match the document");
  // The signer's checks are the same as with the content.
  for (const char* login : {"expired", "revoked", "untrusted"}) {
    auto refused =
        VerifyDetachedSignatureOfDigest(*trust_, Sha256Hex(kDocument), Sign(login), now_);
    ASSERT_FALSE(refused) << login;
    EXPECT_EQ(refused.error().message, Rejection(login)) << login;
  }
}

TEST_F(EdsTest, ASignatureWithoutSignedAttributesNeedsTheContent) {
  const std::string signature = SignWith(*ca_, "head", CMS_NOATTR);
  EXPECT_TRUE(VerifyDetachedSignature(*trust_, kDocument, signature, now_));
  auto by_digest = VerifyDetachedSignatureOfDigest(*trust_, Sha256Hex(kDocument), signature, now_);
  ASSERT_FALSE(by_digest);
  EXPECT_NE(by_digest.error().message.find("the content is needed"), std::string::npos)
      << by_digest.error().message;
}

TEST_F(EdsTest, TheSignersCertificateIsSplitOffAndPutBackUnchanged) {
  const std::string der = Sign("head");
  auto split = SplitCertificates(der);
  ASSERT_TRUE(split);
  ASSERT_EQ(split->certificates.size(), 1u);
  auto key = testing::OpenKeyFile(ca_->Find("head")->key_file, kDevCaPassword);
  ASSERT_TRUE(key);
  EXPECT_EQ(split->certificates[0], CertificateDer(key->cert.get()));

  openssl::Bio in = openssl::MemoryBio(split->without_certificates);
  openssl::Cms cms(d2i_CMS_bio(in.get(), nullptr));
  ASSERT_TRUE(cms);
  openssl::CertStack none(CMS_get1_certs(cms.get()));
  EXPECT_EQ(none ? sk_X509_num(none.get()) : 0, 0);

  CertificateCache cache;
  X509* cert = cache.Get(split->certificates[0]);
  ASSERT_NE(cert, nullptr);
  openssl::Cert again(cache.Get(std::string(split->certificates[0])));
  EXPECT_EQ(again.get(), cert);  // decoded once
  ASSERT_EQ(CMS_add0_cert(cms.get(), cert), 1);
  openssl::Bio out(BIO_new(BIO_s_mem()));
  ASSERT_EQ(i2d_CMS_bio(out.get(), cms.get()), 1);
  EXPECT_EQ(openssl::BioBytes(out.get()), der);
}

TEST_F(EdsTest, ASignatureCarryingItsIssuerToo) {
  openssl::Bio pem(BIO_new_file(ca_->root_cert.c_str(), "r"));
  openssl::Cert root(PEM_read_bio_X509(pem.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(root);
  openssl::CertStack extra(sk_X509_new_null());
  sk_X509_push(extra.get(), X509_dup(root.get()));
  const std::string der = SignWith(*ca_, "head", 0, extra.get());
  auto split = SplitCertificates(der);
  ASSERT_TRUE(split);
  EXPECT_EQ(split->certificates.size(), 2u);
  for (int round = 0; round < 2; ++round) {  // the second from the cache
    auto signer = VerifyDetachedSignature(*trust_, kDocument, der, now_);
    ASSERT_TRUE(signer) << signer.error().message;
    EXPECT_EQ(signer->iin, ca_->Find("head")->iin);
  }
}

TEST_F(EdsTest, WhatCannotBeSplitIsLeftToOpenssl) {
  const std::string der = Sign("head");
  EXPECT_FALSE(SplitCertificates(""));
  EXPECT_FALSE(SplitCertificates("not a signature"));
  EXPECT_FALSE(SplitCertificates(der.substr(0, der.size() - 1)));
  EXPECT_FALSE(SplitCertificates(der + "x"));
  // BER's indefinite length.
  EXPECT_FALSE(
      SplitCertificates(std::string("\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"
                                    "\x00\x00",
                                    15)));
  // No certificates: verified as before, refused for the missing signer certificate.
  const std::string bare = SignWith(*ca_, "head", CMS_NOCERTS);
  EXPECT_FALSE(SplitCertificates(bare));
  auto refused = VerifyDetachedSignature(*trust_, kDocument, bare, now_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "the signature does not include the signer's certificate");
}

TEST_F(EdsTest, ABrokenBundledCertificateMakesItNoSignature) {
  std::string der = Sign("head");
  auto split = SplitCertificates(der);
  ASSERT_TRUE(split);
  // The certificate's first field (tbsCertificate, a SEQUENCE after a 4-byte header) made a SET.
  const std::size_t at = static_cast<std::size_t>(split->certificates[0].data() - der.data()) + 4;
  ASSERT_EQ(der[at], '\x30');
  der[at] = '\x31';
  ASSERT_TRUE(SplitCertificates(der));
  CertificateCache cache;
  EXPECT_EQ(cache.Get(SplitCertificates(der)->certificates[0]), nullptr);
  EXPECT_EQ(cache.Get("not a certificate"), nullptr);
  auto refused = VerifyDetachedSignature(*trust_, kDocument, der, now_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
}

TEST_F(EdsTest, RejectsWhatIsNotASignature) {
  auto garbage = VerifyDetachedSignature(*trust_, kDocument, "not a signature", now_);
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::kInvalidInput);
  EXPECT_FALSE(VerifyDetachedSignature(*trust_, kDocument, "", now_));
}

TEST_F(EdsTest, TrustStoreLoadErrorsNameTheFile) {
  auto missing = TrustStore::Load({*dir_ / "nope.pem"}, {});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("nope.pem"), std::string::npos);
  auto not_a_crl = TrustStore::Load({ca_->root_cert}, {ca_->readme});
  ASSERT_FALSE(not_a_crl);
  EXPECT_NE(not_a_crl.error().message.find("no CRL in"), std::string::npos);
  EXPECT_FALSE(TrustStore::Load({}, {}));
}

}  // namespace
}  // namespace jumys
