#pragma once
// S4a-S4e (foreign-labour permits, seed 004) from application to result through the API with
// the demo accounts of the oblast department, on SQLite (permit_api_test.cpp) and PostgreSQL
// (permit_api_pgtest.cpp): S4a's flows with every task's deadline checked, the commission, the
// fee window, the post, the quota and the permit registry. The fixture is permit_api_support.h;
// the renewals and ICT permits (S4b-S4e) are in permit_renewal_api_suite.h.
#include <filesystem>
#include <fstream>
#include <random>

#include "core/testing/run_command.h"
#include "rendering/document_test_support.h"
#include "server/permit_api_support.h"
#include "services/reference/reference_data.h"

namespace jumys::testing {

// The text of a PDF (pdftotext, whitespace folded).
inline std::string PrintedText(const std::string& pdf) {
  std::random_device rd;
  const auto path = std::filesystem::temp_directory_path() /
                    ("jumys-coupon-" + std::to_string(rd()) + std::to_string(rd()) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string text;
  EXPECT_EQ(RunCommand("pdftotext -enc UTF-8 " + path.string() + " -", &text), 0) << text;
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return rendering::testing::Normalized(text);
}

TEST_P(PermitApiSuite, TheFiveFlowsAreOfferedWithTheirLegalLimits) {
  std::map<std::string, json> by_code;
  for (const auto& p : GetJson("/api/v1/processes", "employer")) by_code[p["code"]] = p;
  for (const char* code : {"foreign-labour-permit", "foreign-labour-permit-reissue",
                           "foreign-labour-permit-extension", "ict-permit", "ict-permit-renewal"}) {
    ASSERT_TRUE(by_code.count(code)) << code << " is not offered";
    EXPECT_EQ(by_code[code]["channels"], json::array({"office", "portal"}));
  }
  std::map<std::string, std::string> limits;
  for (const auto& s : by_code["foreign-labour-permit"]["steps"]) limits[s["id"]] = s["limit"];
  EXPECT_EQ(limits["register"], "20min");
  EXPECT_EQ(limits["assign"], "30min");
  EXPECT_EQ(limits["submit_to_commission"], "6wd");
  EXPECT_EQ(limits["commission_review"], "1wd");
  EXPECT_EQ(limits["prepare_notice"], "2h");
  EXPECT_EQ(limits["await_fee"], "10wd");
  EXPECT_EQ(limits["await_collection"], "2wd");
  EXPECT_EQ(limits["post_permit"], "1wd");
  std::map<std::string, std::string> decide;
  for (const char* code : {"foreign-labour-permit-reissue", "foreign-labour-permit-extension",
                           "ict-permit", "ict-permit-renewal"}) {
    for (const auto& s : by_code[code]["steps"]) {
      if (s["id"] == "decide") decide[code] = s["limit"];
    }
  }
  EXPECT_EQ(decide["foreign-labour-permit-reissue"], "5wd");
  EXPECT_EQ(decide["foreign-labour-permit-extension"], "3wd");
  EXPECT_EQ(decide["ict-permit"], "7wd");
  EXPECT_EQ(decide["ict-permit-renewal"], "5wd");
}

TEST_P(PermitApiSuite, S4aOfficeIssueThroughCommissionFeeAndCollection) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  EXPECT_EQ(kase["number"], "KZO-OBLAST-2026-000001");
  const std::int64_t id = kase["id"];
  EXPECT_EQ(Get("/api/v1/cases/" + std::to_string(id) + "/coupon", "oblast-clerk").status, 404);
  auto registered = Work("foreign-labour-permit", id, {{"register", "oblast-clerk", "accepted"}});
  // The tear-off coupon: registration date, the date the result is due (the service term,
  // 9 working days from filing on the calendar: the case's result_due_on), the clerk.
  auto coupon = GetJson("/api/v1/cases/" + std::to_string(id) + "/coupon", "employer");
  EXPECT_EQ(coupon["kind"], "coupon");
  EXPECT_EQ(coupon["registered_on"], "2026-11-23");
  EXPECT_EQ(coupon["clerk"], "oblast-clerk");
  EXPECT_EQ(coupon["clerk_name"], "Жанар Бекқызы Сәрсенова");
  EXPECT_FALSE(coupon.contains("result_due_at")) << "no clerk's chained limit";
  EXPECT_EQ(kase["result_due_on"], "2026-12-04");
  EXPECT_EQ(coupon["result_due_on"], kase["result_due_on"]);
  // The printed coupon and receipt (annex 7) is a stored document of the case.
  auto printed = Get(coupon["document_url"], "employer");
  EXPECT_EQ(printed.status, 200);
  EXPECT_EQ(printed.content_type, "application/pdf");
  // The printed coupon and receipt carry the same day.
  EXPECT_NE(PrintedText(printed.body).find("04.12.2026"), std::string::npos);
  const json* consent = FindEvent(registered, "consent.record");
  ASSERT_NE(consent, nullptr);
  EXPECT_EQ((*consent)["actor"], "oblast-clerk");
  EXPECT_EQ((*consent)["data"]["given_by"]["bin"], kBin);

  Work("foreign-labour-permit", id,
       {{"assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}}},
        {"submit_to_commission", "oblast-executor", "submitted"}});
  // The secretary cannot record a recommendation no member voted on.
  auto review = QueueTask(id, "commission");
  EXPECT_EQ(review["step"], "commission_review");
  EXPECT_EQ(Complete(review["id"], "commission", "recommend_grant").status, 422);
  auto agenda = GetJson("/api/v1/commission/agenda", "member")["items"];
  ASSERT_EQ(agenda.size(), 1u);
  EXPECT_EQ(agenda[0]["case_number"], "KZO-OBLAST-2026-000001");
  EXPECT_EQ(agenda[0]["application"]["workers"], 2);
  EXPECT_EQ(agenda[0]["meeting"]["held_on"], "2026-11-23");
  Vote(id, "grant");
  Work("foreign-labour-permit", id,
       {{"commission_review",
         "commission",
         "recommend_grant",
         {{"reasons", "local staff not found"}}},
        {"prepare_notice", "oblast-executor", "grant"},
        {"sign_notice", "oblast-head", "signed"},
        {"send_notice", "oblast-executor", "notified"}});
  // 6.8: the fee documents within 10 working days; nonsense is refused and changes nothing.
  auto fee = QueueTask(id, "oblast-clerk");
  EXPECT_EQ(fee["step"], "await_fee");
  json bad = Payment();
  bad["payment"]["amount"]["amount"] = -5;
  bad["payment"]["paid_on"] = "2030-01-01";
  auto refused = Complete(fee["id"], "oblast-clerk", "fee_paid", bad);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(DetailKeys(refused), (json{{"data.payment.amount.amount", "field.too_small"},
                                       {"data.payment.paid_on", "field.date_future"}}))
      << refused.body;
  EXPECT_EQ(Quota(3)["used"], 2) << "the grant holds its workers while the fee is awaited";
  // Only after the fee is the permit prepared and signed (the head, under Law No. 202-V).
  auto paid =
      Work("foreign-labour-permit", id, {{"await_fee", "oblast-clerk", "fee_paid", Payment()}});
  EXPECT_TRUE(paid["result"].is_null()) << "no permit before it is signed";
  paid = Work("foreign-labour-permit", id, {{"sign_permit", "oblast-head", "signed"}});
  ASSERT_FALSE(paid["result"].is_null());
  EXPECT_EQ(paid["result"]["kind"], "permit");
  EXPECT_EQ(Quota(3)["used"], 2);
  EXPECT_EQ(Quota(3)["remaining"], permits::kDemoQuota - 2);
  auto done =
      Work("foreign-labour-permit", id, {{"await_collection", "oblast-executor", "collected"}});
  EXPECT_EQ(done["status"], "completed");
  auto actions = Actions(done);
  for (const char* a : {"permit_case.coupon", "consent.record", "commission.agenda_add",
                        "commission.recommendation", "permit_case.decision_notice",
                        "permit_case.fee_payment", "result.issue", "case.close"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
  }
  // The registry answers who holds which valid permit.
  auto valid = ValidPermits();
  const json* mine = nullptr;
  for (const auto& p : valid) {
    if (p["case_id"] == id) mine = &p;
  }
  ASSERT_NE(mine, nullptr) << valid.dump();
  EXPECT_EQ((*mine)["kind"], "standard");
  EXPECT_EQ((*mine)["category"], 3);
  EXPECT_EQ((*mine)["workers"], 2);
  EXPECT_EQ((*mine)["occupation"], "2");
  EXPECT_EQ((*mine)["valid_from"], "2026-11-23");
  EXPECT_EQ((*mine)["valid_until"], "2027-11-22");
  EXPECT_EQ((*mine)["employer"]["bin"], kBin);
  EXPECT_EQ((*mine)["employer"]["name"], "«Арал Балық» ЖШС / ТОО «Арал Балык»");
  auto one = GetJson("/api/v1/permits/" + (*mine)["number"].get<std::string>(), "employer");
  EXPECT_EQ(one["status"], "valid");
  // An employer reads only its own permits, whatever it asks for.
  EXPECT_EQ(GetJson("/api/v1/permits?bin=150340004568", "employer")["items"].size(), 0u);
  EXPECT_EQ(GetJson("/api/v1/permits?bin=080540001238&status=valid", "employer")["items"].size(),
            valid.size());
  auto v = storage::VerifyAudit(api_.runtime().db());
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(v->ok) << v->reason;
}

TEST_P(PermitApiSuite, S4aPortalFeeFromTheCabinetAndResultToTheCabinet) {
  auto kase = FilePortal("foreign-labour-permit", IssueData(1, 1));
  EXPECT_EQ(kase["channel"], "portal");
  const std::int64_t id = kase["id"];
  IssueUpToFee(id, true);
  // The employer records the payment documents from its cabinet.
  PayFromCabinet("foreign-labour-permit", id);
  auto done = Work("foreign-labour-permit", id,
                   {{"sign_permit", "oblast-head", "signed"},
                    {"portal_send_result", "oblast-executor", "sent"}});
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["result"]["kind"], "permit");
  auto seen = GetJson("/api/v1/cases/" + std::to_string(id), "employer");
  const json* accepted = FindEvent(seen, "case.accepted");
  ASSERT_NE(accepted, nullptr);
  // The cabinet's "accepted" milestone (9.2): the moment the executor accepted the request.
  EXPECT_EQ(seen["accepted_at"], (*accepted)["at"]);
  EXPECT_NE(FindEvent(seen, "result.deliver"), nullptr);
  EXPECT_EQ(Quota(1)["used"], 1);
}

TEST_P(PermitApiSuite, S4aMissedFeeWindowEndsTheCaseWithTheReason) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  IssueUpToFee(id, false);
  EXPECT_EQ(Quota(3)["used"], 2) << "reserved by the grant";
  auto fee = QueueTask(id, "oblast-clerk");
  ExpectLegalDeadline("foreign-labour-permit", fee);
  // Nobody polls: the timer fires once the window has closed, not before.
  EXPECT_EQ(*api_.runtime().cases().FireDue(), 0);
  EXPECT_EQ(Pass(std::chrono::hours(24 * 16)), 1);
  auto ended = GetJson("/api/v1/cases/" + std::to_string(id), "oblast-head");
  EXPECT_EQ(ended["status"], "cancelled");
  EXPECT_EQ(ended["result"]["kind"], "lapsed");
  EXPECT_EQ(ended["tasks"].back()["outcome"], "fee_not_paid");
  EXPECT_EQ(ended["tasks"].back()["completed_by"], "system");
  EXPECT_EQ(Quota(3)["used"], 0);
  for (const auto& p : ValidPermits()) EXPECT_NE(p["case_id"], id);
}

TEST_P(PermitApiSuite, S4aUncollectedPermitIsPostedWithATrackingNumber) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  IssueUpToFee(id, false);
  Work("foreign-labour-permit", id,
       {{"await_fee", "oblast-clerk", "fee_paid", Payment()},
        {"sign_permit", "oblast-head", "signed"}});
  auto collection = QueueTask(id, "oblast-executor");
  EXPECT_EQ(collection["step"], "await_collection");
  EXPECT_EQ(Pass(std::chrono::hours(24)), 0) << "collection is waited for 2 working days";
  EXPECT_EQ(Pass(std::chrono::hours(24 * 2)), 1);
  Work("foreign-labour-permit", id, {{"pass_to_clerk", "oblast-executor", "passed"}});
  auto post = QueueTask(id, "oblast-clerk");
  EXPECT_EQ(post["step"], "post_permit");
  auto no_tracking = Complete(post["id"], "oblast-clerk", "posted", {{"tracking_number", "12"}});
  EXPECT_EQ(no_tracking.status, 422);
  EXPECT_EQ(DetailKeys(no_tracking), (json{{"data.tracking_number", "field.pattern"}}))
      << no_tracking.body;
  auto done =
      Work("foreign-labour-permit", id,
           {{"post_permit", "oblast-clerk", "posted", {{"tracking_number", "RR123456789KZ"}}}});
  EXPECT_EQ(done["status"], "completed");
  const json* dispatch = FindEvent(done, "permit_case.dispatch");
  ASSERT_NE(dispatch, nullptr);
  EXPECT_EQ((*dispatch)["data"]["tracking_number"], "RR123456789KZ");
  EXPECT_FALSE((*dispatch)["data"]["permit"].get<std::string>().empty());
}

