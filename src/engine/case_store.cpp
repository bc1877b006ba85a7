#include "engine/case_store.h"

#include "engine/applicant_steps.h"

namespace jumys {

using storage::Params;
using storage::Rows;
using storage::Tx;
using storage::Value;

namespace {

Value TextOrNull(const std::string& v) {
  if (v.empty()) return nullptr;
  return v;
}

Value OptionalText(const std::optional<std::string>& v) {
  if (v) return *v;
  return nullptr;
}

// A JSON column written by this file; a cell that does not parse is a broken store.
Expected<nlohmann::json> JsonCell(const Rows& rows, std::size_t r, std::size_t c,
                                  nlohmann::json fallback) {
  if (rows.IsNull(r, c)) return fallback;
  auto parsed = nlohmann::json::parse(rows.Text(r, c), nullptr, false);
  if (parsed.is_discarded()) {
    return Error::Internal("unreadable JSON in column " + rows.columns().at(c));
  }
  return parsed;
}

std::string Placeholders(std::size_t first, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    out += '$' + std::to_string(first + i);
  }
  return out;
}

nlohmann::json ResultToJson(const CaseResult& r) {
  return {{"kind", r.kind},       {"number", r.number},   {"document_id", r.document_id},
          {"grounds", r.grounds}, {"missing", r.missing}, {"expired", r.expired}};
}

CaseResult ResultFromJson(const nlohmann::json& j) {
  CaseResult r;
  r.kind = j.value("kind", "");
  r.number = j.value("number", "");
  r.document_id = j.value("document_id", std::int64_t{0});
  r.grounds = j.value("grounds", std::vector<std::string>{});
  r.missing = j.value("missing", std::vector<std::string>{});
  r.expired = j.value("expired", std::vector<std::string>{});
  return r;
}

constexpr const char* kCaseColumns =
    "id, number, process, version, channel, office_id, applicant_iin, applicant_bin, status, "
    "decided_kind, decided_status, grounds, assignees, documents, data, result, row_version, "
    "created_by, created_at, updated_at, closed_at, result_due_on, accepted_at";

Expected<CaseRow> CaseAt(const Rows& rows, std::size_t r) {
  CaseRow c;
  c.id = rows.Int(r, 0);
  c.number = rows.Text(r, 1);
  c.process = rows.Text(r, 2);
  c.version = rows.Text(r, 3);
  auto channel = ParseChannel(rows.Text(r, 4));
  if (!channel) return Error::Internal("case " + std::to_string(c.id) + ": unknown channel");
  c.channel = *channel;
  c.office_id = rows.Text(r, 5);
  c.applicant_iin = rows.Text(r, 6);
  c.applicant_bin = rows.Text(r, 7);
  c.status = rows.Text(r, 8);
  if (!rows.IsNull(r, 9)) {
    auto status = ParseCaseEnd(rows.Text(r, 10));
    if (!status) return Error::Internal("case " + std::to_string(c.id) + ": bad decided_status");
    c.decided = ResultDecision{rows.Text(r, 9), *status};
  }
  JUMYS_ASSIGN_OR_RETURN(auto grounds, JsonCell(rows, r, 11, nlohmann::json::array()));
  c.grounds = grounds.get<std::vector<std::string>>();
  JUMYS_ASSIGN_OR_RETURN(auto assignees, JsonCell(rows, r, 12, nlohmann::json::object()));
  c.assignees = assignees.get<std::map<std::string, std::string>>();
  JUMYS_ASSIGN_OR_RETURN(c.documents, JsonCell(rows, r, 13, nlohmann::json::array()));
  JUMYS_ASSIGN_OR_RETURN(c.data, JsonCell(rows, r, 14, nlohmann::json::object()));
  if (!rows.IsNull(r, 15)) {
    JUMYS_ASSIGN_OR_RETURN(auto result, JsonCell(rows, r, 15, nullptr));
    c.result = ResultFromJson(result);
  }
  c.row_version = rows.Int(r, 16);
  c.created_by = rows.Text(r, 17);
  c.created_at = rows.Text(r, 18);
  c.updated_at = rows.Text(r, 19);
  c.closed_at = rows.Optional(r, 20);
  c.result_due_on = rows.Optional(r, 21);
  c.accepted_at = rows.Optional(r, 22);
  return c;
}

Value DecidedKind(const CaseRow& c) {
  if (c.decided) return c.decided->kind;
  return nullptr;
}
Value DecidedStatus(const CaseRow& c) {
  if (c.decided) return std::string(CaseEndName(c.decided->status));
  return nullptr;
}
Value ResultText(const CaseRow& c) {
  if (c.result) return ResultToJson(*c.result).dump();
  return nullptr;
}

constexpr const char* kTaskColumns =
    "t.id, t.case_id, t.step, t.ref, t.kind, t.role, t.office_id, t.assignee, t.limit_text, "
    "t.created_at, t.due_at, t.completed_at, t.completed_by, t.outcome, t.data";
constexpr std::size_t kTaskColumnCount = 15;

Expected<TaskRow> TaskAt(const Rows& rows, std::size_t r) {
  TaskRow t;
  t.id = rows.Int(r, 0);
  t.case_id = rows.Int(r, 1);
  t.step = rows.Text(r, 2);
  t.ref = rows.Text(r, 3);
  auto kind = ParseStepKind(rows.Text(r, 4));
  if (!kind) return Error::Internal("task " + std::to_string(t.id) + ": unknown kind");
  t.kind = *kind;
  if (!rows.IsNull(r, 5)) {
    auto role = ParseRole(rows.Text(r, 5));
    if (!role) return Error::Internal("task " + std::to_string(t.id) + ": unknown role");
    t.role = *role;
  }
  t.office_id = rows.Text(r, 6);
  t.assignee = rows.Text(r, 7);
  t.limit = rows.Text(r, 8);
  t.created_at = rows.Text(r, 9);
  t.due_at = rows.Text(r, 10);
  t.completed_at = rows.Optional(r, 11);
  t.completed_by = rows.Text(r, 12);
  t.outcome = rows.Text(r, 13);
  JUMYS_ASSIGN_OR_RETURN(t.data, JsonCell(rows, r, 14, nlohmann::json::object()));
  return t;
}

Expected<std::vector<TaskRow>> TasksFrom(const Rows& rows) {
  std::vector<TaskRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    JUMYS_ASSIGN_OR_RETURN(auto t, TaskAt(rows, r));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Expected<std::int64_t> NextCounter(Tx& tx, const std::string& office_id, int year,
                                   const std::string& kind) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO counters (office_id, year, kind, last) VALUES ($1, $2, $3, 1) "
               "ON CONFLICT (office_id, year, kind) DO UPDATE SET last = counters.last + 1 "
               "RETURNING last",
               {office_id, std::int64_t{year}, kind}));
  if (rows.empty()) return Error::Internal("counter upsert returned no row");
  return rows.Int(0, 0);
}

