#include "services/vacancies/vacancy_service.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "core/blank.h"
#include "engine/case_model.h"
#include "security/access.h"
#include "services/vacancies/vacancy_terms.h"
#include "storage/audit_log.h"
#include "storage/repositories/nullable.h"
#include "storage/repositories/repositories.h"
#include "storage/sql_params.h"

namespace jumys::vacancies {

namespace {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxDescriptionChars = 4000;
constexpr std::int64_t kMaxWorkplaces = 10000;
constexpr std::size_t kMaxRequirements = 30;
constexpr std::array<std::string_view, 5> kRequirementKinds = {"skill", "education", "experience",
                                                               "language", "driving_licence"};

// One detail per bad field, in the order of the form.
std::vector<ErrorDetail> CheckDraft(VacancyDraft& d) {
  std::vector<ErrorDetail> bad;
  d.title = TrimmedAscii(d.title);
  d.description = TrimmedAscii(d.description);
  if (IsBlank(d.title)) {
    bad.push_back({"title", "field.required"_msg, "is required"});
  } else if (CodePoints(d.title) > kMaxTitleChars) {
    bad.push_back({"title",
                   "field.too_long"_msg,
                   "must be at most {max} characters",
                   {{"max", std::to_string(kMaxTitleChars)}}});
  }
  if (CodePoints(d.description) > kMaxDescriptionChars) {
    bad.push_back({"description",
                   "field.too_long"_msg,
                   "must be at most {max} characters",
                   {{"max", std::to_string(kMaxDescriptionChars)}}});
  }
  if (!AllDigits(d.nkz) || d.nkz.size() > 8) {
    bad.push_back({"nkz", "vacancy.nkz_format"_msg, "an occupation code is 1 to 8 digits"});
  }
  if (!AllDigits(d.kato) || d.kato.size() != 9) {
    bad.push_back({"kato", "vacancy.kato_format"_msg, "a KATO code is 9 digits"});
  }
  if (d.wage_tiyn < 0) {
    bad.push_back({"wage", "vacancy.wage_negative"_msg, "the wage cannot be negative"});
  }
  if (!OneOf(kWorkingTimes, d.working_time)) {
    bad.push_back({"working_time",
                   "field.not_one_of"_msg,
                   "must be one of: {allowed}",
                   {{"allowed", Listed(kWorkingTimes)}}});
  }
  if (d.workplaces < 1 || d.workplaces > kMaxWorkplaces) {
    bad.push_back({"workplaces",
                   "vacancy.workplaces_range"_msg,
                   "from 1 to {max} workplaces",
                   {{"max", std::to_string(kMaxWorkplaces)}}});
  }
  if (d.requirements.is_null()) d.requirements = nlohmann::json::object();
  if (!d.requirements.is_object()) {
    bad.push_back({"requirements", "field.not_object"_msg, "must be an object"});
    return bad;
  }
  for (const auto& [part, items] : d.requirements.items()) {
    const std::string where = "requirements." + part;
    if (part != "must" && part != "nice") {
      bad.push_back({where, "vacancy.requirement_part"_msg,
                     "requirements are split into must and nice only"});
      continue;
    }
    if (!items.is_array() || items.size() > kMaxRequirements) {
      bad.push_back({where,
                     "vacancy.requirement_list"_msg,
                     "a list of at most {max} requirements",
                     {{"max", std::to_string(kMaxRequirements)}}});
      continue;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& r = items[i];
      const std::string at = where + "[" + std::to_string(i) + "]";
      const bool shaped = r.is_object() && r.contains("kind") && r["kind"].is_string() &&
                          r.contains("value") && r["value"].is_string() &&
                          !IsBlank(r["value"].get<std::string>());
      if (!shaped || !OneOf(kRequirementKinds, r["kind"].get<std::string>())) {
        bad.push_back({at,
                       "vacancy.requirement_shape"_msg,
                       "a requirement is {kind, value}, kind one of: {allowed}",
                       {{"allowed", Listed(kRequirementKinds)}}});
      }
    }
  }
  return bad;
}

Status Checked(VacancyDraft& d) {
  auto bad = CheckDraft(d);
  if (bad.empty()) return {};
  return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(bad));
}

constexpr const char* kColumns =
    "id, employer_bin, office_id, title, description, nkz, kato, wage_tiyn, working_time, "
    "workplaces, workplaces_filled, requirements, disability_suitable, programme, case_id, "
    "status, publish_at, relevant_since, stale_since, next_change_at, created_by, created_at, "
    "updated_at, row_version, "
    "(SELECT e.name FROM employers e WHERE e.bin = vacancies.employer_bin) AS employer_name, "
    "contract_id";

storage::Value TextOrNull(const std::optional<Instant>& at) {
  if (!at) return nullptr;
  return FormatRfc3339(*at);
}

Expected<Vacancy> VacancyAt(const storage::Rows& rows, std::size_t r) {
  Vacancy v;
  v.id = rows.Int(r, 0);
  v.draft.employer_bin = rows.Text(r, 1);
  v.office_id = rows.Text(r, 2);
  v.draft.title = rows.Text(r, 3);
  v.draft.description = rows.Text(r, 4);
  v.draft.nkz = rows.Text(r, 5);
  v.draft.kato = rows.Text(r, 6);
  v.draft.wage_tiyn = rows.Int(r, 7);
  v.draft.working_time = rows.Text(r, 8);
  v.draft.workplaces = rows.Int(r, 9);
  v.workplaces_filled = rows.Int(r, 10);
  v.draft.requirements = nlohmann::json::parse(rows.Text(r, 11), nullptr, false);
  v.draft.disability_suitable = rows.Int(r, 12) != 0;
  v.draft.programme = rows.Optional(r, 13).value_or("");
  if (auto c = rows.Optional(r, 14)) v.draft.case_id = std::stoll(*c);
  auto status = ParseVacancyStatus(rows.Text(r, 15));
  if (!status) return Error::Internal("vacancy " + std::to_string(v.id) + ": unknown status");
  v.state.status = *status;
  v.state.times.publish_at = storage::OptionalInstant(rows.Optional(r, 16));
  v.state.times.relevant_since = storage::OptionalInstant(rows.Optional(r, 17));
  v.state.times.stale_since = storage::OptionalInstant(rows.Optional(r, 18));
  v.next_change_at = storage::OptionalInstant(rows.Optional(r, 19));
  v.created_by = rows.Text(r, 20);
  v.created_at = rows.Text(r, 21);
  v.updated_at = rows.Text(r, 22);
  v.row_version = rows.Int(r, 23);
  v.employer_name = rows.Optional(r, 24).value_or("");
  if (auto c = rows.Optional(r, 25)) v.draft.contract_id = std::stoll(*c);
  return v;
}

Expected<std::optional<Vacancy>> FindVacancy(storage::Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM vacancies WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<Vacancy>{};
  JUMYS_ASSIGN_OR_RETURN(auto v, VacancyAt(rows, 0));
  return std::optional<Vacancy>{std::move(v)};
}

Error NotFound() { return Error::NotFound("vacancy.not_found"_msg, "no such vacancy"); }

// The employer itself, or an employer-interaction specialist of a scope holding its office.
bool MayManage(const Actor& actor, const OfficeDirectory& offices, const std::string& bin,
               const std::string& office_id) {
  if (actor.applicant) return !actor.bin.empty() && actor.bin == bin;
  if (!actor.roles.Has(Role::kEmployerSpecialist)) return false;
  auto office = offices.Find(office_id);
  return office && CanAccessOffice(actor, *office);
}

// Staff who see the office see its vacancies; an employer sees its own.
bool MaySee(const Actor& actor, const OfficeDirectory& offices, const Vacancy& v) {
  if (actor.applicant) return !actor.bin.empty() && actor.bin == v.draft.employer_bin;
  auto office = offices.Find(v.office_id);
  return office && CanAccessOffice(actor, *office);
}

Error NotYours() {
  return Error::Forbidden("vacancy.not_yours"_msg,
                          "only the employer or its office's employer-interaction specialists "
                          "enter its vacancies");
}

// The vacancy to change: 404 when missing or unseen, 403 when the caller only sees it.
Expected<Vacancy> ManagedVacancy(storage::Tx& tx, const Actor& actor,
                                 const OfficeDirectory& offices, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(auto found, FindVacancy(tx, id));
  if (!found || !MaySee(actor, offices, *found)) return NotFound();
  if (!MayManage(actor, offices, found->draft.employer_bin, found->office_id)) return NotYours();
  return std::move(*found);
}

nlohmann::json StateJson(const VacancyState& s) {
  nlohmann::json j = {{"status", VacancyStatusName(s.status)}};
  if (s.times.publish_at) j["publish_at"] = FormatRfc3339(*s.times.publish_at);
  return j;
}

storage::Params ContentParams(const VacancyDraft& d) {
  return {d.title,
          d.description,
          d.nkz,
          d.kato,
          d.wage_tiyn,
          d.working_time,
          d.workplaces,
          d.requirements.dump(),
          std::int64_t{d.disability_suitable ? 1 : 0},
          d.programme.empty() ? storage::Value(nullptr) : storage::Value(d.programme),
          d.contract_id ? storage::Value(*d.contract_id) : storage::Value(nullptr)};
}

// Writes the state and the next moment time moves it, if the row is still the one read.
Status StoreState(storage::Tx& tx, const Vacancy& v, const VacancyState& next,
                  const RelevancePolicy& policy, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE vacancies SET status = $1, publish_at = $2, relevant_since = $3, "
              "stale_since = $4, next_change_at = $5, updated_at = $6, "
              "row_version = row_version + 1 WHERE id = $7 AND row_version = $8",
              {std::string(VacancyStatusName(next.status)), TextOrNull(next.times.publish_at),
               TextOrNull(next.times.relevant_since), TextOrNull(next.times.stale_since),
               TextOrNull(NextTimedChange(next, policy)), now, v.id, v.row_version}));
  if (changed != 1) {
    return Error::Conflict("vacancy.changed"_msg, "the vacancy changed meanwhile; fetch it again");
  }
  return {};
}

}  // namespace

