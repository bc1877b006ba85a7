#include "services/casework/casework_service.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/blank.h"
#include "engine/case_results.h"
#include "engine/case_store.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::casework {

namespace {

constexpr std::size_t kMaxNoteChars = 2000;  // code points

Date PlusDays(Date d, int n) { return Date{std::chrono::sys_days{d} + std::chrono::days{n}}; }

}  // namespace

const char* DueBucketName(DueBucket b) {
  switch (b) {
    case DueBucket::kOverdue:
      return "overdue";
    case DueBucket::kToday:
      return "today";
    case DueBucket::kSoon:
      return "soon";
    case DueBucket::kLater:
      return "later";
    case DueBucket::kNone:
      return "none";
  }
  return "none";
}

// The last day of "soon": the kSoonWorkingDays-th working day after `today`.
static Date SoonUntil(const WorkCalendar& calendar, Date today) {
  Date d = today;
  for (int found = 0, guard = 0; found < kSoonWorkingDays && guard < 60; ++guard) {
    d = PlusDays(d, 1);
    if (calendar.IsWorkingDay(d)) ++found;
  }
  return d;
}

DueBucket BucketOf(const WorkCalendar& calendar, const Office& office, const std::string& due_at,
                   Instant now) {
  if (due_at.empty() || due_at == kNoDueAt) return DueBucket::kNone;
  auto due = ParseRfc3339(due_at);
  if (!due) return DueBucket::kNone;
  if (*due <= now) return DueBucket::kOverdue;
  const Date today = OfficeDate(office, now);
  const Date due_day = OfficeDate(office, *due);
  if (due_day == today) return DueBucket::kToday;
  if (std::chrono::sys_days{due_day} <= std::chrono::sys_days{SoonUntil(calendar, today)}) {
    return DueBucket::kSoon;
  }
  return DueBucket::kLater;
}

CaseworkService::CaseworkService(storage::Database& db, const OfficeDirectory& offices,
                                 const CalendarService& calendar, const ProcessCatalog& catalog,
                                 Clock clock)
    : db_(db),
      offices_(offices),
      calendar_(calendar),
      catalog_(catalog),
      clock_(std::move(clock)) {}

Status CaseworkService::MayUseNotes(storage::Tx& tx, const Actor& actor,
                                    std::int64_t case_id) const {
  JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, case_id));
  if (!kase) return Error::NotFound("case.not_found"_msg, "no such case");
  if (actor.applicant) return Error::NotFound("case.not_found"_msg, "no such case");
  if (actor.office_id != kase->office_id) {
    return Error::Forbidden("case_note.other_office"_msg,
                            "internal notes are kept by the staff of the case's office");
  }
  return {};
}

Expected<std::vector<CaseNote>> CaseworkService::Notes(const Actor& actor,
                                                       std::int64_t case_id) const {
  std::vector<CaseNote> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(MayUseNotes(tx, actor, case_id));
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT id, case_id, author, author_name, text, at FROM case_notes "
                            "WHERE case_id = $1 ORDER BY id",
                            {case_id}));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      out.push_back({rows.Int(r, 0), rows.Int(r, 1), rows.Text(r, 2), rows.Text(r, 3),
                     rows.Text(r, 4), rows.Text(r, 5)});
    }
    return {};
  }));
  return out;
}

Expected<CaseNote> CaseworkService::AddNote(const Actor& actor, std::int64_t case_id,
                                            const std::string& raw) {
  const std::string text = TrimmedAscii(raw);
  if (text.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "text", "case_note.empty"_msg,
                      "write the note first");
  }
  if (CodePoints(text) > kMaxNoteChars) {
    return FieldError(ErrorCode::kUnprocessable, "text", "case_note.too_long"_msg,
                      "at most {max} characters", {{"max", std::to_string(kMaxNoteChars)}});
  }
  CaseNote note;
  note.case_id = case_id;
  note.author = actor.login;
  note.text = text;
  note.at = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(MayUseNotes(tx, actor, case_id));
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, actor.login));
    note.author_name = user && !user->full_name.empty() ? user->full_name : actor.login;
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("INSERT INTO case_notes (case_id, office_id, author, author_name, text, at) "
                 "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                 {case_id, actor.office_id, note.author, note.author_name, note.text, note.at}));
    if (rows.empty()) return Error::Internal("note insert returned no id");
    note.id = rows.Int(0, 0);
    return storage::AppendAudit(
        tx, storage::AuditEvent{note.at,
                                actor.login,
                                "case_note.create",
                                "case_note",
                                std::to_string(note.id),
                                actor.office_id,
                                {{"case", case_id}, {"chars", CodePoints(text)}}});
  }));
  return note;
}

Expected<Dashboard> CaseworkService::OfficeDashboard(const Actor& actor) const {
  auto office = offices_.Find(actor.office_id);
  if (!office || actor.applicant) {
    return Error::Unprocessable("office.unknown"_msg, "unknown office '{office}'",
                                {{"office", actor.office_id}});
  }
  const Instant now = clock_();
  std::vector<QueueTask> open;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(open, ListOpenOfficeTasks(tx, office->id, Dashboard::kMaxTasks + 1));
    return {};
  }));
  Dashboard out;
  out.office_id = office->id;
  const Date today = OfficeDate(*office, now);
  auto cal = calendar_.Current();
  out.today = FormatDate(today);
  out.soon_until = FormatDate(SoonUntil(*cal, today));
  if (static_cast<int>(open.size()) > Dashboard::kMaxTasks) {
    out.truncated = true;
    open.resize(Dashboard::kMaxTasks);
  }
  std::map<std::tuple<std::string, std::string, std::string>, DashboardStep> steps;
  for (const auto& q : open) {
    const TaskRow& t = q.task;
    if (!t.role || IsApplicantRole(*t.role)) continue;
    const DueBucket b = BucketOf(*cal, *office, t.due_at, now);
    const auto i = static_cast<std::size_t>(b);
    ++out.counts[i];
    ++out.total;
    DashboardStep& s = steps[{q.process, q.version, t.step}];
    if (s.total == 0) {
      s.process = q.process;
      s.version = q.version;
      s.step = t.step;
      s.ref = t.ref;
      s.role = RoleName(*t.role);
    }
    ++s.counts[i];
    ++s.total;
    out.tasks.push_back({t.id, t.case_id, q.case_number, q.process, q.version, t.step, t.ref,
                         RoleName(*t.role), t.assignee, t.has_due() ? t.due_at : "", b});
  }
  const auto place = [&](const DashboardStep& s) {
    auto def = catalog_.Find(s.process, s.version);
    if (!def) return SIZE_MAX;
    const auto& all = (*def)->steps;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].id == s.step) return i;
    }
    return SIZE_MAX;
  };
  for (auto& [key, s] : steps) out.steps.push_back(std::move(s));
  std::stable_sort(out.steps.begin(), out.steps.end(), [&](const auto& a, const auto& b) {
    return std::make_tuple(a.process, a.version, place(a)) <
           std::make_tuple(b.process, b.version, place(b));
  });
  return out;
}

}  // namespace jumys::casework