Expected<std::int64_t> InsertCase(Tx& tx, const CaseRow& c) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO cases (number, process, version, channel, office_id, applicant_iin, "
               "applicant_bin, status, decided_kind, decided_status, grounds, assignees, "
               "documents, data, result, row_version, created_by, created_at, updated_at, "
               "closed_at, result_due_on, accepted_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,"
               "$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22) RETURNING id",
               {c.number,
                c.process,
                c.version,
                std::string(ChannelName(c.channel)),
                c.office_id,
                TextOrNull(c.applicant_iin),
                TextOrNull(c.applicant_bin),
                c.status,
                DecidedKind(c),
                DecidedStatus(c),
                nlohmann::json(c.grounds).dump(),
                nlohmann::json(c.assignees).dump(),
                c.documents.dump(),
                c.data.dump(),
                ResultText(c),
                c.row_version,
                c.created_by,
                c.created_at,
                c.updated_at,
                OptionalText(c.closed_at),
                OptionalText(c.result_due_on),
                OptionalText(c.accepted_at)}));
  if (rows.empty()) return Error::Internal("case insert returned no id");
  return rows.Int(0, 0);
}

Expected<bool> UpdateCase(Tx& tx, const CaseRow& c, std::int64_t expected_version) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE cases SET status = $1, decided_kind = $2, decided_status = $3, "
              "grounds = $4, assignees = $5, data = $6, result = $7, updated_at = $8, "
              "closed_at = $9, accepted_at = $10, office_id = $11, row_version = row_version + 1 "
              "WHERE id = $12 AND row_version = $13",
              {c.status, DecidedKind(c), DecidedStatus(c), nlohmann::json(c.grounds).dump(),
               nlohmann::json(c.assignees).dump(), c.data.dump(), ResultText(c), c.updated_at,
               OptionalText(c.closed_at), OptionalText(c.accepted_at), c.office_id, c.id,
               expected_version}));
  return changed == 1;
}

Expected<std::optional<CaseRow>> FindCase(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<CaseRow>{};
  JUMYS_ASSIGN_OR_RETURN(auto c, CaseAt(rows, 0));
  return std::optional<CaseRow>{std::move(c)};
}

