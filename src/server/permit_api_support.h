#pragma once
// The fixture of the permit API suites (permit_api_suite.h, permit_renewal_api_suite.h,
// notification_api_suite.h): the demo employer's S4 applications filed and worked through the
// API by the oblast department's demo accounts.
#include "server/case_api_support.h"
#include "services/permits/permit_demo.h"
#include "services/reference/reference_data.h"

namespace jumys::testing {

class PermitApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kBin = "080540001238";

  // The documents the definition asks for in `channel`, all submitted.
  json PermitDocuments(const std::string& process, const std::string& channel) {
    json docs = json::array();
    for (const auto& p : GetJson("/api/v1/processes", "oblast-clerk")) {
      if (p["code"] != process) continue;
      for (const auto& d : p["documents"]) {
        if (!d.contains("channel") || d["channel"] == channel)
          docs.push_back({{"type", d["type"]}});
      }
    }
    EXPECT_FALSE(docs.empty()) << process;
    return docs;
  }

  static json IssueData(int category = 3, int workers = 2) {
    return {{"consent", true},   {"category", category},  {"workers", workers},
            {"occupation", "2"}, {"region", "431010000"}, {"term_months", 12}};
  }
  static json IctData() {
    return {{"category", 2},
            {"workers", 1},
            {"occupation", "1"},
            {"region", "433200000"},
            {"host_company", "Aral Fish Holding GmbH"},
            {"transfer_term_months", 36}};
  }

  // Loads a classifier as an administrator would: the file is the whole classifier, so the
  // codes it leaves out are withdrawn.
  void ImportClassifier(reference::ClassifierKind kind, const std::string& csv) {
    auto counts = reference::ImportClassifierText(api_.runtime().db(), kind, csv, api_.Now());
    ASSERT_TRUE(counts) << counts.error().message;
  }
  // The demo's KATO codes and two test places of another oblast (not shipped data).
  static constexpr const char* kKatoWithAlmaty =
      "code,parent,name_kk,name_ru,name_en\n"
      "430000000,,Қызылорда облысы,Кызылординская область,Kyzylorda Region\n"
      "431010000,430000000,Қызылорда қаласы,город Кызылорда,Kyzylorda city\n"
      "433200000,430000000,Арал ауданы,Аральский район,Aral District\n"
      "750000000,,Сынақ өңірі,Тестовый регион,Test region\n"
      "751010000,750000000,Сынақ мекені,Тестовый пункт,Test place\n";

  http::HttpResponse FileAtOblast(const std::string& process, const json& data) {
    return Post("/api/v1/cases",
                {{"process", process},
                 {"channel", "office"},
                 {"applicant", {{"bin", kBin}}},
                 {"documents", PermitDocuments(process, "office")},
                 {"data", data}},
                "oblast-clerk");
  }
  json FileOffice(const std::string& process, const json& data) {
    auto r = FileAtOblast(process, data);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }
  // The employer files from its cabinet, signing the request with its EDS.
  json FilePortal(const std::string& process, const json& data) {
    auto r = Post("/api/v1/cases",
                  SignedRequest({{"process", process},
                                 {"channel", "portal"},
                                 {"office", "kzo-oblast"},
                                 {"documents", PermitDocuments(process, "portal")},
                                 {"data", data}},
                                "employer"),
                  "employer");
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }

  // The fee wait of a case (in the clerk's queue), answered by the employer from its cabinet.
  void PayFromCabinet(const std::string& process, std::int64_t case_id) {
    auto fee = QueueTask(case_id, "oblast-clerk");
    EXPECT_EQ(fee["step"], "await_fee");
    ExpectLegalDeadline(process, fee);
    auto paid = Complete(fee["id"], "employer", "fee_paid", Payment());
    EXPECT_EQ(paid.status, 200) << paid.body;
  }

  void Vote(std::int64_t case_id, const std::string& vote, const std::string& reasons = "") {
    json body = {{"vote", vote}};
    if (!reasons.empty()) body["reasons"] = reasons;
    auto r =
        Post("/api/v1/commission/agenda/" + std::to_string(case_id) + "/votes", body, "member");
    EXPECT_EQ(r.status, 200) << r.body;
  }

  // Lets `by` pass on the test clock and fires the timers that came due; sessions older than
  // that have expired, so everyone signs in again.
  int Pass(std::chrono::seconds by) {
    api_.Advance(by);
    tokens_.clear();
    auto fired = api_.runtime().cases().FireDue();
    EXPECT_TRUE(fired.has_value());
    return fired ? *fired : -1;
  }

  static json Payment() {
    return {{"payment",
             {{"document_number", "PP-000123"},
              {"paid_on", "2026-11-23"},
              {"amount", {{"amount", 13'764'000}, {"currency", "KZT"}}}}}};
  }

  // S4a up to the fee window: registration, appointment, the commission's grant.
  void IssueUpToFee(std::int64_t id, bool portal) {
    std::vector<Turn> turns;
    if (portal) turns.push_back({"portal_accept", "oblast-executor", "accepted"});
    turns.push_back({"register", "oblast-clerk", "accepted"});
    turns.push_back({"assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}}});
    turns.push_back({"submit_to_commission", "oblast-executor", "submitted"});
    Work("foreign-labour-permit", id, turns);
    Vote(id, "grant");
    Work("foreign-labour-permit", id,
         {{"commission_review", "commission", "recommend_grant"},
          {"prepare_notice", "oblast-executor", "grant"},
          {"sign_notice", "oblast-head", "signed"},
          {"send_notice", "oblast-executor", "notified"}});
  }

  // The case's event actions, in order.
  static std::vector<std::string> Actions(const json& kase) {
    std::vector<std::string> out;
    for (const auto& e : kase["events"]) out.push_back(e["action"]);
    return out;
  }
  static const json* FindEvent(const json& kase, const std::string& action) {
    for (const auto& e : kase["events"]) {
      if (e["action"] == action) return &e;
    }
    return nullptr;
  }

  json ValidPermits() {
    return GetJson(std::string("/api/v1/permits?status=valid&bin=") + kBin, "oblast-head")["items"];
  }

  // The valid permit case `case_id` issued; an empty object when there is none.
  json ValidPermitOf(const json& case_id) {
    for (const auto& p : ValidPermits()) {
      if (p["case_id"] == case_id) return p;
    }
    return json::object();
  }

  json Quota(int category) {
    const json quotas = GetJson("/api/v1/permit-quotas?year=2026", "oblast-executor");
    for (const auto& q : quotas["items"]) {
      if (q["category"] == category) return q;
    }
    ADD_FAILURE() << "no quota for category " << category << ": " << quotas.dump();
    return json::object();
  }

  // Every instant the coupon promises: the limits of the later staff steps chained on the
  // calendar endpoint, from the registration.
  std::string ChainedDeadline(std::string from, const std::vector<std::string>& limits) {
    for (const auto& limit : limits) {
      from = GetJson("/api/v1/calendar/deadline?office=kzo-oblast&from=" + from + "&limit=" + limit,
                     "oblast-clerk")["due_at"];
    }
    return from;
  }
};

}  // namespace jumys::testing