VacancyService::VacancyService(storage::Database& db, const OfficeDirectory& offices,
                               RelevancePolicy policy, Clock clock, const CalendarService* calendar)
    : db_(db), offices_(offices), policy_(policy), clock_(std::move(clock)), calendar_(calendar) {}

Expected<std::int64_t> VacancyService::Insert(storage::Tx& tx, const std::string& login,
                                              const VacancyDraft& draft,
                                              const std::string& now) const {
  JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, draft.employer_bin));
  if (!employer) return Error::NotFound("employer.not_found"_msg, "no such employer");
  storage::Params params = {employer->bin, employer->office_id};
  for (auto& p : ContentParams(draft)) params.push_back(std::move(p));
  params.push_back(draft.case_id ? storage::Value(*draft.case_id) : storage::Value(nullptr));
  params.push_back(login);
  params.push_back(now);
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, "
               "wage_tiyn, working_time, workplaces, requirements, disability_suitable, "
               "programme, contract_id, case_id, status, created_by, created_at, updated_at) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'draft',$15,$16,$16) "
               "RETURNING id",
               params));
  if (rows.empty()) return Error::Internal("vacancy insert returned no id");
  const std::int64_t id = rows.Int(0, 0);
  JUMYS_TRY(storage::AppendAudit(
      tx, storage::AuditEvent{now,
                              login,
                              "vacancy.create",
                              "vacancy",
                              std::to_string(id),
                              employer->office_id,
                              {{"employer", employer->bin}, {"title", draft.title}}}));
  return id;
}