Expected<std::vector<CaseRow>> FindCases(Tx& tx, const std::vector<std::int64_t>& ids) {
  std::vector<CaseRow> out;
  if (ids.empty()) return out;
  Params params(ids.begin(), ids.end());
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id IN (" +
                              Placeholders(1, ids.size()) + ") ORDER BY id",
                          params));
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    JUMYS_ASSIGN_OR_RETURN(auto c, CaseAt(rows, r));
    out.push_back(std::move(c));
  }
  return out;
}

Status InsertCaseSubject(Tx& tx, std::int64_t case_id, std::int64_t subject_case_id,
                         const std::string& created_at) {
  JUMYS_TRY(tx.Exec(
      "INSERT INTO case_subjects (case_id, subject_case_id, created_at) VALUES ($1, $2, $3)",
      {case_id, subject_case_id, created_at}));
  return {};
}

Expected<std::optional<std::int64_t>> FindCaseSubject(Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT subject_case_id FROM case_subjects WHERE case_id = $1", {case_id}));
  if (rows.empty()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{rows.Int(0, 0)};
}

Expected<std::vector<CaseRow>> ListCasesAbout(Tx& tx, std::int64_t subject_case_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT case_id FROM case_subjects WHERE subject_case_id = $1 ORDER BY case_id",
               {subject_case_id}));
  std::vector<std::int64_t> ids;
  for (std::size_t r = 0; r < rows.size(); ++r) ids.push_back(rows.Int(r, 0));
  return FindCases(tx, ids);
}

Expected<std::vector<CaseRow>> ListCases(Tx& tx, const CaseFilter& f) {
  std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases WHERE ";
  Params params;
  auto add = [&](const char* condition, Value v) {
    params.push_back(std::move(v));
    sql += condition;
    sql += '$' + std::to_string(params.size());
  };
  if (!f.office_ids.empty()) {
    // Its own offices' cases and those it handed to another office (read only there).
    const std::string in = "IN (" + Placeholders(1, f.office_ids.size()) + ")";
    sql += "(office_id " + in + " OR id IN (SELECT case_id FROM case_handoffs WHERE from_office " +
           in + "))";
    for (const auto& o : f.office_ids) params.push_back(o);
  } else if (!f.applicant_iin.empty()) {
    add("applicant_iin = ", f.applicant_iin);
  } else if (!f.applicant_bin.empty()) {
    add("(applicant_bin = ", f.applicant_bin);
    add(" OR id IN (SELECT case_id FROM case_parties WHERE party = 'employer' AND bin = ",
        f.applicant_bin);
    sql += "))";
  } else {
    return Error::Internal("ListCases without a scope");
  }
  if (!f.number.empty()) add(" AND number = ", f.number);
  if (!f.iin.empty()) add(" AND applicant_iin = ", f.iin);
  if (!f.bin.empty()) add(" AND applicant_bin = ", f.bin);
  if (!f.process.empty()) add(" AND process = ", f.process);
  if (!f.status.empty()) add(" AND status = ", f.status);
  if (f.before_id > 0) add(" AND id < ", f.before_id);
  add(" ORDER BY id DESC LIMIT ", std::int64_t{f.limit});
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<CaseRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    JUMYS_ASSIGN_OR_RETURN(auto c, CaseAt(rows, r));
    out.push_back(std::move(c));
  }
  return out;
}

Expected<std::int64_t> InsertTask(Tx& tx, const TaskRow& t) {
  Value role = nullptr;
  if (t.role) role = std::string(RoleName(*t.role));
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(
          "INSERT INTO tasks (case_id, step, ref, kind, role, office_id, assignee, "
          "limit_text, created_at, due_at, completed_at, completed_by, outcome, data) "
          "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id",
          {t.case_id, t.step, t.ref, std::string(StepKindName(t.kind)), role, t.office_id,
           TextOrNull(t.assignee), t.limit, t.created_at, t.due_at, OptionalText(t.completed_at),
           TextOrNull(t.completed_by), TextOrNull(t.outcome), t.data.dump()}));
  if (rows.empty()) return Error::Internal("task insert returned no id");
  return rows.Int(0, 0);
}

Expected<bool> CompleteTaskRow(Tx& tx, std::int64_t task_id, const std::string& completed_at,
                               const std::string& completed_by, const std::string& outcome,
                               const nlohmann::json& data) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE tasks SET completed_at = $1, completed_by = $2, outcome = $3, data = $4 "
              "WHERE id = $5 AND completed_at IS NULL",
              {completed_at, completed_by, outcome, data.dump(), task_id}));
  return changed == 1;
}