TEST_P(PermitApiSuite, S4aQuotaExhaustedIsRefusedWithThatGround) {
  auto set =
      api_.Call("PUT", "/api/v1/permit-quotas/2026/4", json{{"quota", 1}}.dump(), Token("admin"));
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Post("/api/v1/cases", json::object(), "admin").status, 403);
  EXPECT_EQ(api_.Call("PUT", "/api/v1/permit-quotas/2026/4", json{{"quota", 1}}.dump(),
                      Token("oblast-head"))
                .status,
            403);
  EXPECT_EQ(
      api_.Call("PUT", "/api/v1/permit-quotas/2026/7", json{{"quota", 1}}.dump(), Token("admin"))
          .status,
      422);
  auto kase = FileOffice("foreign-labour-permit", IssueData(4, 2));
  const std::int64_t id = kase["id"];
  Work("foreign-labour-permit", id,
       {{"register", "oblast-clerk", "accepted"},
        {"assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}}},
        {"submit_to_commission", "oblast-executor", "submitted"}});
  Vote(id, "grant");
  Work("foreign-labour-permit", id, {{"commission_review", "commission", "recommend_grant"}});
  auto prepare = QueueTask(id, "oblast-executor");
  ExpectBlocked(prepare["id"], "oblast-executor", "grant", "quota");
  auto done =
      Work("foreign-labour-permit", id,
           {{"prepare_notice", "oblast-executor", "refuse", {{"grounds", {"quota_exhausted"}}}},
            {"sign_notice", "oblast-head", "signed"},
            {"send_notice", "oblast-executor", "notified_refusal"}});
  EXPECT_EQ(done["status"], "refused");
  EXPECT_EQ(done["result"]["kind"], "refusal");
  EXPECT_EQ(done["result"]["grounds"][0]["code"], "quota_exhausted");
  EXPECT_EQ(Quota(4)["used"], 0);
}