Status VacancyService::ActIn(storage::Tx& tx, const std::string& login, const Vacancy& v,
                             VacancyAction action, Instant at,
                             std::optional<Instant> publish_at) const {
  const std::string now = FormatRfc3339(at);
  // What time has already done comes first: a stale vacancy is confirmed, not a published one.
  const SweepResult swept = SweepVacancy(v.state, policy_, at);
  JUMYS_ASSIGN_OR_RETURN(auto next, ApplyVacancyAction(swept.state, action, at, publish_at));
  JUMYS_TRY(StoreState(tx, v, next, policy_, now));
  nlohmann::json data = StateJson(next);
  data["from"] = VacancyStatusName(v.state.status);
  return storage::AppendAudit(
      tx, storage::AuditEvent{now, login, std::string("vacancy.") + VacancyActionName(action),
                              "vacancy", std::to_string(v.id), v.office_id, std::move(data)});
}

Expected<Vacancy> VacancyService::Create(const Actor& actor, VacancyDraft draft) {
  if (actor.applicant) draft.employer_bin = actor.bin;
  JUMYS_TRY(Checked(draft));
  const std::string now = FormatRfc3339(clock_());
  std::int64_t id = 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, draft.employer_bin));
    if (!employer) return Error::NotFound("employer.not_found"_msg, "no such employer");
    if (!MayManage(actor, offices_, employer->bin, employer->office_id)) {
      return NotYours();
    }
    JUMYS_ASSIGN_OR_RETURN(id, Insert(tx, actor.login, draft, now));
    return {};
  }));
  return Get(actor, id);
}

