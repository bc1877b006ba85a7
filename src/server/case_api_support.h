#pragma once
// Helpers for the black-box case API tests (case_api_suite.h, case_api_errors_suite.h): file a
// case, find a task in someone's queue, complete it, and check its deadline against the
// calendar endpoint — an independent path to the same computation.
#include <gtest/gtest.h>

#include <fstream>

#include "core/base64.h"
#include "core/canonical_json.h"
#include "core/identifiers.h"
#include "core/testing/run_command.h"
#include "rendering/document_test_support.h"
#include "security/eds_test_support.h"
#include "security/password.h"
#include "server/testing/api_harness.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

class CaseApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  using json = nlohmann::json;

  CaseApiTest() : api_(GetParam()) {}
  explicit CaseApiTest(const std::filesystem::path& reference_dir)
      : api_(GetParam(), true, {}, std::chrono::seconds(0), reference_dir) {}

  std::string Token(const std::string& login) {
    auto it = tokens_.find(login);
    if (it != tokens_.end()) return it->second;
    return tokens_[login] = api_.Login(login);
  }

  http::HttpResponse Post(const std::string& target, const json& body, const std::string& login) {
    return api_.Call("POST", target, body.dump(), Token(login));
  }
  http::HttpResponse Get(const std::string& target, const std::string& login) {
    return api_.Call("GET", target, "", Token(login));
  }
  json GetJson(const std::string& target, const std::string& login) {
    auto r = Get(target, login);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }

  // A single value from the store ("" when the query finds no row).
  std::string Select(const std::string& sql) {
    std::string out;
    EXPECT_TRUE(api_.runtime()
                    .db()
                    .Read([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
                      if (!rows.empty()) out = rows.Text(0, 0);
                      return {};
                    })
                    .has_value());
    return out;
  }

  // Writes `bytes` to a file of the test's scratch directory; its path.
  std::string WriteTemp(const std::string& name, const std::string& bytes) {
    const auto path = temp_.path() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  // One part of an XLSX (a zip) of the scratch directory, such as "xl/workbook.xml".
  std::string XlsxPart(const std::string& path, const std::string& part) {
    std::string out;
    EXPECT_EQ(RunCommand("python3 -c \"import sys, zipfile; "
                         "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])"
                         ".decode())\" " +
                             path + " " + part,
                         &out),
              0)
        << out;
    return out;
  }

  // The text of a PDF (pdftotext, whitespace folded).
  std::string PdfText(const std::string& name, const std::string& pdf) {
    std::string text;
    EXPECT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTemp(name + ".pdf", pdf) + " -", &text), 0)
        << text;
    return rendering::testing::Normalized(text);
  }

  static json Documents(bool with_identity = true) {
    json docs = json::array({{{"type", "application"}}});
    if (with_identity)
      docs.push_back({{"type", "identity_document"}, {"valid_until", "2031-05-01"}});
    return docs;
  }

  // A valid IIN no demo person has, distinct for each `n`: S1 and S2 allow one open case per
  // person, so a test filing several gives each its own applicant.
  static std::string FreshIin(int n) {
    for (int serial = n * 10;; ++serial) {
      const std::string digits = std::to_string(10000 + serial % 10000).substr(1);
      if (auto iin = AppendCheckDigit("9001013" + digits)) return *iin;
    }
  }

  // Files an office case for `iin` as the city clerk; the created case.
  json FileAtOffice(const std::string& process, const std::string& iin,
                    const std::string& clerk = "clerk") {
    auto r = Post("/api/v1/cases",
                  {{"process", process},
                   {"channel", "office"},
                   {"applicant", {{"iin", iin}}},
                   {"documents", Documents()}},
                  clerk);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }

  // Base64 of a detached CMS signature of `content` with the dev-CA key file of `key` (a demo
  // login, or expired / revoked / untrusted).
  static std::string SignAs(const std::string& key, const std::string& content) {
    auto der = SignWithKeyFile(TestDevCaDir() / (key + ".p12"), kDevCaPassword, content);
    if (!der) throw std::runtime_error("signing as " + key + ": " + der.error().message);
    return Base64Encode(*der);
  }

  // A fresh single-use challenge issued to `login` for its next portal request.
  std::string Challenge(const std::string& login) {
    auto r = Post("/api/v1/challenges", json::object(), login);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).at("challenge").get<std::string>();
  }

  // A portal request signed as the applicant signs it: a fresh challenge of `login` (by
  // default the key's own account) put inside, then the signature over its canonical JSON.
  json SignedRequest(json body, const std::string& key, const std::string& login = "") {
    body["challenge"] = Challenge(login.empty() ? key : login);
    body["signature"] = SignAs(key, CanonicalJson(body));
    return body;
  }

  // The draft a signing task signs, fetched as `login`; fails the test unless it is a PDF.
  std::string TaskDocument(std::int64_t task_id, const std::string& login) {
    auto r = Get("/api/v1/tasks/" + std::to_string(task_id) + "/document", login);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/pdf");
    return r.body;
  }

  // The seeker files from the cabinet at the city centre, signing with their key file.
  json FileFromPortal(const std::string& process, const std::string& login = "seeker") {
    auto r = Post("/api/v1/cases",
                  SignedRequest({{"process", process},
                                 {"channel", "portal"},
                                 {"office", "kzo-city"},
                                 {"documents", Documents(false)}},
                                login),
                  login);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }

  // The open task of the case in `login`'s queue; fails the test if it is not there.
  json QueueTask(std::int64_t case_id, const std::string& login) {
    for (const auto& t : GetJson("/api/v1/tasks", login)) {
      if (t["case_id"] == case_id) return t;
    }
    ADD_FAILURE() << "no task of case " << case_id << " in the queue of " << login;
    return json::object();
  }

  // The open task of the case at `step` in `login`'s tasks (staff queue or the cabinet's).
  std::int64_t TaskAt(std::int64_t case_id, const std::string& step, const std::string& login) {
    const json task = QueueTask(case_id, login);
    EXPECT_EQ(task.value("step", ""), step) << task.dump();
    return task.value("id", std::int64_t{0});
  }

  // Completes the case's task at `step` as `login`; the test fails unless it is taken.
  void Take(std::int64_t case_id, const std::string& step, const std::string& login,
            const std::string& outcome, const json& data = json::object()) {
    auto r = Complete(TaskAt(case_id, step, login), login, outcome, data);
    ASSERT_EQ(r.status, 200) << step << ": " << r.body;
  }

  // The definition's limit of a step, from the processes listing.
  std::string StepLimit(const std::string& process, const std::string& step) {
    for (const auto& p : GetJson("/api/v1/processes", "clerk")) {
      if (p["code"] != process) continue;
      for (const auto& s : p["steps"]) {
        if (s["id"] == step) return s["limit"];
      }
    }
    ADD_FAILURE() << "no step " << process << "/" << step;
    return "";
  }

  // The task's due time is the calendar's deadline for its step's legal limit.
  void ExpectLegalDeadline(const std::string& process, const json& task) {
    const std::string limit = StepLimit(process, task["step"]);
    EXPECT_EQ(task["limit"], limit);
    auto deadline =
        GetJson("/api/v1/calendar/deadline?office=" + task["office"].get<std::string>() +
                    "&from=" + task["created_at"].get<std::string>() + "&limit=" + limit,
                "clerk");
    EXPECT_EQ(task["due_at"], deadline["due_at"]) << task.dump();
  }

  http::HttpResponse Complete(std::int64_t task_id, const std::string& login,
                              const std::string& outcome, const json& data = json::object(),
                              const std::string& signature = "") {
    json body = {{"outcome", outcome}, {"data", data}};
    if (!signature.empty()) body["signature"] = signature;
    return Post("/api/v1/tasks/" + std::to_string(task_id) + "/complete", body, login);
  }
  // A step signing several documents: one signature per kind.
  http::HttpResponse CompleteSigned(std::int64_t task_id, const std::string& login,
                                    const std::string& outcome, const json& signatures,
                                    const json& data = json::object()) {
    json body = {{"outcome", outcome}, {"data", data}, {"signatures", signatures}};
    return Post("/api/v1/tasks/" + std::to_string(task_id) + "/complete", body, login);
  }
  // What a signing task signs (GET /api/v1/tasks/{id}/documents): the kinds, in order.
  std::vector<std::string> KindsToSign(std::int64_t task_id, const std::string& login) {
    std::vector<std::string> out;
    const json listed = GetJson("/api/v1/tasks/" + std::to_string(task_id) + "/documents", login);
    for (const auto& d : listed["items"]) {
      out.push_back(d["kind"].get<std::string>());
    }
    return out;
  }
  // The draft of one kind a signing task signs.
  std::string TaskDocumentOfKind(std::int64_t task_id, const std::string& login,
                                 const std::string& kind) {
    auto r = Get("/api/v1/tasks/" + std::to_string(task_id) + "/document?kind=" + kind, login);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/pdf");
    return r.body;
  }

  // A refusal's details as {field: key}, e.g. {"data.workers": "field.out_of_range"}.
  static json DetailKeys(const http::HttpResponse& r) {
    json out = json::object();
    const json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return out;
    for (const auto& d : body["error"].value("details", json::array())) {
      out[d.value("field", "")] = d.value("key", "");
    }
    return out;
  }

  // A guard holds the outcome back: 422, with a message naming `reason`.
  void ExpectBlocked(std::int64_t task_id, const std::string& login, const std::string& outcome,
                     const std::string& reason, const json& data = json::object()) {
    auto blocked = Complete(task_id, login, outcome, data);
    EXPECT_EQ(blocked.status, 422);
    EXPECT_NE(blocked.body.find(reason), std::string::npos) << blocked.body;
  }

  struct Turn {
    std::string step;
    std::string login;
    std::string outcome;
    json data = json::object();
  };

  // The city office's positive path through S1, S2 or S3 from the clerk's registration to the
  // hand-over (seed 003, items 6.2-6.6).
  static std::vector<Turn> ApprovedAtOffice() {
    return {{"register", "clerk", "accepted"},
            {"assign", "head", "assigned", {{"assignee", "executor"}}},
            {"review", "executor", "approve"},
            {"sign", "head", "signed"},
            {"hand_over", "clerk", "handed_over"}};
  }

  // Works the case through its steps: each task must be in the worker's queue with its legal
  // deadline and the positive outcome first; some working minutes pass before each
  // completion. Returns the case at the end.
  json Work(const std::string& process, std::int64_t case_id, const std::vector<Turn>& turns) {
    json kase;
    for (const auto& turn : turns) {
      SCOPED_TRACE(process + " " + turn.step + " by " + turn.login);
      json task = QueueTask(case_id, turn.login);
      EXPECT_EQ(task["step"], turn.step);
      EXPECT_EQ(task["overdue"], false);
      EXPECT_FALSE(task["outcomes"].empty());
      ExpectLegalDeadline(process, task);
      api_.Advance(std::chrono::minutes(7));
      // A signing step: the worker signs the draft with their dev-CA key file.
      // A step signing several documents signs each (`signatures` by kind).
      std::string signature;
      json signatures = json::object();
      if (task["signature_required"] == true) {
        const auto kinds = KindsToSign(task["id"], turn.login);
        if (kinds.size() > 1) {
          for (const auto& kind : kinds) {
            signatures[kind] = SignAs(turn.login, TaskDocumentOfKind(task["id"], turn.login, kind));
          }
        } else {
          signature = SignAs(turn.login, TaskDocument(task["id"], turn.login));
        }
      }
      auto r = signatures.empty()
                   ? Complete(task["id"], turn.login, turn.outcome, turn.data, signature)
                   : CompleteSigned(task["id"], turn.login, turn.outcome, signatures, turn.data);
      EXPECT_EQ(r.status, 200) << r.body;
      kase = json::parse(r.body);
    }
    return kase;
  }

  void AddStaff(const std::string& login, const std::string& office, const std::string& roles) {
    storage::UserRecord u;
    u.login = login;
    u.kind = "staff";
    u.full_name = login;
    u.office_id = office;
    u.roles = roles;
    u.password_hash = HashPassword("demo");
    ASSERT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_TRY(storage::InsertUser(tx, u, "2026-11-23T05:00:00Z"));
                      return {};
                    })
                    .has_value());
  }

  ApiHarness api_;
  std::map<std::string, std::string> tokens_;
  storage::TempDir temp_;
};

}  // namespace jumys::testing
