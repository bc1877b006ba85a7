#pragma once
// S4b-S4e through the API on both channels: reissue and extension of a permit keeping its
// chain, an expired permit not extended, ICT permits outside the quota and their renewal.
#include "server/permit_api_suite.h"

namespace jumys::testing {

TEST_P(PermitApiSuite, S4bReissueOfficeThenPortalKeepsTheChain) {
  auto kase = FileOffice(
      "foreign-labour-permit-reissue",
      {{"permit_number", permits::kDemoValidPermit}, {"reason", "the employer's name changed"}});
  const std::int64_t id = kase["id"];
  auto done = Work("foreign-labour-permit-reissue", id,
                   {{"register", "oblast-clerk", "accepted"},
                    {"decide", "oblast-head", "reissue"},
                    {"prepare", "oblast-executor", "prepared"},
                    {"sign", "oblast-head", "signed"},
                    {"hand_over", "oblast-clerk", "handed_over"}});
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["result"]["kind"], "permit");
  // S4b 6.2: the receipt only (no tear-off coupon), with the day the result is due: the
  // service term (7 working days) from filing on Monday 2026-11-23.
  auto receipt = GetJson("/api/v1/cases/" + std::to_string(id) + "/coupon", "oblast-clerk");
  EXPECT_EQ(receipt["kind"], "receipt");
  EXPECT_EQ(kase["result_due_on"], "2026-12-02");
  EXPECT_EQ(receipt["result_due_on"], "2026-12-02");
  auto printed = Get(receipt["document_url"], "oblast-clerk");
  ASSERT_EQ(printed.status, 200);
  EXPECT_NE(PrintedText(printed.body).find("02.12.2026"), std::string::npos);
  EXPECT_EQ(
      GetJson(std::string("/api/v1/permits/") + permits::kDemoValidPermit, "employer")["status"],
      "reissued");
  const std::string reissued = ValidPermitOf(id).value("number", "");
  ASSERT_FALSE(reissued.empty());
  auto chain = GetJson("/api/v1/permits/" + reissued, "oblast-executor");
  EXPECT_EQ(chain["valid_until"], "2026-12-31");
  EXPECT_EQ(chain["previous"][0]["number"], permits::kDemoValidPermit);

  // The reissued one can no longer be reissued; the new one can, from the cabinet.
  auto stale = FileOffice("foreign-labour-permit-reissue",
                          {{"permit_number", permits::kDemoValidPermit}, {"reason", "address"}});
  Work("foreign-labour-permit-reissue", stale["id"], {{"register", "oblast-clerk", "accepted"}});
  auto decide = QueueTask(stale["id"], "oblast-head");
  EXPECT_EQ(Complete(decide["id"], "oblast-head", "reissue").status, 422);

  auto portal = FilePortal("foreign-labour-permit-reissue",
                           {{"permit_number", reissued}, {"reason", "address"}});
  auto sent = Work("foreign-labour-permit-reissue", portal["id"],
                   {{"portal_accept", "oblast-executor", "accepted"},
                    {"register", "oblast-clerk", "accepted"},
                    {"decide", "oblast-head", "reissue"},
                    {"prepare", "oblast-executor", "prepared"},
                    {"sign", "oblast-head", "signed"},
                    {"hand_over", "oblast-clerk", "handed_over"},
                    {"portal_send_result", "oblast-executor", "sent"}});
  EXPECT_EQ(sent["status"], "completed");
  EXPECT_EQ(GetJson("/api/v1/permits/" + reissued, "employer")["status"], "reissued");
}

TEST_P(PermitApiSuite, S4cExtensionOfficeAndPortalAndAnExpiredPermitIsNotExtended) {
  auto kase = FileOffice("foreign-labour-permit-extension",
                         {{"permit_number", permits::kDemoValidPermit}, {"term_months", 12}});
  const std::int64_t id = kase["id"];
  Work("foreign-labour-permit-extension", id,
       {{"register", "oblast-clerk", "accepted"},
        {"decide", "oblast-head", "extend"},
        {"prepare", "oblast-executor", "prepared"},
        {"sign", "oblast-head", "signed"},
        {"send_notice", "oblast-executor", "notified"},
        {"await_fee", "oblast-clerk", "fee_paid", Payment()}});
  auto done = Work("foreign-labour-permit-extension", id,
                   {{"await_collection", "oblast-executor", "collected"}});
  EXPECT_EQ(done["status"], "completed");
  json extension = ValidPermitOf(id);
  const std::string extended = extension.value("number", "");
  ASSERT_FALSE(extended.empty());
  EXPECT_EQ(extension["valid_from"], "2027-01-01");
  EXPECT_EQ(extension["valid_until"], "2027-12-31");
  EXPECT_EQ(
      GetJson(std::string("/api/v1/permits/") + permits::kDemoValidPermit, "employer")["status"],
      "extended");

  auto portal = FilePortal("foreign-labour-permit-extension",
                           {{"permit_number", extended}, {"term_months", 6}});
  const std::int64_t pid = portal["id"];
  Work("foreign-labour-permit-extension", pid,
       {{"portal_accept", "oblast-executor", "accepted"},
        {"register", "oblast-clerk", "accepted"},
        {"decide", "oblast-head", "extend"},
        {"prepare", "oblast-executor", "prepared"},
        {"sign", "oblast-head", "signed"},
        {"send_notice", "oblast-executor", "notified"}});
  PayFromCabinet("foreign-labour-permit-extension", pid);
  auto sent = Work("foreign-labour-permit-extension", pid,
                   {{"portal_send_result", "oblast-executor", "sent"}});
  EXPECT_EQ(sent["status"], "completed");
  EXPECT_EQ(GetJson("/api/v1/permits/" + extended, "employer")["status"], "extended");

  // An expired permit is not extended: the head must refuse, citing the ground.
  EXPECT_EQ(
      GetJson(std::string("/api/v1/permits/") + permits::kDemoExpiredPermit, "employer")["status"],
      "expired");
  auto old = FileOffice("foreign-labour-permit-extension",
                        {{"permit_number", permits::kDemoExpiredPermit}, {"term_months", 12}});
  Work("foreign-labour-permit-extension", old["id"], {{"register", "oblast-clerk", "accepted"}});
  auto decide = QueueTask(old["id"], "oblast-head");
  ExpectBlocked(decide["id"], "oblast-head", "extend", "expired");
  auto refused = Work("foreign-labour-permit-extension", old["id"],
                      {{"decide", "oblast-head", "refuse", {{"grounds", {"permit_expired"}}}},
                       {"prepare", "oblast-executor", "prepared"},
                       {"sign", "oblast-head", "signed"},
                       {"send_notice", "oblast-executor", "notified_refusal"}});
  EXPECT_EQ(refused["status"], "refused");
  EXPECT_EQ(refused["result"]["grounds"][0]["code"], "permit_expired");
}