Expected<std::int64_t> VacancyService::ScheduleForCase(storage::Tx& tx, const std::string& login,
                                                       VacancyDraft draft, Instant now,
                                                       int working_days) const {
  JUMYS_TRY(Checked(draft));
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t id, Insert(tx, login, draft, FormatRfc3339(now)));
  JUMYS_ASSIGN_OR_RETURN(auto v, FindVacancy(tx, id));
  if (!v) return Error::Internal("the vacancy just stored is missing");
  // No delay: public at once (P1 3.3 enters an included employer's vacancies straight in).
  std::optional<Instant> at;
  if (working_days > 0) {
    JUMYS_ASSIGN_OR_RETURN(at, PublicationMorning(v->office_id, now, working_days));
  }
  JUMYS_TRY(ActIn(tx, login, *v, VacancyAction::kPublish, now, at));
  return id;
}

Expected<Vacancy> VacancyService::Update(const Actor& actor, std::int64_t id,
                                         std::int64_t row_version, VacancyDraft draft) {
  JUMYS_TRY(Checked(draft));
  const std::string now = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(const Vacancy v, ManagedVacancy(tx, actor, offices_, id));
    if (v.state.status != VacancyStatus::kDraft) {
      return Error::Conflict("vacancy.not_draft"_msg,
                             "only a draft is edited; take a scheduled vacancy back first");
    }
    storage::Params params = ContentParams(draft);
    params.push_back(now);
    params.push_back(id);
    params.push_back(row_version);
    JUMYS_ASSIGN_OR_RETURN(
        auto changed,
        tx.Exec("UPDATE vacancies SET title = $1, description = $2, nkz = $3, kato = $4, "
                "wage_tiyn = $5, working_time = $6, workplaces = $7, requirements = $8, "
                "disability_suitable = $9, programme = $10, contract_id = $11, updated_at = $12, "
                "row_version = row_version + 1 WHERE id = $13 AND row_version = $14",
                params));
    if (changed != 1) {
      return Error::Conflict("vacancy.changed"_msg,
                             "the vacancy changed meanwhile; fetch it again");
    }
    return storage::AppendAudit(tx, storage::AuditEvent{now,
                                                        actor.login,
                                                        "vacancy.update",
                                                        "vacancy",
                                                        std::to_string(id),
                                                        v.office_id,
                                                        {{"title", draft.title}}});
  }));
  return Get(actor, id);
}