Expected<bool> ReassignTaskRow(Tx& tx, std::int64_t task_id, const std::string& assignee) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed, tx.Exec("UPDATE tasks SET assignee = $1 WHERE id = $2 AND completed_at IS NULL",
                            {assignee, task_id}));
  return changed == 1;
}

Expected<std::optional<TaskRow>> FindTask(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kTaskColumns + " FROM tasks t WHERE t.id = $1", {id}));
  if (rows.empty()) return std::optional<TaskRow>{};
  JUMYS_ASSIGN_OR_RETURN(auto t, TaskAt(rows, 0));
  return std::optional<TaskRow>{std::move(t)};
}

Expected<std::vector<TaskRow>> ListCaseTasks(Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kTaskColumns +
                                                 " FROM tasks t WHERE t.case_id = $1 ORDER BY t.id",
                                             {case_id}));
  return TasksFrom(rows);
}

namespace {

// The open tasks of the office $1 with their case's number, process and decision, for a
// listing to narrow further ("AND ...").
std::string OpenTasksWithCase() {
  return std::string("SELECT ") + kTaskColumns +
         ", c.number, c.process, c.version, c.decided_kind FROM tasks t "
         "JOIN cases c ON c.id = t.case_id "
         "WHERE t.completed_at IS NULL AND t.office_id = $1 ";
}

Expected<std::vector<QueueTask>> QueueTasksFrom(const Rows& rows) {
  std::vector<QueueTask> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    QueueTask qt;
    JUMYS_ASSIGN_OR_RETURN(qt.task, TaskAt(rows, r));
    qt.case_number = rows.Text(r, kTaskColumnCount);
    qt.process = rows.Text(r, kTaskColumnCount + 1);
    qt.version = rows.Text(r, kTaskColumnCount + 2);
    qt.decided_kind = rows.Optional(r, kTaskColumnCount + 3);
    out.push_back(std::move(qt));
  }
  return out;
}

}  // namespace

Expected<std::vector<QueueTask>> ListQueue(Tx& tx, const QueueQuery& q) {
  if (q.roles.empty()) return std::vector<QueueTask>{};
  Params params{q.office_id, q.login};
  std::string roles;
  for (Role r : q.roles) {
    params.push_back(std::string(RoleName(r)));
    if (!roles.empty()) roles += ',';
    roles += '$' + std::to_string(params.size());
  }
  std::string sql = OpenTasksWithCase() + "AND t.role IN (" + roles +
                    ") AND (t.assignee IS NULL OR t.assignee = $2)";
  if (q.after) {
    params.push_back(q.after->first);
    params.push_back(q.after->second);
    const auto n = params.size();
    sql += " AND (t.due_at > $" + std::to_string(n - 1) + " OR (t.due_at = $" +
           std::to_string(n - 1) + " AND t.id > $" + std::to_string(n) + "))";
  }
  params.push_back(std::int64_t{q.limit});
  sql += " ORDER BY t.due_at, t.id LIMIT $" + std::to_string(params.size());
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  return QueueTasksFrom(rows);
}

Expected<std::vector<QueueTask>> ListApplicantTasks(
    Tx& tx, const std::string& iin, const std::string& bin, int limit,
    const std::optional<std::pair<std::string, std::int64_t>>& after) {
  if (iin.empty() == bin.empty()) return std::vector<QueueTask>{};
  // An employer's account carries the BIN; a person's only the IIN.
  const bool employer = !bin.empty();
  Params params{std::string(RoleName(employer ? Role::kEmployer : Role::kJobSeeker)),
                employer ? bin : iin};
  std::string sql = std::string("SELECT ") + kTaskColumns +
                    ", c.number, c.process, c.version, c.decided_kind FROM tasks t "
                    "JOIN cases c ON c.id = t.case_id "
                    "WHERE t.completed_at IS NULL AND t.kind = 'user' AND t.role = $1 AND " +
                    (employer ? "(c.applicant_bin = $2 OR EXISTS (SELECT 1 FROM case_parties p "
                                "WHERE p.case_id = c.id AND p.party = 'employer' AND p.bin = $2))"
                              : "c.applicant_iin = $2");
  if (after) {
    params.push_back(after->first);
    params.push_back(after->second);
    sql += " AND (t.due_at > $3 OR (t.due_at = $3 AND t.id > $4))";
  }
  params.push_back(std::int64_t{limit});
  sql += " ORDER BY t.due_at, t.id LIMIT $" + std::to_string(params.size());
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  return QueueTasksFrom(rows);
}

