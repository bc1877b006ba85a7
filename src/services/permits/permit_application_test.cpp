#include "services/permits/permit_application.h"

#include <gtest/gtest.h>

namespace jumys::permits {
namespace {

using nlohmann::json;

constexpr const char* kOblast = "430000000";

json Issue() {
  return {{"category", 3},
          {"workers", 2},
          {"occupation", "2142-1"},
          {"region", "431010000"},
          {"term_months", 12}};
}

TEST(PermitApplication, AValidIssueApplicationIsRead) {
  auto a = ParseApplication(kIssue, Issue(), kOblast);
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->category, 3);
  EXPECT_EQ(a->workers, 2);
  EXPECT_EQ(a->occupation, "2142-1");
  EXPECT_EQ(a->term_months, 12);
}

TEST(PermitApplication, EveryProblemIsNamed) {
  json bad = {{"category", 0},
              {"workers", 1001},
              {"occupation", "0123"},
              {"region", "75101000"},
              {"term_months", 13}};
  auto a = ParseApplication(kIssue, bad, kOblast);
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(a.error().details.size(), 5u);
  // A region of another oblast is refused by name.
  json elsewhere = Issue();
  elsewhere["region"] = "751010000";
  auto other = ParseApplication(kIssue, elsewhere, kOblast);
  ASSERT_FALSE(other.has_value());
  ASSERT_EQ(other.error().details.size(), 1u);
  EXPECT_NE(other.error().details[0].message.find("not in this oblast"), std::string::npos);
  // Numbers given as text are not numbers.
  json text = Issue();
  text["workers"] = "2";
  EXPECT_FALSE(ParseApplication(kIssue, text, kOblast).has_value());
}

TEST(PermitApplication, IctNeedsTheHostAndATransferTermOfAtMostThreeYears) {
  json ict = Issue();
  ict.erase("term_months");
  EXPECT_FALSE(ParseApplication(kIct, ict, kOblast).has_value());
  ict["host_company"] = "Aral Fish Holding GmbH";
  ict["transfer_term_months"] = 36;
  auto a = ParseApplication(kIct, ict, kOblast);
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->term_months, 36);
  ict["transfer_term_months"] = 37;
  EXPECT_FALSE(ParseApplication(kIct, ict, kOblast).has_value());
}

TEST(PermitApplication, RenewalsReferToAPermit) {
  EXPECT_FALSE(ParseApplication(kExtension, {{"term_months", 6}}, kOblast).has_value());
  auto ext = ParseApplication(
      kExtension, {{"permit_number", "KZO-OBLAST-DEMO-P1"}, {"term_months", 6}}, kOblast);
  ASSERT_TRUE(ext.has_value()) << ext.error().message;
  EXPECT_EQ(ext->permit_number, "KZO-OBLAST-DEMO-P1");
  EXPECT_FALSE(
      ParseApplication(kReissue, {{"permit_number", "KZO-OBLAST-DEMO-P1"}}, kOblast).has_value())
      << "a reissue says what changed";
  EXPECT_FALSE(
      ParseApplication(kIctRenewal, {{"permit_number", "P-1"}, {"action", "prolong"}}, kOblast)
          .has_value());
  auto reissue = ParseApplication(
      kIctRenewal, {{"permit_number", "P-1"}, {"action", "reissue"}, {"reason", "new host"}},
      kOblast);
  ASSERT_TRUE(reissue.has_value()) << reissue.error().message;
  EXPECT_EQ(reissue->term_months, 0);
  EXPECT_FALSE(
      ParseApplication(kIctRenewal, {{"permit_number", "P-1"}, {"action", "extend"}}, kOblast)
          .has_value())
      << "an extension gives its term";
}

TEST(PermitApplication, OnlyThePermitProcessesAreRead) {
  EXPECT_TRUE(IsPermitProcess(kIctRenewal));
  EXPECT_FALSE(IsPermitProcess("job-seeker-registration"));
  EXPECT_EQ(ParseApplication("job-seeker-registration", Issue(), kOblast).error().code,
            ErrorCode::kInternal);
  EXPECT_FALSE(ParseApplication(kIssue, json::array(), kOblast).has_value());
}

}  // namespace
}  // namespace jumys::permits
