#include "security/dev_ca.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "core/identifiers.h"
#include "core/sha256.h"
#include "core/testing/run_command.h"
#include "security/eds.h"
#include "security/eds_test_support.h"
#include "storage/testing/test_databases.h"

namespace jumys {
namespace {

using testing::RunCommand;

class DevCaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new storage::TempDir;
    dir_ = new std::filesystem::path(temp_->path() / "ca");
    auto created = CreateDevCa(
        *dir_, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    ASSERT_TRUE(created) << created.error().internal;
    ca_ = new DevCaResult(std::move(*created));
  }
  static void TearDownTestSuite() {
    delete temp_;
    delete ca_;
    delete dir_;
  }
  static std::string Path(const std::filesystem::path& p) { return "'" + p.string() + "'"; }
  static DevCaResult* ca_;
  static storage::TempDir* temp_;  // unique per process: ctest runs tests in parallel
  static std::filesystem::path* dir_;
};
DevCaResult* DevCaTest::ca_ = nullptr;
storage::TempDir* DevCaTest::temp_ = nullptr;
std::filesystem::path* DevCaTest::dir_ = nullptr;

TEST_F(DevCaTest, IssuesKeyFilesForTheDemoAccountsWithValidIdentifiers) {
  std::set<std::string> iins;
  for (const char* login :
       {"head", "head2", "oblast-head", "executor", "clerk", "seeker", "mover", "employer",
        "pet-head", "nko-oblast-head", "employer-nko", "expired", "revoked", "untrusted"}) {
    SCOPED_TRACE(login);
    const DevCaAccount* a = ca_->Find(login);
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(Iin::Parse(a->iin)) << a->iin;
    iins.insert(a->iin);
    EXPECT_EQ(a->key_file, *dir_ / (std::string(login) + ".p12"));
    EXPECT_TRUE(std::filesystem::exists(a->key_file));
    EXPECT_TRUE(std::filesystem::exists(a->cert_file));
  }
  EXPECT_EQ(iins.size(), 14u);
  EXPECT_EQ(ca_->Find("seeker")->iin, "900515300127");
  EXPECT_EQ(ca_->Find("mover")->iin, "870414300010");
  EXPECT_EQ(ca_->Find("employer")->bin, "080540001238");
  // The IINs demo_data.cpp gives these staff accounts, so that their signatures are theirs.
  EXPECT_EQ(ca_->Find("head")->iin, "780301300017");
  EXPECT_EQ(ca_->Find("pet-head")->iin, "790814300018");
  EXPECT_EQ(ca_->Find("nko-oblast-head")->iin, "750611300017");
  EXPECT_EQ(ca_->Find("employer-nko")->bin, "120940015272");
  EXPECT_EQ(ca_->Find("head")->bin, "");
  EXPECT_EQ(ca_->Find("nobody"), nullptr);
  EXPECT_TRUE(std::filesystem::exists(ca_->root_cert));
  EXPECT_TRUE(std::filesystem::exists(ca_->crl));
  EXPECT_TRUE(std::filesystem::exists(ca_->untrusted_root));
}

TEST_F(DevCaTest, SubjectsCarryIinAndBinAsKazakhCertificatesDo) {
  std::string head;
  ASSERT_EQ(RunCommand("openssl x509 -noout -subject -nameopt RFC2253,-esc_msb -in " +
                           Path(ca_->Find("head")->cert_file),
                       &head),
            0)
      << head;
  EXPECT_NE(head.find("serialNumber=IIN" + ca_->Find("head")->iin), std::string::npos) << head;
  EXPECT_NE(head.find("CN=ОСПАНОВ БАУЫРЖАН"), std::string::npos) << head;
  std::string employer;
  ASSERT_EQ(RunCommand("openssl x509 -noout -subject -nameopt RFC2253,-esc_msb -in " +
                           Path(ca_->Find("employer")->cert_file),
                       &employer),
            0);
  EXPECT_NE(employer.find("OU=BIN080540001238"), std::string::npos) << employer;
  std::string usage;
  ASSERT_EQ(
      RunCommand("openssl x509 -noout -ext keyUsage -in " + Path(ca_->Find("head")->cert_file),
                 &usage),
      0);
  EXPECT_NE(usage.find("Digital Signature, Non Repudiation"), std::string::npos) << usage;
}

TEST_F(DevCaTest, OpensslAgreesOnTrustExpiryAndRevocation) {
  const std::string ca = " -CAfile " + Path(ca_->root_cert);
  const std::string crl = " -crl_check -CRLfile " + Path(ca_->crl);
  std::string out;
  EXPECT_EQ(
      RunCommand("openssl verify" + ca + crl + " " + Path(ca_->Find("head")->cert_file), &out), 0)
      << out;
  out.clear();
  EXPECT_NE(
      RunCommand("openssl verify" + ca + crl + " " + Path(ca_->Find("revoked")->cert_file), &out),
      0);
  EXPECT_NE(out.find("revoked"), std::string::npos) << out;
  out.clear();
  EXPECT_NE(RunCommand("openssl verify" + ca + " " + Path(ca_->Find("expired")->cert_file), &out),
            0);
  EXPECT_NE(out.find("expired"), std::string::npos) << out;
  out.clear();
  EXPECT_NE(RunCommand("openssl verify" + ca + " " + Path(ca_->Find("untrusted")->cert_file), &out),
            0);
  out.clear();
  EXPECT_EQ(RunCommand("openssl verify -CAfile " + Path(ca_->untrusted_root) + " " +
                           Path(ca_->Find("untrusted")->cert_file),
                       &out),
            0)
      << out;
}

TEST_F(DevCaTest, KeyFilesOpenWithTheDocumentedPasswordOnly) {
  const auto& key_file = ca_->Find("clerk")->key_file;
  EXPECT_TRUE(testing::SignWithKeyFile(key_file, kDevCaPassword, "text"));
  auto wrong = testing::SignWithKeyFile(key_file, "wrong", "text");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message, "wrong key file password");
  std::string out;
  EXPECT_EQ(RunCommand("openssl pkcs12 -noout -passin pass:demo -in " + Path(key_file), &out), 0)
      << out;
}