TEST_P(PermitApiSuite, S4aCommissionRecommendingRefusal) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  Work("foreign-labour-permit", id,
       {{"register", "oblast-clerk", "accepted"},
        {"assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}}},
        {"submit_to_commission", "oblast-executor", "submitted"}});
  auto no_reason = Post("/api/v1/commission/agenda/" + std::to_string(id) + "/votes",
                        {{"vote", "refuse"}}, "member");
  EXPECT_EQ(no_reason.status, 422);
  Vote(id, "refuse", "Ішкі нарықта білікті мамандар бар");
  auto review = QueueTask(id, "commission");
  auto no_reasons = Complete(review["id"], "commission", "recommend_refusal");
  EXPECT_EQ(no_reasons.status, 422) << "a refusal gives its reasons";
  EXPECT_EQ(DetailKeys(no_reasons), (json{{"data.reasons", "field.required"}})) << no_reasons.body;
  EXPECT_EQ(Complete(review["id"], "member", "recommend_refusal", {{"reasons", "x"}}).status, 403);
  Work("foreign-labour-permit", id,
       {{"commission_review",
         "commission",
         "recommend_refusal",
         {{"reasons", "qualified local specialists are available"}}}});
  // Votes close with the recommendation.
  EXPECT_EQ(Post("/api/v1/commission/agenda/" + std::to_string(id) + "/votes", {{"vote", "grant"}},
                 "member")
                .status,
            409);
  auto prepare = QueueTask(id, "oblast-executor");
  ExpectBlocked(prepare["id"], "oblast-executor", "grant", "commission recommended refusing");
  auto done = Work("foreign-labour-permit", id,
                   {{"prepare_notice",
                     "oblast-executor",
                     "refuse",
                     {{"grounds", {"commission_recommended_refusal"}}}},
                    {"sign_notice", "oblast-head", "signed"},
                    {"send_notice", "oblast-executor", "notified_refusal"}});
  EXPECT_EQ(done["status"], "refused");
  EXPECT_EQ(done["result"]["grounds"][0]["code"], "commission_recommended_refusal");
  const json* rec = FindEvent(done, "commission.recommendation");
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ((*rec)["data"]["recommendation"], "refuse");
  EXPECT_EQ((*rec)["data"]["votes"]["refuse"], 1);
  auto agenda = GetJson("/api/v1/commission/agenda", "commission")["items"];
  ASSERT_EQ(agenda.size(), 1u);
  EXPECT_EQ(agenda[0]["recommendation"], "refuse");
  EXPECT_EQ(agenda[0]["votes"][0]["member"], "member");
}

