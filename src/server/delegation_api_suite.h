#pragma once
// Who acts for whom through the API, on SQLite (delegation_api_test.cpp) and PostgreSQL
// (delegation_api_pgtest.cpp): a head makes the executor acting head, who signs the S1
// notification with their own EDS, and the document and its verification name them as acting
// head by that delegation; an employer's director adds a drafter and a signatory, the drafter
// may not file (403) and no employer user sees another BIN's records (404).
#include <fstream>

#include "core/testing/run_command.h"
#include "rendering/document_test_support.h"
#include "server/case_api_support.h"

namespace jumys::testing {

class DelegationApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kBin = "080540001238";

  http::HttpResponse Delegate(const std::string& as, const std::string& delegate,
                              const std::string& from, const std::string& to) {
    return Post("/api/v1/delegations",
                {{"delegate", delegate}, {"starts_on", from}, {"ends_on", to}}, as);
  }

  // The director adds an employer user; its one-time password.
  std::string AddEmployerUser(const std::string& login, const std::string& capacity) {
    auto r = Post("/api/v1/employer/users",
                  {{"login", login},
                   {"full_name", "Айгүл Серікқызы Омарова"},
                   {"iin", "851102400347"},
                   {"capacity", capacity}},
                  "employer");
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("one_time_password", "");
  }

  // An employer user's first sign-in: the one-time password opens nothing but the password
  // change, which keeps this session.
  std::string FirstSignIn(const std::string& login, const std::string& one_time_password) {
    const std::string token = api_.Login(login, one_time_password);
    auto before = api_.Call("GET", "/api/v1/employer/capacity", "", token);
    EXPECT_EQ(before.status, 403) << before.body;
    auto changed = api_.Call(
        "POST", "/api/v1/auth/password",
        json{{"current_password", one_time_password}, {"new_password", login + "-own-password-1"}}
            .dump(),
        token);
    EXPECT_EQ(changed.status, 200) << changed.body;
    return token;
  }

  json PermitDocuments() {
    json docs = json::array();
    for (const auto& p : GetJson("/api/v1/processes", "oblast-clerk")) {
      if (p["code"] != "foreign-labour-permit") continue;
      for (const auto& d : p["documents"]) {
        if (!d.contains("channel") || d["channel"] == "portal")
          docs.push_back({{"type", d["type"]}});
      }
    }
    return docs;
  }

  // A foreign-labour permit application from the employer's cabinet, signed with the
  // employer's (organisation) key, posted as `login`.
  http::HttpResponse FileAsEmployerUser(const std::string& login) {
    return Post("/api/v1/cases",
                SignedRequest({{"process", "foreign-labour-permit"},
                               {"channel", "portal"},
                               {"office", "kzo-oblast"},
                               {"documents", PermitDocuments()},
                               {"data",
                                {{"consent", true},
                                 {"category", 3},
                                 {"workers", 2},
                                 {"occupation", "2"},
                                 {"region", "431010000"},
                                 {"term_months", 12}}}},
                              "employer", login),
                login);
  }
};