TEST_F(DevCaTest, ReachesBackOverTheDemosMonthsAndSaysWhenItDoesNot) {
  const Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto days = [](int n) { return std::chrono::days(n); };
  EXPECT_EQ(DevCaGap(*dir_, now - days(300), now + days(300)).value(), "");
  const std::string before = DevCaGap(*dir_, now - days(450), now).value();
  EXPECT_NE(before.find("root-ca.pem is not valid yet"), std::string::npos) << before;
  const std::string after = DevCaGap(*dir_, now, now + days(4 * 365)).value();
  EXPECT_NE(after.find("no longer valid"), std::string::npos) << after;
  EXPECT_EQ(DevCaGap(*dir_ / "none", now, now).value(), "root-ca.pem is missing");
}

TEST_F(DevCaTest, SignsAsADemoAccountWhatTheVerifierAcceptsMonthsBack) {
  auto trust = TrustStore::Load({ca_->root_cert}, {ca_->crl});
  ASSERT_TRUE(trust) << trust.error().message;
  const Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const Instant months_ago = now - std::chrono::days(200);
  DevCaSigner signer(*dir_);
  auto cms = signer.Sign("head", "the contract", months_ago);
  ASSERT_TRUE(cms) << cms.error().internal;
  auto signer_id = VerifyDetachedSignature(*trust, "the contract", *cms, months_ago);
  ASSERT_TRUE(signer_id) << signer_id.error().message;
  EXPECT_EQ(signer_id->iin, ca_->Find("head")->iin);
  // Signed attributes with the SHA-256 digest, as the digest-only check needs.
  EXPECT_TRUE(VerifyDetachedSignatureOfDigest(*trust, Sha256Hex("the contract"), *cms, months_ago));
  EXPECT_FALSE(VerifyDetachedSignature(*trust, "another contract", *cms, months_ago));
  // The signing time is the one asked for, not the machine's.
  std::string out;
  const auto file = *dir_ / "head.cms";
  std::ofstream(file, std::ios::binary) << *cms;
  ASSERT_EQ(RunCommand("openssl cms -cmsout -print -inform DER -in " + Path(file), &out), 0);
  const std::time_t t = months_ago.time_since_epoch().count();
  char printed[64];
  std::strftime(printed, sizeof printed, "UTCTIME:%b %e %H:%M:%S %Y GMT", std::gmtime(&t));
  EXPECT_NE(out.find(printed), std::string::npos) << printed << " not in " << out;
  EXPECT_FALSE(signer.Sign("nobody", "text", now)) << "no key file";
}

TEST_F(DevCaTest, ReadmeListsEveryAccountAndThePassword) {
  std::ifstream in(ca_->readme);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("password: demo"), std::string::npos);
  for (const auto& a : ca_->accounts) {
    EXPECT_NE(text.str().find(a.login), std::string::npos) << a.login;
    EXPECT_NE(text.str().find(a.iin), std::string::npos) << a.login;
  }
}

TEST_F(DevCaTest, RerunningKeepsTheSameFileNamesAndIins) {
  const auto other = *dir_ / "again";
  auto again = CreateDevCa(
      other, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  ASSERT_TRUE(again);
  ASSERT_EQ(again->accounts.size(), ca_->accounts.size());
  for (size_t i = 0; i < again->accounts.size(); ++i) {
    EXPECT_EQ(again->accounts[i].iin, ca_->accounts[i].iin);
    EXPECT_EQ(again->accounts[i].key_file.filename(), ca_->accounts[i].key_file.filename());
  }
}

}  // namespace
}  // namespace jumys