Expected<std::vector<QueueTask>> ListOpenOfficeTasks(Tx& tx, const std::string& office_id,
                                                     int limit) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(OpenTasksWithCase() + "AND t.role IS NOT NULL ORDER BY t.due_at, t.id LIMIT $2",
               {office_id, std::int64_t{limit}}));
  return QueueTasksFrom(rows);
}

Expected<std::vector<TaskRow>> ListDueSystemTasks(Tx& tx, const std::string& now, int limit) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kTaskColumns +
                              " FROM tasks t WHERE t.completed_at IS NULL AND t.kind <> 'user' "
                              "AND t.due_at <= $1 ORDER BY t.due_at, t.id LIMIT $2",
                          {now, std::int64_t{limit}}));
  return TasksFrom(rows);
}

Expected<std::int64_t> InsertDocument(Tx& tx, const DocumentRow& d) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO case_documents (case_id, kind, number, office_id, issued_at, "
               "issued_by, data, delivered_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
               {d.case_id, d.kind, d.number, d.office_id, d.issued_at, d.issued_by, d.data.dump(),
                OptionalText(d.delivered_at)}));
  if (rows.empty()) return Error::Internal("document insert returned no id");
  return rows.Int(0, 0);
}

Expected<std::optional<DocumentRow>> FindDocument(Tx& tx, std::int64_t case_id,
                                                  std::int64_t document_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT id, case_id, kind, number, office_id, issued_at, issued_by, data, "
               "delivered_at FROM case_documents WHERE id = $1 AND case_id = $2",
               {document_id, case_id}));
  if (rows.empty()) return std::optional<DocumentRow>{};
  DocumentRow d;
  d.id = rows.Int(0, 0);
  d.case_id = rows.Int(0, 1);
  d.kind = rows.Text(0, 2);
  d.number = rows.Text(0, 3);
  d.office_id = rows.Text(0, 4);
  d.issued_at = rows.Text(0, 5);
  d.issued_by = rows.Text(0, 6);
  JUMYS_ASSIGN_OR_RETURN(d.data, JsonCell(rows, 0, 7, nlohmann::json::object()));
  d.delivered_at = rows.Optional(0, 8);
  return std::optional<DocumentRow>{std::move(d)};
}

Status MarkDocumentDelivered(Tx& tx, std::int64_t document_id, const std::string& at) {
  JUMYS_TRY(
      tx.Exec("UPDATE case_documents SET delivered_at = $1 WHERE id = $2", {at, document_id}));
  return {};
}

Expected<std::vector<CaseEventRow>> ListCaseEvents(Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT seq, at, actor, action, data FROM audit_events "
                          "WHERE entity = 'case' AND entity_id = $1 AND action <> 'case.read' "
                          "ORDER BY seq",
                          {std::to_string(case_id)}));
  std::vector<CaseEventRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back(
        {rows.Int(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3), rows.Text(r, 4)});
  }
  return out;
}

Expected<std::vector<CompletedTaskRow>> ListCompletedTasks(Tx& tx, const CompletedTaskQuery& q) {
  if (q.office_ids.empty()) return std::vector<CompletedTaskRow>{};
  Params params{q.completed_from, q.completed_to};
  std::string sql =
      "SELECT c.process, c.version, t.step, t.ref, t.role, t.office_id, t.limit_text, "
      "t.created_at, t.due_at, t.completed_at, t.completed_by, c.id, c.number ";
  sql +=
      "FROM tasks t JOIN cases c ON c.id = t.case_id "
      "WHERE t.completed_at IS NOT NULL AND t.completed_at >= $1 AND t.completed_at < $2 "
      "AND t.kind = 'user' AND t.office_id IN (" +
      Placeholders(3, q.office_ids.size()) + ")";
  for (const auto& o : q.office_ids) params.push_back(o);
  if (!q.process.empty()) {
    params.push_back(q.process);
    sql += " AND c.process = $" + std::to_string(params.size());
  }
  if (!q.completed_by.empty()) {
    params.push_back(q.completed_by);
    sql += " AND t.completed_by = $" + std::to_string(params.size());
  }
  sql += " ORDER BY c.process, c.version, t.id";
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<CompletedTaskRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3),
                   rows.Text(r, 4), rows.Text(r, 5), rows.Text(r, 6), rows.Text(r, 7),
                   rows.Text(r, 8), rows.Text(r, 9), rows.Text(r, 10), rows.Int(r, 11),
                   rows.Text(r, 12)});
  }
  return out;
}

}  // namespace jumys
