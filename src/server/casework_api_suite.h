#pragma once
// Case-management basics through the API (issue 16, item 6), on SQLite (casework_api_test.cpp)
// and PostgreSQL (casework_api_pgtest.cpp): the head reassigns the task of an executor who is
// ill, and so does an acting head, but nobody else; internal notes, kept by the case's office,
// append-only and never in an applicant's answer; the office dashboard's due-time buckets on the
// working calendar, seen at an injected time.
#include "server/case_api_support.h"

namespace jumys::testing {

class CaseworkApiSuite : public CaseApiTest {
 protected:
  // An S1 case at the city centre registered and appointed to `executor`: its review task.
  std::pair<std::int64_t, json> CaseUnderReview(const std::string& iin = "951203400783") {
    auto kase = FileAtOffice("job-seeker-registration", iin);
    const std::int64_t case_id = kase["id"];
    Work("job-seeker-registration", case_id,
         {{"register", "clerk", "accepted"},
          {"assign", "head", "assigned", {{"assignee", "executor"}}}});
    json task = QueueTask(case_id, "executor");
    EXPECT_EQ(task["step"], "review");
    EXPECT_EQ(task["assignee"], "executor");
    return {case_id, task};
  }

  http::HttpResponse Reassign(std::int64_t task_id, const std::string& as, const json& body) {
    return Post("/api/v1/tasks/" + std::to_string(task_id) + "/reassign", body, as);
  }

  static std::string Key(const http::HttpResponse& r) {
    const json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return "";
    return body["error"].value("key", "");
  }

  bool InQueue(std::int64_t case_id, const std::string& login) {
    for (const auto& t : GetJson("/api/v1/tasks", login)) {
      if (t["case_id"] == case_id) return true;
    }
    return false;
  }

  // The events of one action in a case answer's timeline.
  static json EventsIn(const json& kase, const std::string& action) {
    json out = json::array();
    for (const auto& e : kase["events"]) {
      if (e["action"] == action) out.push_back(e);
    }
    return out;
  }