TEST_P(PermitApiSuite, S4dIctPermitOfficeAndPortalOutsideTheQuota) {
  auto kase = FileOffice("ict-permit", IctData());
  auto done = Work("ict-permit", kase["id"],
                   {{"register", "oblast-clerk", "accepted"},
                    {"decide", "oblast-head", "issue"},
                    {"prepare", "oblast-executor", "prepared"},
                    {"sign", "oblast-head", "signed"},
                    {"pass_to_clerk", "oblast-executor", "passed"},
                    {"hand_over", "oblast-clerk", "handed_over"}});
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["result"]["kind"], "permit");
  auto portal = FilePortal("ict-permit", IctData());
  auto sent = Work("ict-permit", portal["id"],
                   {{"portal_accept", "oblast-executor", "accepted"},
                    {"register", "oblast-clerk", "accepted"},
                    {"decide", "oblast-head", "issue"},
                    {"prepare", "oblast-executor", "prepared"},
                    {"sign", "oblast-head", "signed"},
                    {"pass_to_clerk", "oblast-executor", "passed"},
                    {"portal_send_result", "oblast-executor", "sent"}});
  EXPECT_EQ(sent["status"], "completed");
  int ict = 0;
  for (const auto& p : ValidPermits()) {
    if (p["case_id"] == kase["id"] || p["case_id"] == portal["id"]) {
      ++ict;
      EXPECT_EQ(p["kind"], "ict");
      EXPECT_EQ(p["host_company"], "Aral Fish Holding GmbH");
      EXPECT_EQ(p["valid_until"], "2029-11-22");
    }
  }
  EXPECT_EQ(ict, 2);
  EXPECT_EQ(Quota(2)["used"], 0) << "intra-corporate transfers are outside the quota";
}

TEST_P(PermitApiSuite, S4eIctRenewalExtendsOnceThenReissues) {
  auto kase = FileOffice(
      "ict-permit-renewal",
      {{"permit_number", permits::kDemoIctPermit}, {"action", "extend"}, {"term_months", 12}});
  auto done = Work("ict-permit-renewal", kase["id"],
                   {{"register", "oblast-clerk", "accepted"},
                    {"decide", "oblast-head", "grant"},
                    {"prepare", "oblast-executor", "prepared"},
                    {"sign", "oblast-head", "signed"},
                    {"pass_to_clerk", "oblast-executor", "passed"},
                    {"hand_over", "oblast-clerk", "handed_over"}});
  EXPECT_EQ(done["status"], "completed");
  const std::string extended = ValidPermitOf(kase["id"]).value("number", "");
  ASSERT_FALSE(extended.empty());
  auto again = FilePortal("ict-permit-renewal",
                          {{"permit_number", extended}, {"action", "extend"}, {"term_months", 12}});
  Work(
      "ict-permit-renewal", again["id"],
      {{"portal_accept", "oblast-executor", "accepted"}, {"register", "oblast-clerk", "accepted"}});
  auto decide = QueueTask(again["id"], "oblast-head");
  ExpectBlocked(decide["id"], "oblast-head", "grant", "only once");
  Work("ict-permit-renewal", again["id"],
       {{"decide", "oblast-head", "refuse", {{"grounds", {"extension_limit_reached"}}}}});

  auto reissue = FilePortal(
      "ict-permit-renewal",
      {{"permit_number", extended}, {"action", "reissue"}, {"reason", "new host address"}});
  auto sent = Work("ict-permit-renewal", reissue["id"],
                   {{"portal_accept", "oblast-executor", "accepted"},
                    {"register", "oblast-clerk", "accepted"},
                    {"decide", "oblast-head", "grant"},
                    {"prepare", "oblast-executor", "prepared"},
                    {"sign", "oblast-head", "signed"},
                    {"pass_to_clerk", "oblast-executor", "passed"},
                    {"portal_send_result", "oblast-executor", "sent"}});
  EXPECT_EQ(sent["status"], "completed");
  auto permit = GetJson("/api/v1/permits/" + extended, "employer");
  EXPECT_EQ(permit["status"], "reissued");
  EXPECT_EQ(permit["previous"][0]["number"], permits::kDemoIctPermit);
}

}  // namespace jumys::testing