TEST_P(DelegationApiSuite, AnActingHeadSignsAndTheDocumentNamesTheCapacity) {
  // Monday 2026-11-23 in Kyzylorda: the head is away today and tomorrow.
  auto made = Delegate("head", "executor", "2026-11-23", "2026-11-24");
  ASSERT_EQ(made.status, 201) << made.body;
  const json delegation = json::parse(made.body);
  EXPECT_EQ(delegation["status"], "in_force");
  EXPECT_EQ(delegation["delegate"]["login"], "executor");
  auto listed = GetJson("/api/v1/delegations", "clerk");
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["id"], delegation["id"]);
  EXPECT_TRUE(GetJson("/api/v1/delegations", "clerk2")["items"].empty());

  auto kase = FileAtOffice("job-seeker-registration", "951203400783");
  const std::int64_t case_id = kase["id"];
  Work("job-seeker-registration", case_id,
       {{"register", "clerk", "accepted"},
        {"assign", "head", "assigned", {{"assignee", "executor"}}},
        {"review", "executor", "approve"}});
  // The head's signing task is in the acting head's queue; they sign with their own key.
  json task = QueueTask(case_id, "executor");
  ASSERT_EQ(task["step"], "sign");
  const std::string draft = TaskDocument(task["id"], "executor");
  auto signed_case =
      Complete(task["id"], "executor", "signed", json::object(), SignAs("executor", draft));
  ASSERT_EQ(signed_case.status, 200) << signed_case.body;
  auto done = Work("job-seeker-registration", case_id, {{"hand_over", "clerk", "handed_over"}});
  ASSERT_EQ(done["status"], "completed");

  auto pdf = Get(done["result"]["document_url"], "clerk");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body, draft);
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTemp("acting.pdf", pdf.body) + " -", &text),
            0);
  text = rendering::testing::Normalized(text);
  EXPECT_NE(text.find("Динара Ерланқызы Ахметова"), std::string::npos) << text;
  EXPECT_NE(text.find("Орталық басшысының міндетін атқарушы"), std::string::npos) << text;
  EXPECT_NE(text.find("Исполняющий обязанности руководителя центра"), std::string::npos) << text;
  EXPECT_NE(text.find("Б. Қ. Оспанов"), std::string::npos) << text;
  EXPECT_NE(text.find("23.11.2026"), std::string::npos) << text;
  EXPECT_NE(text.find("24.11.2026"), std::string::npos) << text;

  std::string code;
  for (const auto& [name, value] : pdf.headers) {
    if (name == "X-Verification-Code") code = value;
  }
  auto verified = api_.Call("GET", "/api/v1/verify/" + code);
  ASSERT_EQ(verified.status, 200) << verified.body;
  const json signer = json::parse(verified.body)["signer"];
  EXPECT_EQ(signer["name"], "Динара Ерланқызы Ахметова");
  EXPECT_EQ(signer["role"], "head");
  EXPECT_EQ(signer["capacity"], "acting");
  EXPECT_EQ(signer["eds"], true);
  EXPECT_EQ(signer["acting_for"]["name"], "Бауыржан Қайратұлы Оспанов");
  EXPECT_EQ(signer["acting_for"]["from"], "2026-11-23");
  EXPECT_EQ(signer["acting_for"]["to"], "2026-11-24");
  EXPECT_EQ(signer["position"]["en"],
            "Acting head of the centre (by delegation of Б. Қ. Оспанов, from 23.11.2026 to "
            "24.11.2026)");
  auto page = api_.Call("GET", "/verify/" + code);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Динара Ерланқызы Ахметова, Исполняющий обязанности"),
            std::string::npos);

  // The case's timeline says who signed for whom.
  bool acting = false;
  const json events = GetJson("/api/v1/cases/" + std::to_string(case_id), "clerk")["events"];
  for (const auto& e : events) {
    if (e.value("action", "") == "task.complete" && e["data"].value("step", "") == "sign") {
      EXPECT_EQ(e["data"].value("acting_for", ""), "head");
      acting = true;
    }
  }
  EXPECT_TRUE(acting) << events.dump();
}

TEST_P(DelegationApiSuite, TheHeadsOwnSignatureReadsAsHead) {
  auto kase = FileAtOffice("job-seeker-registration", "951203400783");
  const std::int64_t case_id = kase["id"];
  auto done = Work("job-seeker-registration", case_id, ApprovedAtOffice());
  auto pdf = Get(done["result"]["document_url"], "clerk");
  std::string code;
  for (const auto& [name, value] : pdf.headers) {
    if (name == "X-Verification-Code") code = value;
  }
  const json signer = json::parse(api_.Call("GET", "/api/v1/verify/" + code).body)["signer"];
  EXPECT_EQ(signer["capacity"], "own");
  EXPECT_EQ(signer["name"], "Бауыржан Қайратұлы Оспанов");
  EXPECT_EQ(signer["position"]["en"], "Head of the centre");
  EXPECT_FALSE(signer.contains("acting_for"));
}

TEST_P(DelegationApiSuite, DelegationRulesAnswerByTheContract) {
  // A role not held: 403; the route is for heads: 403 for others.
  EXPECT_EQ(Delegate("executor", "clerk", "2026-11-23", "2026-11-24").status, 403);
  // Self, another office's staff (like an unknown login): 422.
  auto self = Delegate("head", "head", "2026-11-23", "2026-11-24");
  EXPECT_EQ(self.status, 422);
  auto other = Delegate("head", "executor2", "2026-11-23", "2026-11-24");
  auto ghost = Delegate("head", "ghost", "2026-11-23", "2026-11-24");
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(json::parse(other.body)["error"]["key"], json::parse(ghost.body)["error"]["key"]);
  // Overlap: 409. Another office's delegation: 404 on revoke.
  auto made = Delegate("head", "executor", "2026-11-25", "2026-11-26");
  ASSERT_EQ(made.status, 201);
  EXPECT_EQ(Delegate("head", "clerk", "2026-11-26", "2026-11-27").status, 409);
  const std::string revoke =
      "/api/v1/delegations/" + std::to_string(json::parse(made.body)["id"].get<int>()) + "/revoke";
  EXPECT_EQ(Post(revoke, json::object(), "head2").status, 404);
  auto revoked = Post(revoke, json::object(), "head");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(json::parse(revoked.body)["status"], "revoked");
  EXPECT_EQ(Post(revoke, json::object(), "head").status, 409);
}