TEST_P(PermitApiSuite, ACommissionMemberSeesOnlyTheirAgenda) {
  AddStaff("member2", "kzo-oblast", "commission_member");
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  Work("foreign-labour-permit", id,
       {{"register", "oblast-clerk", "accepted"},
        {"assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}}},
        {"submit_to_commission", "oblast-executor", "submitted"}});
  EXPECT_EQ(GetJson("/api/v1/commission/agenda", "member")["items"].size(), 1u);
  EXPECT_EQ(GetJson("/api/v1/commission/agenda", "member2")["items"].size(), 0u);
  EXPECT_EQ(Post("/api/v1/commission/agenda/" + std::to_string(id) + "/votes", {{"vote", "grant"}},
                 "member2")
                .status,
            404);
  // A second commission: member2 sits on it and still does not see the first one's agenda.
  auto created = Post(
      "/api/v1/commissions",
      {{"name", "ICT review"}, {"secretary", "commission"}, {"members", {"member2"}}}, "admin");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Post("/api/v1/commissions",
                 {{"name", "x"}, {"secretary", "oblast-clerk"}, {"members", {"member2"}}}, "admin")
                .status,
            422);
  EXPECT_EQ(GetJson("/api/v1/commissions", "member2")["items"].size(), 1u);
  EXPECT_EQ(GetJson("/api/v1/commissions", "member")["items"].size(), 1u);
  EXPECT_EQ(GetJson("/api/v1/commissions", "admin")["items"].size(), 2u);
  EXPECT_EQ(GetJson("/api/v1/commission/agenda", "member2")["items"].size(), 0u);
  const std::string meetings = "/api/v1/commissions/" +
                               std::to_string(ApiHarness::Json(created)["id"].get<int>()) +
                               "/meetings";
  EXPECT_EQ(Post(meetings, {{"held_on", "2026-11-27"}}, "commission").status, 201);
  EXPECT_EQ(Post(meetings, {{"held_on", "2026-11-20"}}, "commission").status, 422);
  EXPECT_EQ(Post(meetings, {{"held_on", "2026-11-27"}}, "member2").status, 403);
  // Members read no cases beyond their agenda.
  EXPECT_EQ(Get("/api/v1/cases/" + std::to_string(id), "member").status, 403);
}