  // The case's timeline events of one action.
  json Events(std::int64_t case_id, const std::string& action) {
    json out = json::array();
    const json kase = GetJson("/api/v1/cases/" + std::to_string(case_id), "head");
    for (const auto& e : kase["events"]) {  // kase outlives the loop: no temporary's subscript
      if (e["action"] == action) out.push_back(e);
    }
    return out;
  }
};

TEST_P(CaseworkApiSuite, TheHeadReassignsTheTaskOfAnExecutorWhoIsIll) {
  AddStaff("executor-b", "kzo-city", "executor");
  auto [case_id, task] = CaseUnderReview();
  const std::int64_t task_id = task["id"];
  const std::string tid = std::to_string(task_id);

  // Whom to: the executors of the city centre, the current one marked.
  const json candidates = GetJson("/api/v1/tasks/" + tid + "/assignees", "head");
  EXPECT_EQ(candidates["role"], "executor");
  EXPECT_EQ(candidates["assignee"], "executor");
  std::map<std::string, bool> current;
  for (const auto& c : candidates["items"]) {
    current[c["login"].get<std::string>()] = c["current"].get<bool>();
  }
  EXPECT_EQ(current, (std::map<std::string, bool>{{"executor", true}, {"executor-b", false}}));

  auto moved = Reassign(task_id, "head", {{"assignee", "executor-b"}, {"reason", "ill"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  const json kase = json::parse(moved.body);
  bool found = false;
  for (const auto& t : kase["tasks"]) {
    if (t["id"] == task_id) {
      found = true;
      EXPECT_EQ(t["assignee"], "executor-b");
      EXPECT_EQ(t["open"], true);
    }
  }
  EXPECT_TRUE(found);
  // Out of the ill executor's queue, into the colleague's; the ill one may not complete it.
  EXPECT_FALSE(InQueue(case_id, "executor"));
  EXPECT_TRUE(InQueue(case_id, "executor-b"));
  auto refused = Complete(task_id, "executor", "approve");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(Key(refused), "task.assigned_to_other");
  // The case's appointee follows, so its later executor steps go to the colleague too.
  EXPECT_NE(Select("SELECT assignees FROM cases WHERE id = " + std::to_string(case_id))
                .find("executor-b"),
            std::string::npos);
  // Audited on the case's timeline, in the answer and when read again, with who from and to.
  const json events = EventsIn(kase, "task.reassign");
  ASSERT_EQ(events.size(), 1u) << moved.body;
  EXPECT_EQ(Events(case_id, "task.reassign"), events) << "kept on the stored timeline too";
  EXPECT_EQ(events[0]["actor"], "head");
  EXPECT_EQ(events[0]["data"]["from"], "executor");
  EXPECT_EQ(events[0]["data"]["to"], "executor-b");
  EXPECT_EQ(events[0]["data"]["reason"], "ill");
  EXPECT_EQ(events[0]["data"]["task"], task_id);
  EXPECT_FALSE(events[0]["data"].contains("acting_for"));
  // The colleague works it on.
  auto done = Complete(task_id, "executor-b", "approve");
  EXPECT_EQ(done.status, 200) << done.body;
  // Done: no longer reassigned (409), nor listed.
  auto late = Reassign(task_id, "head", {{"assignee", "executor"}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Key(late), "task.not_open");
  EXPECT_EQ(Get("/api/v1/tasks/" + tid + "/assignees", "head").status, 409);
}

TEST_P(CaseworkApiSuite, OnlyTheHeadOfTheTasksOfficeReassignsAndOnlyToAHolderOfItsRole) {
  AddStaff("executor-b", "kzo-city", "executor");
  auto [case_id, task] = CaseUnderReview();
  const std::int64_t task_id = task["id"];
  const json to_b = {{"assignee", "executor-b"}};
  // Staff of the office without the head's role: 403, the task unchanged.
  for (const std::string login : {"executor", "clerk", "unit-head", "analyst"}) {
    auto r = Reassign(task_id, login, to_b);
    EXPECT_EQ(r.status, 403) << login << r.body;
    EXPECT_EQ(Key(r), "task.reassign_by_head") << login;
    EXPECT_EQ(Get("/api/v1/tasks/" + std::to_string(task_id) + "/assignees", login).status, 403);
  }
  // The oblast head sees the city's records but is not the city centre's head: 403.
  auto oblast = Reassign(task_id, "oblast-head", to_b);
  EXPECT_EQ(oblast.status, 403) << oblast.body;
  EXPECT_EQ(Key(oblast), "task.reassign_by_head");
  // Another centre's head and applicants: the task is not there (404, as for a missing one).
  for (const std::string login : {"head2", "seeker"}) {
    auto r = Reassign(task_id, login, to_b);
    EXPECT_EQ(r.status, 404) << login << r.body;
  }
  EXPECT_EQ(Reassign(999999, "head", to_b).status, 404);
  // Not a holder of the role here: a clerk, another centre's executor, an unknown login.
  for (const std::string login : {"clerk", "executor2", "nobody-at-all", "head"}) {
    auto r = Reassign(task_id, "head", {{"assignee", login}});
    EXPECT_EQ(r.status, 422) << login << r.body;
    EXPECT_EQ(Key(r), "task.assignee_not_staff") << login;
  }
  // A deactivated executor is not offered and not accepted.
  AddStaff("executor-c", "kzo-city", "executor");
  auto off = api_.Call("PATCH", "/api/v1/users/executor-c", json{{"active", false}}.dump(),
                       Token("admin"));
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(Reassign(task_id, "head", {{"assignee", "executor-c"}}).status, 422);
  for (const auto& c :
       GetJson("/api/v1/tasks/" + std::to_string(task_id) + "/assignees", "head")["items"]) {
    EXPECT_NE(c["login"], "executor-c");
  }
  // The one it is assigned to already: 409. Bad bodies: 400.
  auto same = Reassign(task_id, "head", {{"assignee", "executor"}});
  EXPECT_EQ(same.status, 409) << same.body;
  EXPECT_EQ(Key(same), "task.already_assigned");
  EXPECT_EQ(Reassign(task_id, "head", json::object()).status, 400);
  EXPECT_EQ(Reassign(task_id, "head", {{"assignee", 7}}).status / 100, 4);
  EXPECT_EQ(
      Reassign(task_id, "head", {{"assignee", "executor-b"}, {"reason", std::string(501, 'x')}})
              .status /
          100,
      4);
  // None of that changed anything.
  EXPECT_TRUE(InQueue(case_id, "executor"));
  EXPECT_TRUE(Events(case_id, "task.reassign").empty());
  // A task open to every clerk may be given to one of them.
  auto fresh = FileAtOffice("job-seeker-registration", "780611300895");
  const std::int64_t register_task = fresh["tasks"][0]["id"];
  auto to_clerk = Reassign(register_task, "head", {{"assignee", "clerk"}});
  EXPECT_EQ(to_clerk.status, 200) << to_clerk.body;
}

TEST_P(CaseworkApiSuite, AnActingHeadReassignsWhileTheDelegationIsInForce) {
  AddStaff("executor-b", "kzo-city", "executor");
  auto [case_id, task] = CaseUnderReview();
  const std::int64_t task_id = task["id"];
  // Before the delegation the unit head may not.
  EXPECT_EQ(Reassign(task_id, "unit-head", {{"assignee", "executor-b"}}).status, 403);
  auto made = Post(
      "/api/v1/delegations",
      {{"delegate", "unit-head"}, {"starts_on", "2026-11-23"}, {"ends_on", "2026-11-24"}}, "head");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::int64_t delegation = json::parse(made.body)["id"];
  EXPECT_EQ(GetJson("/api/v1/tasks/" + std::to_string(task_id) + "/assignees", "unit-head")["items"]
                .size(),
            2u);
  auto moved = Reassign(task_id, "unit-head", {{"assignee", "executor-b"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  const json events = EventsIn(json::parse(moved.body), "task.reassign");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["actor"], "unit-head");
  EXPECT_EQ(events[0]["data"]["acting_for"], "head");
  EXPECT_EQ(events[0]["data"]["delegation"], delegation);
  // Revoked: no longer.
  ASSERT_EQ(
      Post("/api/v1/delegations/" + std::to_string(delegation) + "/revoke", json::object(), "head")
          .status,
      200);
  auto after = Reassign(task_id, "unit-head", {{"assignee", "executor"}});
  EXPECT_EQ(after.status, 403) << after.body;
  EXPECT_EQ(Key(after), "task.reassign_by_head");
}

TEST_P(CaseworkApiSuite, NotesAreForTheStaffOfTheCaseOfficeAndNeverForTheApplicant) {
  // The seeker's own case, filed from the cabinet at the city centre.
  const json kase = FileFromPortal("job-seeker-registration");
  const std::string id = std::to_string(kase["id"].get<std::int64_t>());
  const std::string notes = "/api/v1/cases/" + id + "/notes";
  EXPECT_TRUE(GetJson(notes, "clerk")["items"].empty());
  const std::string secret = "Өтініш берушіні телефонмен шақыру керек: құжаттары толық емес.";
  auto added = Post(notes, {{"text", "  " + secret + "\n"}}, "clerk");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(json::parse(added.body)["text"], secret);  // trimmed
  EXPECT_EQ(json::parse(added.body)["author"]["full_name"], "Әлия Серікқызы Жұмабаева");
  ASSERT_EQ(Post(notes, {{"text", "Шақырылды."}}, "head").status, 201);
  // Every member of the office's staff reads them, oldest first.
  for (const std::string login : {"clerk", "head", "executor", "analyst"}) {
    const json listed = GetJson(notes, login);
    ASSERT_EQ(listed["items"].size(), 2u) << login;
    EXPECT_EQ(listed["items"][0]["text"], secret);
    EXPECT_EQ(listed["items"][1]["author"]["login"], "head");
  }
  // The applicant: 403 on the notes, and not a word of them in any answer they get.
  for (const std::string method : {"GET", "POST"}) {
    auto r = api_.Call(method, notes, method == "POST" ? json{{"text", "x"}}.dump() : "",
                       Token("seeker"));
    EXPECT_EQ(r.status, 403) << method << r.body;
  }
  for (const std::string target :
       {"/api/v1/cases/" + id, std::string("/api/v1/cases"), "/api/v1/cases/" + id + "/complaints",
        std::string("/api/v1/inbox")}) {
    auto r = Get(target, "seeker");
    EXPECT_EQ(r.status, 200) << target << r.body;
    EXPECT_EQ(r.body.find("телефонмен"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("Шақырылды"), std::string::npos) << target;
  }
  // Staff of another centre: 404 as for a missing case; oblast staff see the case but do not
  // keep its notes (403).
  EXPECT_EQ(Get(notes, "clerk2").status, 404);
  auto oblast = Get(notes, "oblast-head");
  EXPECT_EQ(oblast.status, 403) << oblast.body;
  EXPECT_EQ(Key(oblast), "case_note.other_office");
  EXPECT_EQ(Post(notes, {{"text", "x"}}, "oblast-clerk").status, 403);
  EXPECT_EQ(Get("/api/v1/cases/999999/notes", "clerk").status, 404);
  // Empty, too long, not text.
  auto empty = Post(notes, {{"text", " \n "}}, "clerk");
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(Key(empty), "case_note.empty");
  std::string long_text;
  for (int i = 0; i < 2001; ++i) long_text += "ә";
  auto too_long = Post(notes, {{"text", long_text}}, "clerk");
  EXPECT_EQ(too_long.status, 422) << too_long.body;
  EXPECT_EQ(Key(too_long), "case_note.too_long");
  EXPECT_EQ(Post(notes, {{"text", long_text.substr(0, 2000 * 2)}}, "clerk").status, 201);
  EXPECT_EQ(Post(notes, {{"text", 5}}, "clerk").status, 400);
  EXPECT_EQ(Post(notes, json::object(), "clerk").status, 400);
  // Audited without the text.
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE action = 'case_note.create'"), "3");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE data LIKE '%телефонмен%'"), "0");
  // Append-only on the store itself: no update, no delete.
  for (const std::string sql :
       {"UPDATE case_notes SET text = 'changed'", "DELETE FROM case_notes"}) {
    auto changed = api_.runtime().db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(tx.Exec(sql));
      return {};
    });
    EXPECT_FALSE(changed.has_value()) << sql;
  }
  EXPECT_EQ(GetJson(notes, "clerk")["items"][0]["text"], secret);
}

TEST_P(CaseworkApiSuite, TheDashboardCountsOpenTasksByStepAndByWorkingDaysLeft) {
  // Monday 2026-12-14, 10:00 in Kyzylorda: Wednesday the 16th is Independence Day, so the next
  // three working days are Tuesday, Thursday and Friday the 18th.
  api_.Advance(std::chrono::hours(24 * 21));
  tokens_.clear();  // the sessions of three weeks ago have ended
  std::vector<std::int64_t> tasks;
  for (const std::string process : {"job-seeker-registration", "active-measures-referral"}) {
    for (const std::string iin : {"851102400347", "951203400783", "780611300895"}) {
      tasks.push_back(FileAtOffice(process, iin)["tasks"][0]["id"].get<std::int64_t>());
    }
  }
  FileAtOffice("job-seeker-registration", "880722300562", "clerk2");  // Aral's: not counted
  const std::vector<std::pair<std::string, std::string>> due = {
      {"2026-12-14T04:00:00Z", "overdue"},  // 09:00 today, passed
      {"2026-12-14T12:00:00Z", "today"},    // 17:00 today
      {"2026-12-17T12:00:00Z", "soon"},     // Thursday: the 2nd working day
      {"2026-12-18T12:00:00Z", "soon"},     // Friday: the 3rd (a calendar count stops on the 17th)
      {"2026-12-21T04:00:00Z", "later"},    // Monday: the 4th
      {"9999-12-31T23:59:59Z", "none"},
  };
  ASSERT_EQ(tasks.size(), due.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    ASSERT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_TRY(tx.Exec("UPDATE tasks SET due_at = $1 WHERE id = $2",
                                        {due[i].first, tasks[i]}));
                      return {};
                    })
                    .has_value());
  }
  ASSERT_TRUE(api_.runtime()
                  .db()
                  .Write([&](storage::Tx& tx) -> Status {
                    JUMYS_TRY(
                        tx.Exec("UPDATE tasks SET assignee = 'clerk' WHERE id = $1", {tasks[0]}));
                    return {};
                  })
                  .has_value());
  const json d = GetJson("/api/v1/dashboard", "head");
  EXPECT_EQ(d["office"], "kzo-city");
  EXPECT_EQ(d["today"], "2026-12-14");
  EXPECT_EQ(d["soon_until"], "2026-12-18");
  EXPECT_EQ(d["total"], 6);
  EXPECT_EQ(d["counts"],
            (json{{"overdue", 1}, {"today", 1}, {"soon", 2}, {"later", 1}, {"none", 1}}));
  std::map<std::int64_t, std::string> bucket;
  for (const auto& t : d["tasks"]) {
    bucket[t["task"].get<std::int64_t>()] = t["bucket"].get<std::string>();
  }
  for (std::size_t i = 0; i < tasks.size(); ++i) EXPECT_EQ(bucket[tasks[i]], due[i].second) << i;
  // The assignee by full name beside the login; nobody's name for a task open to the role.
  for (const auto& t : d["tasks"]) {
    if (t["task"] == tasks[0]) {
      EXPECT_EQ(t["assignee"], "clerk");
      EXPECT_EQ(t["assignee_name"], "Әлия Серікқызы Жұмабаева");
    } else {
      EXPECT_TRUE(t["assignee_name"].is_null()) << t.dump();
    }
  }
  // By step: the two registration steps, three tasks each.
  ASSERT_EQ(d["steps"].size(), 2u) << d["steps"].dump();
  std::int64_t sum = 0;
  for (const auto& s : d["steps"]) {
    EXPECT_EQ(s["total"], 3);
    EXPECT_EQ(s["role"], "office_clerk");
    sum += s["counts"]["soon"].get<std::int64_t>() + s["counts"]["overdue"].get<std::int64_t>();
  }
  EXPECT_EQ(sum, 3);
  // Any member of the office's staff sees the same; Aral's head sees only Aral's.
  EXPECT_EQ(GetJson("/api/v1/dashboard", "clerk")["total"], 6);
  EXPECT_EQ(GetJson("/api/v1/dashboard", "head2")["total"], 1);
  EXPECT_EQ(Get("/api/v1/dashboard", "seeker").status, 403);
  // Late that evening (23:00 local) the task due at 17:00 is overdue too.
  api_.Advance(std::chrono::hours(13));
  tokens_.clear();
  const json evening = GetJson("/api/v1/dashboard", "head");
  EXPECT_EQ(evening["counts"]["overdue"], 2);
  EXPECT_EQ(evening["counts"]["today"], 0);
  // A task done leaves the dashboard.
  ASSERT_EQ(Complete(tasks[4], "clerk", "accepted").status, 200);
  const json after = GetJson("/api/v1/dashboard", "head");
  for (const auto& t : after["tasks"]) EXPECT_NE(t["task"], tasks[4]);
  EXPECT_GE(after["total"], 5);  // its case's next step may open at once
}

TEST_P(CaseworkApiSuite, TheSlaReportFiltersByOfficeAndEmployeeListsTheLateCasesAndExports) {
  // One case registered in time and appointed by the head; one registered three days late.
  auto on_time = FileAtOffice("job-seeker-registration", "951203400783");
  Work("job-seeker-registration", on_time["id"],
       {{"register", "clerk", "accepted"},
        {"assign", "head", "assigned", {{"assignee", "executor"}}}});
  auto late_case = FileAtOffice("job-seeker-registration", "780611300895");
  const std::int64_t late_id = late_case["id"].get<std::int64_t>();
  const std::string late_number = late_case["number"].get<std::string>();
  api_.Advance(std::chrono::hours(72));
  tokens_.clear();
  ASSERT_EQ(Complete(late_case["tasks"][0]["id"], "clerk", "accepted").status, 200);

  const std::string base = "/api/v1/reports/sla?from=2026-11-01&to=2026-11-30";
  const json all = GetJson(base, "head");
  std::map<std::string, std::pair<int, int>> by_step;  // step: count, breaches
  for (const auto& s : all["steps"]) {
    by_step[s["step"].get<std::string>()] = {s["count"].get<int>(), s["breaches"].get<int>()};
  }
  EXPECT_EQ(by_step["register"], std::make_pair(2, 1));
  EXPECT_EQ(by_step["assign"], std::make_pair(1, 0));
  ASSERT_EQ(all["late"].size(), 1u) << all.dump();
  const json late = all["late"][0];
  EXPECT_EQ(late["case_id"], late_id);
  EXPECT_EQ(late["case_number"], late_number);
  EXPECT_EQ(late["step"], "register");
  EXPECT_EQ(late["completed_by"], "clerk");
  EXPECT_EQ(late["completed_by_name"], "Әлия Серікқызы Жұмабаева");
  EXPECT_GT(late["overrun_minutes"].get<int>(), 0);

  // By employee: the head's own work only; the clerk's with its late case.
  const json heads = GetJson(base + "&employee=head", "head");
  EXPECT_EQ(heads["employee"], "head");
  ASSERT_EQ(heads["steps"].size(), 1u);
  EXPECT_EQ(heads["steps"][0]["step"], "assign");
  EXPECT_TRUE(heads["late"].empty());
  const json clerks = GetJson(base + "&employee=clerk", "head");
  ASSERT_EQ(clerks["steps"].size(), 1u);
  EXPECT_EQ(clerks["late"].size(), 1u);
  EXPECT_TRUE(GetJson(base + "&employee=nobody", "head")["steps"].empty());
  // By office: Aral's has none of it; the city head may not ask for Aral (404).
  EXPECT_TRUE(GetJson(base + "&office=kzo-aral", "admin")["steps"].empty());
  EXPECT_EQ(GetJson(base + "&office=kzo-city", "admin")["late"].size(), 1u);
  EXPECT_EQ(Get(base + "&office=kzo-aral", "head").status, 404);
  EXPECT_EQ(Get(base + "&format=pdf", "head").status, 400);

  // CSV: the steps, and with part=late the late cases.
  auto csv = Get(base + "&format=csv&part=late", "head");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("case_number,process,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find(late_number + ",job-seeker-registration,"), std::string::npos)
      << csv.body;
  // XLSX, read back: two sheets, the steps and the late case with its number and overrun.
  auto xlsx = Get(base + "&format=xlsx", "head");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(xlsx.body.rfind("PK", 0), 0u);
  const std::string path = WriteTemp("sla.xlsx", xlsx.body);
  const auto part = [&](const std::string& name) { return XlsxPart(path, name); };
  const std::string workbook = part("xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"SLA\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"Late cases\""), std::string::npos) << workbook;
  const std::string strings = part("xl/sharedStrings.xml");
  EXPECT_NE(strings.find(late_number), std::string::npos) << strings;
  EXPECT_NE(strings.find("overrun_minutes"), std::string::npos);
  const std::string sheet2 = part("xl/worksheets/sheet2.xml");
  EXPECT_NE(sheet2.find("<v>" + std::to_string(late["overrun_minutes"].get<int>()) + "</v>"),
            std::string::npos)
      << sheet2;
  const std::string sheet1 = part("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("<row r=\"3\""), std::string::npos) << sheet1;  // header + 2 steps
}

}  // namespace jumys::testing