TEST_P(DelegationApiSuite, AnEmployersDrafterPreparesButTheSignatoryFiles) {
  auto capacity = GetJson("/api/v1/employer/capacity", "employer");
  EXPECT_EQ(capacity["capacity"], "director");
  EXPECT_EQ(capacity["may_file"], true);
  const std::string drafter_password = AddEmployerUser("aigul", "drafter");
  const std::string signatory_password = AddEmployerUser("marat", "signatory");
  ASSERT_FALSE(drafter_password.empty());
  tokens_["aigul"] = FirstSignIn("aigul", drafter_password);
  tokens_["marat"] = FirstSignIn("marat", signatory_password);

  EXPECT_EQ(GetJson("/api/v1/employer/capacity", "aigul")["may_file"], false);
  auto listed = GetJson("/api/v1/employer/users", "employer");
  ASSERT_EQ(listed["items"].size(), 2u);
  EXPECT_EQ(listed["items"][0]["iin"].get<std::string>().find("851102400347"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/employer/users", "aigul").status, 403);
  EXPECT_EQ(Get("/api/v1/employer/users", "clerk").status, 403);

  auto refused = FileAsEmployerUser("aigul");
  ASSERT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["error"]["key"], "employer.drafter_cannot_file");
  EXPECT_TRUE(GetJson("/api/v1/cases", "aigul")["items"].empty()) << "nothing was filed";

  auto filed = FileAsEmployerUser("marat");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string case_url =
      "/api/v1/cases/" + std::to_string(json::parse(filed.body)["id"].get<int>());
  // Every user of the employer sees the employer's case.
  EXPECT_EQ(Get(case_url, "aigul").status, 200);
  EXPECT_EQ(Get(case_url, "employer").status, 200);
  EXPECT_EQ(GetJson("/api/v1/cases", "aigul")["items"].size(), 1u);

  // Another employer's director sees none of it, and cannot touch this employer's users.
  storage::UserRecord other;
  other.login = "other-director";
  other.kind = "applicant";
  other.full_name = "Other";
  other.roles = "employer";
  other.bin = "150340004568";
  other.password_hash = HashPassword("demo");
  ASSERT_TRUE(api_.runtime()
                  .db()
                  .Write([&](storage::Tx& tx) -> Status {
                    JUMYS_TRY(storage::InsertUser(tx, other, "2026-11-23T05:00:00Z"));
                    return {};
                  })
                  .has_value());
  EXPECT_EQ(Get(case_url, "other-director").status, 404);
  EXPECT_EQ(
      Post("/api/v1/employer/users/aigul/deactivate", json::object(), "other-director").status,
      404);

  // Deactivated, the drafter's session ends.
  auto off = Post("/api/v1/employer/users/aigul/deactivate", json::object(), "employer");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(json::parse(off.body)["active"], false);
  EXPECT_EQ(Get("/api/v1/employer/capacity", "aigul").status, 401);
}

// The number is reserved when the head first draws the draft; the acting head who draws it
// again keeps it, and the result is issued under it: the PDF and the app agree.
TEST_P(DelegationApiSuite, ARedrawnDraftKeepsItsReservedNumber) {
  auto kase = FileAtOffice("job-seeker-registration", "951203400783");
  const std::int64_t case_id = kase["id"];
  Work("job-seeker-registration", case_id,
       {{"register", "clerk", "accepted"},
        {"assign", "head", "assigned", {{"assignee", "executor"}}},
        {"review", "executor", "approve"}});
  json task = QueueTask(case_id, "head");
  const std::string first = TaskDocument(task["id"], "head");
  const std::string reserved =
      Select("SELECT number FROM documents WHERE status = 'draft' AND case_id = " +
             std::to_string(case_id));
  ASSERT_NE(reserved.find("-R"), std::string::npos) << reserved;
  EXPECT_NE(PdfText("first", first).find("№ " + reserved), std::string::npos);

  ASSERT_EQ(Delegate("head", "executor", "2026-11-23", "2026-11-24").status, 201);
  const std::string redrawn = TaskDocument(task["id"], "executor");
  ASSERT_NE(redrawn, first) << "drawn again for the acting head";
  const std::string text = PdfText("redrawn", redrawn);
  EXPECT_NE(text.find("№ " + reserved), std::string::npos) << text;
  ASSERT_EQ(Complete(task["id"], "executor", "signed", json::object(), SignAs("executor", redrawn))
                .status,
            200);
  auto done = Work("job-seeker-registration", case_id, {{"hand_over", "clerk", "handed_over"}});
  EXPECT_EQ(done["result"]["number"], reserved);
  EXPECT_EQ(Get(done["result"]["document_url"], "clerk").body, redrawn);
  // One reservation, accounted for on the case.
  int reservations = 0;
  for (const auto& e : done["events"]) {
    if (e["action"] == "result.number_reserve") {
      ++reservations;
      EXPECT_EQ(e["data"]["number"], reserved);
    }
  }
  EXPECT_EQ(reservations, 1);
}

}  // namespace jumys::testing