TEST_P(PermitApiSuite, ConsentAndContentAreCheckedAndWrongRolesRefused) {
  json no_consent = IssueData();
  no_consent.erase("consent");
  auto r = FileAtOblast("foreign-labour-permit", no_consent);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("consent"), std::string::npos);
  EXPECT_EQ(GetJson("/api/v1/cases?process=foreign-labour-permit", "oblast-clerk")["items"].size(),
            0u)
      << "no consent, no case";
  // Nonsense content is refused when filed, naming every bad field, and no case is stored.
  json nonsense = {{"consent", true},      {"category", 9},        {"workers", "many"},
                   {"occupation", "chef"}, {"region", "75101000"}, {"term_months", 60}};
  auto rejected = FileAtOblast("foreign-labour-permit", nonsense);
  EXPECT_EQ(rejected.status, 422);
  EXPECT_EQ(ApiHarness::ErrorCode(rejected), "invalid_input");
  EXPECT_EQ(DetailKeys(rejected), (json{{"data.category", "field.out_of_range"},
                                        {"data.workers", "field.not_integer"},
                                        {"data.occupation", "field.unknown_code"},
                                        {"data.region", "field.unknown_code"},
                                        {"data.term_months", "field.out_of_range"}}))
      << rejected.body;
  // A region of another oblast, a code the classifier has: the rule the fields cannot say.
  ImportClassifier(reference::ClassifierKind::kKato, kKatoWithAlmaty);
  json elsewhere = IssueData();
  elsewhere["region"] = "751010000";
  auto other_oblast = FileAtOblast("foreign-labour-permit", elsewhere);
  EXPECT_EQ(other_oblast.status, 422);
  EXPECT_EQ(DetailKeys(other_oblast), (json{{"data.region", "permit.region_elsewhere"}}))
      << other_oblast.body;
  // A key the definition does not take is refused too.
  json smuggled = IssueData();
  smuggled["quota_reserved"] = {{"year", 2026}, {"category", 3}, {"workers", 2}};
  auto unknown = FileAtOblast("foreign-labour-permit", smuggled);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(DetailKeys(unknown), (json{{"data.quota_reserved", "field.unknown"}})) << unknown.body;
  auto portal = Post("/api/v1/cases",
                     SignedRequest({{"process", "ict-permit"},
                                    {"channel", "portal"},
                                    {"office", "kzo-oblast"},
                                    {"documents", PermitDocuments("ict-permit", "portal")},
                                    {"data", {{"category", 2}, {"workers", 1}}}},
                                   "employer"),
                     "employer");
  EXPECT_EQ(portal.status, 422) << portal.body;
  EXPECT_EQ(DetailKeys(portal), (json{{"data.occupation", "field.required"},
                                      {"data.region", "field.required"},
                                      {"data.host_company", "field.required"},
                                      {"data.transfer_term_months", "field.required"}}))
      << portal.body;
  auto extension = FileAtOblast("foreign-labour-permit-extension", {{"permit_number", "x"}});
  EXPECT_EQ(extension.status, 422);
  EXPECT_EQ(DetailKeys(extension),
            (json{{"data.permit_number", "field.pattern"}, {"data.term_months", "field.required"}}))
      << extension.body;
  EXPECT_EQ(GetJson("/api/v1/cases?process=foreign-labour-permit", "oblast-clerk")["items"].size(),
            0u);
  // Roles and offices: the city clerk does not provide S4; staff of other roles cannot work it.
  auto city = Post("/api/v1/cases",
                   {{"process", "foreign-labour-permit"},
                    {"channel", "office"},
                    {"applicant", {{"bin", kBin}}},
                    {"documents", PermitDocuments("foreign-labour-permit", "office")},
                    {"data", IssueData()}},
                   "clerk");
  EXPECT_EQ(city.status, 422);
  auto good = FileOffice("foreign-labour-permit", IssueData());
  auto reg = QueueTask(good["id"], "oblast-clerk");
  EXPECT_EQ(Complete(reg["id"], "oblast-head", "accepted").status, 403);
  EXPECT_EQ(Complete(reg["id"], "clerk", "accepted").status, 404);  // a city clerk: not in scope
  EXPECT_EQ(Complete(reg["id"], "member", "accepted").status, 403);
  EXPECT_EQ(Complete(reg["id"], "employer", "accepted").status, 403);
  EXPECT_EQ(Get("/api/v1/cases/" + good["id"].dump() + "/coupon", "clerk2").status, 404);
}