Expected<Vacancy> VacancyService::Act(const Actor& actor, std::int64_t id, VacancyAction action,
                                      std::optional<Instant> publish_at) {
  const Instant at = clock_();
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(const Vacancy v, ManagedVacancy(tx, actor, offices_, id));
    return ActIn(tx, actor.login, v, action, at, publish_at);
  }));
  return Get(actor, id);
}

Expected<Instant> VacancyService::PublicationMorning(const std::string& office_id, Instant from,
                                                     int working_days) const {
  if (!calendar_) return Error::Internal("the vacancy bank was given no calendar");
  auto office = offices_.Find(office_id);
  if (!office) return Error::NotFound("office.not_found"_msg, "no such office");
  // The same computation as GET /api/v1/calendar/deadline: due at the office's closing on the
  // N-th working day; the vacancy goes public at that day's opening.
  const Instant due = calendar_->Deadline(*office, from, Limit{Limit::kWorkingDays, working_days});
  if (due == Instant::max()) return Error::Internal("the office never opens");
  // A second before closing: a day that closes at 24:00 is still that day.
  const LocalTime local = office->time_zone.ToLocal(due - std::chrono::seconds(1));
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const Date date{std::chrono::sys_days{day.time_since_epoch()}};
  const DayHours* hours = office->hours.OnWorkingDay(WeekdayIndex(date));
  if (!hours) return Error::Internal("the due day has no office hours");
  return office->time_zone.ToUtc(day + std::chrono::minutes(hours->open));
}

Expected<Vacancy> VacancyService::PublishAfterWorkingDays(const Actor& actor, std::int64_t id,
                                                          int working_days) {
  if (working_days < 1 || working_days > kMaxPublishDelayWorkingDays) {
    return FieldError(ErrorCode::kUnprocessable, "after_working_days",
                      "vacancy.publish_delay_range"_msg, "from 1 to {max} working days",
                      {{"max", std::to_string(kMaxPublishDelayWorkingDays)}});
  }
  // Who may publish it is Act's check; the office is read first only to count its days.
  JUMYS_ASSIGN_OR_RETURN(const Vacancy v, Get(actor, id));
  JUMYS_ASSIGN_OR_RETURN(const Instant at, PublicationMorning(v.office_id, clock_(), working_days));
  return Act(actor, id, VacancyAction::kPublish, at);
}

Expected<Vacancy> VacancyService::Get(const Actor& actor, std::int64_t id) const {
  std::optional<Vacancy> found;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(found, FindVacancy(tx, id));
    return {};
  }));
  if (!found || !MaySee(actor, offices_, *found)) return NotFound();
  return std::move(*found);
}

Expected<Vacancy> VacancyService::GetPublished(std::int64_t id) const {
  std::optional<Vacancy> found;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(found, FindVacancy(tx, id));
    return {};
  }));
  // What time has done by now counts, swept or not.
  if (!found || !IsPubliclyVisible(SweepVacancy(found->state, policy_, clock_()).state.status)) {
    return NotFound();
  }
  return std::move(*found);
}

Expected<VacancyList> VacancyService::List(const Actor& actor,
                                           const VacancyListQuery& query) const {
  // Whose: an employer its own BIN; staff every office they may access.
  std::string where;
  storage::SqlParams params;
  if (actor.applicant) {
    if (actor.bin.empty()) return VacancyList{};
    where = "employer_bin = " + params.Bind(actor.bin);
  } else {
    const auto offices = VisibleOffices(actor, offices_);
    if (offices.empty()) return VacancyList{};
    where = "office_id IN (" + params.BindAll(offices) + ")";
  }
  if (!query.employer_bin.empty()) {
    where += " AND employer_bin = " + params.Bind(query.employer_bin);
  }
  VacancyList out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto counted, tx.Query("SELECT status, COUNT(*) FROM vacancies WHERE " +
                                                      where + " GROUP BY status",
                                                  params.params()));
    for (std::size_t r = 0; r < counted.size(); ++r) {
      out.counts[counted.Text(r, 0)] = counted.Int(r, 1);
    }
    storage::SqlParams listed = params;
    std::string filter = where;
    if (query.status) {
      filter += " AND status = " + listed.Bind(std::string(VacancyStatusName(*query.status)));
    }
    filter += " ORDER BY id DESC LIMIT " + listed.Bind(std::int64_t{query.limit});
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query(std::string("SELECT ") + kColumns + " FROM vacancies WHERE " + filter,
                            listed.params()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      JUMYS_ASSIGN_OR_RETURN(auto v, VacancyAt(rows, r));
      out.items.push_back(std::move(v));
    }
    return {};
  }));
  return out;
}

