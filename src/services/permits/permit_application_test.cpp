#include "services/permits/permit_application.h"

#include <gtest/gtest.h>

namespace jumys::permits {
namespace {

using nlohmann::json;

// The limits of each field (category 1-4, NKZ and KATO patterns, terms...) are the
// definitions' (processes/*-permit*/), checked by the engine before this code reads the data:
// see PermitApiSuite and the definition tests. Here: what the code reads, and the rule it keeps.

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
  EXPECT_EQ(a->region, "431010000");
  EXPECT_EQ(a->term_months, 12);
}

TEST(PermitApplication, ARegionOfAnotherOblastIsRefusedNamingTheField) {
  json elsewhere = Issue();
  elsewhere["region"] = "751010000";
  auto other = ParseApplication(kIssue, elsewhere, kOblast);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(other.error().key, "data.invalid");
  ASSERT_EQ(other.error().details.size(), 1u);
  const ErrorDetail& d = other.error().details[0];
  EXPECT_EQ(d.field, "data.region");
  EXPECT_EQ(d.key, "permit.region_elsewhere");
  EXPECT_EQ(d.params, (MessageParams{{"region", "751010000"}, {"oblast", kOblast}}));
  EXPECT_EQ(d.message, "751010000 is not in this oblast (430000000)");
  // The same rule for an intra-corporate transfer.
  json ict = elsewhere;
  ict.erase("term_months");
  ict["host_company"] = "Aral Fish Holding GmbH";
  ict["transfer_term_months"] = 36;
  auto other_ict = ParseApplication(kIct, ict, kOblast);
  ASSERT_FALSE(other_ict.has_value());
  EXPECT_EQ(other_ict.error().details.at(0).key, "permit.region_elsewhere");
}

TEST(PermitApplication, IctReadsTheCompanyAndTheTransferTerm) {
  json ict = Issue();
  ict.erase("term_months");
  ict["host_company"] = "Aral Fish Holding GmbH";
  ict["transfer_term_months"] = 36;
  auto a = ParseApplication(kIct, ict, kOblast);
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->host_company, "Aral Fish Holding GmbH");
  EXPECT_EQ(a->term_months, 36);
}

TEST(PermitApplication, RenewalsReadThePermitAndWhatTheRequestAsks) {
  auto ext = ParseApplication(
      kExtension, {{"permit_number", "KZO-OBLAST-DEMO-P1"}, {"term_months", 6}}, kOblast);
  ASSERT_TRUE(ext.has_value()) << ext.error().message;
  EXPECT_EQ(ext->permit_number, "KZO-OBLAST-DEMO-P1");
  EXPECT_EQ(ext->term_months, 6);
  auto reissue = ParseApplication(
      kReissue, {{"permit_number", "KZO-OBLAST-DEMO-P1"}, {"reason", "new address"}}, kOblast);
  ASSERT_TRUE(reissue.has_value()) << reissue.error().message;
  EXPECT_EQ(reissue->reason, "new address");
  // S4e: the action says which of term and reason the request carries.
  auto ict_reissue = ParseApplication(
      kIctRenewal, {{"permit_number", "P-1"}, {"action", "reissue"}, {"reason", "new host"}},
      kOblast);
  ASSERT_TRUE(ict_reissue.has_value()) << ict_reissue.error().message;
  EXPECT_EQ(ict_reissue->action, "reissue");
  EXPECT_EQ(ict_reissue->reason, "new host");
  EXPECT_EQ(ict_reissue->term_months, 0);
  auto ict_extend = ParseApplication(
      kIctRenewal, {{"permit_number", "P-1"}, {"action", "extend"}, {"term_months", 12}}, kOblast);
  ASSERT_TRUE(ict_extend.has_value()) << ict_extend.error().message;
  EXPECT_EQ(ict_extend->term_months, 12);
  EXPECT_EQ(ict_extend->reason, "");
}

// Data the definition should have made required and the engine checked: a broken
// definition, never the applicant's fault.
TEST(PermitApplication, DataTheDefinitionDoesNotGuaranteeIsAnInternalError) {
  json missing = Issue();
  missing.erase("workers");
  EXPECT_EQ(ParseApplication(kIssue, missing, kOblast).error().code, ErrorCode::kInternal);
  json text = Issue();
  text["workers"] = "2";
  EXPECT_EQ(ParseApplication(kIssue, text, kOblast).error().code, ErrorCode::kInternal);
  EXPECT_EQ(ParseApplication(kIctRenewal, {{"permit_number", "P-1"}, {"action", "extend"}}, kOblast)
                .error()
                .code,
            ErrorCode::kInternal);
  EXPECT_EQ(ParseApplication(kIssue, json::array(), kOblast).error().code, ErrorCode::kInternal);
}

TEST(PermitApplication, OnlyThePermitProcessesAreRead) {
  EXPECT_TRUE(IsPermitProcess(kIctRenewal));
  EXPECT_FALSE(IsPermitProcess("job-seeker-registration"));
  EXPECT_EQ(ParseApplication("job-seeker-registration", Issue(), kOblast).error().code,
            ErrorCode::kInternal);
}

}  // namespace
}  // namespace jumys::permits