// Fee documents of the wrong shape are refused naming the field and the problem (422), never
// a 500, and nothing is recorded.
TEST_P(PermitApiSuite, S4aFeePaymentOfTheWrongShapeIs422) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  IssueUpToFee(id, false);
  auto fee = QueueTask(id, "oblast-clerk");
  ASSERT_EQ(fee["step"], "await_fee");
  const auto refused = [&](const json& payment, const json& details) {
    json data = Payment();
    data["payment"].update(payment);
    auto r = Complete(fee["id"], "oblast-clerk", "fee_paid", data);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(ApiHarness::Json(r)["error"]["key"], "data.invalid") << r.body;
    EXPECT_EQ(DetailKeys(r), details) << r.body;
  };
  refused({{"amount", 13'764'000}}, {{"data.payment.amount", "field.not_money"}});
  refused({{"amount", {{"amount", 13'764'000}, {"currency", 398}}}},
          {{"data.payment.amount.currency", "field.not_kzt"}});
  refused({{"amount", {{"amount", "13764000"}, {"currency", "KZT"}}}},
          {{"data.payment.amount.amount", "field.not_tiyn"}});
  refused({{"document_number", 123}}, {{"data.payment.document_number", "field.not_string"}});
  refused({{"document_number", ""}}, {{"data.payment.document_number", "field.required"}});
  refused({{"document_number", std::string(61, '7')}},
          {{"data.payment.document_number", "field.too_long"}});
  // The fee is paid in tenge: a money field takes KZT only.
  refused({{"amount", {{"amount", 100}, {"currency", "USD"}}}},
          {{"data.payment.amount.currency", "field.not_kzt"}});
  refused({{"paid_on", "23.11.2026"}}, {{"data.payment.paid_on", "field.not_date"}});
  refused({{"receipt", "scan.pdf"}}, {{"data.payment.receipt", "field.unknown"}});
  // What the fields cannot say: the fee is not paid before the decision notice.
  refused({{"paid_on", "2026-11-20"}}, {{"data.payment.paid_on", "permit.paid_before_notice"}});
  auto r = Complete(fee["id"], "oblast-clerk", "fee_paid", {{"payment", 5}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(DetailKeys(r), (json{{"data.payment", "field.not_object"}})) << r.body;
  auto none = Complete(fee["id"], "oblast-clerk", "fee_paid");
  EXPECT_EQ(DetailKeys(none), (json{{"data.payment", "field.required"}})) << none.body;
  EXPECT_EQ(QueueTask(id, "oblast-clerk")["step"], "await_fee") << "nothing was recorded";
  auto seen = GetJson("/api/v1/cases/" + std::to_string(id), "oblast-head");
  EXPECT_EQ(FindEvent(seen, "permit_case.fee_payment"), nullptr);
}

// An application with three bad fields gets exactly three details, each naming its field and
// problem, and no case is created.
TEST_P(PermitApiSuite, AnApplicationWithThreeBadFieldsGetsThreeDetailsAndNoCase) {
  json data = IssueData();
  data["category"] = 0;
  data["occupation"] = "chef";
  data.erase("term_months");
  auto r = FileAtOblast("foreign-labour-permit", data);
  ASSERT_EQ(r.status, 422) << r.body;
  const json error = ApiHarness::Json(r)["error"];
  EXPECT_EQ(error["code"], "invalid_input");
  EXPECT_EQ(error["key"], "data.invalid");
  ASSERT_EQ(error["details"].size(), 3u) << r.body;
  EXPECT_EQ(DetailKeys(r), (json{{"data.category", "field.out_of_range"},
                                 {"data.occupation", "field.unknown_code"},
                                 {"data.term_months", "field.required"}}));
  for (const auto& d : error["details"]) {
    EXPECT_FALSE(d["message"].get<std::string>().empty()) << d.dump();
    if (d["field"] == "data.category") {
      EXPECT_EQ(d["params"], (json{{"min", "1"}, {"max", "4"}})) << d.dump();
    }
  }
  EXPECT_EQ(GetJson("/api/v1/cases?process=foreign-labour-permit", "oblast-clerk")["items"].size(),
            0u);
  // The same from the cabinet: the signed request is refused alike.
  auto portal =
      Post("/api/v1/cases",
           SignedRequest({{"process", "foreign-labour-permit"},
                          {"channel", "portal"},
                          {"office", "kzo-oblast"},
                          {"documents", PermitDocuments("foreign-labour-permit", "portal")},
                          {"data", data}},
                         "employer"),
           "employer");
  EXPECT_EQ(portal.status, 422) << portal.body;
  EXPECT_EQ(DetailKeys(portal), DetailKeys(r));
  EXPECT_EQ(GetJson("/api/v1/cases", "employer")["items"].size(), 0u);
}

// The occupation and region are classifier fields: a code the store has loaded is taken, any
// other refused with its code and classifier named, and a classifier with no code loaded at
// all says so instead of calling every code unknown. Nothing is stored for a refused filing.
TEST_P(PermitApiSuite, ACodeFieldTakesOnlyACodeOfItsClassifier) {
  const auto cases = [&] {
    return GetJson("/api/v1/cases?process=foreign-labour-permit", "oblast-clerk")["items"].size();
  };
  json data = IssueData();
  data["occupation"] = "2142";  // a unit group the shipped major groups do not hold
  auto unknown = FileAtOblast("foreign-labour-permit", data);
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  const json detail = ApiHarness::Json(unknown)["error"]["details"][0];
  EXPECT_EQ(detail["field"], "data.occupation");
  EXPECT_EQ(detail["key"], "field.unknown_code");
  EXPECT_EQ(detail["params"], (json{{"code", "2142"}, {"classifier", "nkz"}}));
  EXPECT_EQ(detail["message"], "'2142' is not a code of nkz");
  data["region"] = "2";  // an NKZ code is no KATO code
  EXPECT_EQ(
      DetailKeys(FileAtOblast("foreign-labour-permit", data)),
      (json{{"data.occupation", "field.unknown_code"}, {"data.region", "field.unknown_code"}}));
  EXPECT_EQ(cases(), 0u);

  data = IssueData();
  data["occupation"] = "7";
  FileOffice("foreign-labour-permit", data);
  EXPECT_EQ(cases(), 1u);

  // A fuller classifier loaded: its unit group is taken, a code it leaves out no longer is.
  ImportClassifier(reference::ClassifierKind::kNkz,
                   "code,parent,name_kk,name_ru,name_en\n"
                   "2,,Кәсіпқой мамандар,Специалисты-профессионалы,Professionals\n"
                   "21,2,a,b,c\n"
                   "214,21,a,b,c\n"
                   "2142,214,a,b,c\n");
  data["occupation"] = "2142";
  FileOffice("foreign-labour-permit", data);
  data["occupation"] = "7";
  EXPECT_EQ(DetailKeys(FileAtOblast("foreign-labour-permit", data)),
            (json{{"data.occupation", "field.unknown_code"}}))
      << "withdrawn by the import";

  // No NKZ code loaded at all: said so, naming the classifier.
  ImportClassifier(reference::ClassifierKind::kNkz, "code,parent,name_kk,name_ru,name_en\n");
  data["occupation"] = "2142";
  auto empty = FileAtOblast("foreign-labour-permit", data);
  ASSERT_EQ(empty.status, 422) << empty.body;
  const json why = ApiHarness::Json(empty)["error"]["details"][0];
  EXPECT_EQ(why["key"], "field.classifier_empty");
  EXPECT_EQ(why["params"], (json{{"classifier", "nkz"}}));
  EXPECT_EQ(cases(), 2u);
}

}  // namespace jumys::testing