Expected<std::optional<RecordOwner>> VacancyService::Owner(std::int64_t id) const {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT office_id, employer_bin FROM vacancies WHERE id = $1", {id}));
    if (!rows.empty()) owner = RecordOwner{{rows.Text(0, 0)}, "", "", rows.Text(0, 1)};
    return {};
  }));
  return owner;
}

Expected<std::int64_t> VacancyService::Sweep() {
  const Instant at = clock_();
  const std::string now = FormatRfc3339(at);
  std::vector<Vacancy> due;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows,
                           tx.Query(std::string("SELECT ") + kColumns +
                                        " FROM vacancies WHERE next_change_at <= $1 ORDER BY id",
                                    {now}));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      JUMYS_ASSIGN_OR_RETURN(auto v, VacancyAt(rows, r));
      due.push_back(std::move(v));
    }
    return {};
  }));
  std::int64_t changed = 0;
  for (const Vacancy& v : due) {
    const SweepResult swept = SweepVacancy(v.state, policy_, at);
    if (swept.changes.empty()) continue;
    // One vacancy a transaction: one that an owner changed meanwhile is left to the next sweep.
    auto written = db_.Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(StoreState(tx, v, swept.state, policy_, now));
      std::vector<storage::AuditEvent> events;
      for (const TimedChange& c : swept.changes) {
        events.push_back({now,
                          kSystemActor,
                          std::string("vacancy.") + VacancyStatusName(c.to),
                          "vacancy",
                          std::to_string(v.id),
                          v.office_id,
                          {{"due_at", FormatRfc3339(c.at)}}});
      }
      return storage::AppendAudit(tx, events);
    });
    if (written) {
      ++changed;
    } else if (written.error().key != "vacancy.changed") {
      return written.error();
    }
  }
  return changed;
}

Expected<std::int64_t> VacancyService::RecomputeNextChanges(int batch) {
  std::int64_t set = 0;
  std::int64_t after = 0;  // the last id looked at: batches by id, each its own transaction
  for (bool more = true; more;) {
    std::int64_t set_here = 0, last = after;
    JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
      set_here = 0;
      last = after;
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query(std::string("SELECT ") + kColumns +
                                  " FROM vacancies WHERE status IN ('scheduled', 'published', "
                                  "'stale') AND id > $1 ORDER BY id LIMIT $2",
                              {after, std::int64_t{batch}}));
      more = rows.size() == static_cast<std::size_t>(batch);
      for (std::size_t r = 0; r < rows.size(); ++r) {
        JUMYS_ASSIGN_OR_RETURN(const Vacancy v, VacancyAt(rows, r));
        last = v.id;
        const auto next = NextTimedChange(v.state, policy_);
        if (next == v.next_change_at) continue;
        // Guarded by the version read, so an owner's change meanwhile is not overwritten.
        JUMYS_ASSIGN_OR_RETURN(auto changed,
                               tx.Exec("UPDATE vacancies SET next_change_at = $1 WHERE id = $2 "
                                       "AND row_version = $3",
                                       {TextOrNull(next), v.id, v.row_version}));
        set_here += changed;
      }
      return {};
    }));
    set += set_here;
    after = last;
  }
  return set;
}

}  // namespace jumys::vacancies
