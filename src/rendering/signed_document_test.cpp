// The path end to end, at library level: a permit and a job-seeker notification are
// rendered, signed by the head with a dev-CA key file, verified (here and by `openssl cms`),
// and a changed byte in the stored file is caught by its digest and by the signature.
#include <gtest/gtest.h>

#include "core/sha256.h"
#include "rendering/document_test_support.h"
#include "security/dev_ca.h"
#include "security/eds.h"
#include "security/eds_test_support.h"

namespace jumys::rendering {
namespace {

TEST(SignedDocumentTest, PermitAndNotificationSignedByTheHeadVerify) {
  const storage::TempDir temp;
  const auto& dir = temp.path();
  const Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto ca = CreateDevCa(dir / "ca", now);
  ASSERT_TRUE(ca) << ca.error().internal;
  auto trust = TrustStore::Load({ca->root_cert}, {ca->crl});
  ASSERT_TRUE(trust);
  auto templates = LoadDocumentTemplates(testing::TemplatesDir());
  ASSERT_TRUE(templates) << templates.error().message;

  for (const char* kind : {"permit", "notification"}) {
    SCOPED_TRACE(kind);
    const DocumentData data = testing::SampleData(*templates->Find(kind));
    auto pdf = RenderPdf(*templates, data);
    ASSERT_TRUE(pdf) << pdf.error().message;
    const std::string stored_digest = Sha256Hex(*pdf);

    auto signature =
        jumys::testing::SignWithKeyFile(ca->Find("head")->key_file, kDevCaPassword, *pdf);
    ASSERT_TRUE(signature) << signature.error().message;
    auto signer = VerifyDetachedSignature(*trust, *pdf, *signature, now);
    ASSERT_TRUE(signer) << signer.error().message;
    EXPECT_TRUE(CheckSignerMatches(*signer, ca->Find("head")->iin, ""));

    const std::string pdf_path = testing::WriteTempFile(std::string(kind) + "-signed.pdf", *pdf);
    const std::string sig_path = testing::WriteTempFile(std::string(kind) + ".cms", *signature);
    std::string out;
    EXPECT_EQ(testing::RunCommand("openssl cms -verify -binary -inform DER -content " + pdf_path +
                                      " -in " + sig_path + " -CAfile " + ca->root_cert.string() +
                                      " -out /dev/null",
                                  &out),
              0)
        << out;

    // The QR decodes to the verification URL, which is also printed under it. (zbarimg's
    // stderr is dropped: without a D-Bus it complains there.)
    std::string text;
    ASSERT_EQ(testing::RunCommand("pdftotext -enc UTF-8 " + pdf_path + " -", &text), 0);
    EXPECT_NE(testing::WithoutSpaces(text).find(data.verification_url), std::string::npos) << text;
    const std::string png = pdf_path.substr(0, pdf_path.size() - 4);
    std::string qr;
    ASSERT_EQ(testing::RunCommand("pdftoppm -png -r 150 -singlefile " + pdf_path + " " + png +
                                      " && (zbarimg -q --raw " + png + ".png 2>/dev/null)",
                                  &qr),
              0)
        << qr;
    EXPECT_EQ(qr, data.verification_url + "\n");

    std::string tampered = *pdf;
    tampered[tampered.size() / 3] ^= 0x20;
    EXPECT_NE(Sha256Hex(tampered), stored_digest);
    auto rejected = VerifyDetachedSignature(*trust, tampered, *signature, now);
    ASSERT_FALSE(rejected);
    EXPECT_EQ(rejected.error().message, "signed content does not match the document");
  }
}

}  // namespace
}  // namespace jumys::rendering
