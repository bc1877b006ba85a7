#include "engine/case_service.h"

#include <algorithm>

#include "core/identifiers.h"
#include "engine/acting.h"
#include "engine/applicant_steps.h"
#include "engine/case_relations.h"
#include "engine/case_results.h"
#include "engine/store_field_lookups.h"
#include "engine/task_time_left.h"
#include "storage/audit_log.h"

namespace jumys {

CaseService::CaseService(storage::Database& db, const ProcessCatalog& catalog,
                         const OfficeDirectory& offices, const CalendarService& calendar,
                         const CaseHooks& hooks, Clock clock)
    : db_(db),
      catalog_(catalog),
      offices_(offices),
      deps_{offices, calendar, hooks, nullptr, &catalog},
      clock_(std::move(clock)),
      // SQLite has one writer and pays an fsync per commit: group concurrent changes.
      writer_(db, db.dialect() == storage::Dialect::kSqlite ? 128 : 1) {}

Expected<ProcessCatalog::DefinitionPtr> CaseService::DefinitionOf(
    const std::string& process, const std::string& version) const {
  auto def = catalog_.Find(process, version);
  if (!def) return Error::Internal("case runs under " + process + "/" + version + ", not loaded");
  return def;
}

Status CaseService::Offered(const ProcessDefinition& def) const {
  if (!def.runnable()) {
    return Error::Unprocessable("process.sketch"_msg, "{process} is a sketch and does not run",
                                {{"process", def.code}});
  }
  if (auto covered = deps_.hooks.Covers(def); !covered) {
    Error e = Error::Unprocessable("process.not_offered"_msg, "{process} is not offered yet",
                                   {{"process", def.code}});
    ErrorDetail why;  // the hook registry's own keyed reason
    why.key = covered.error().key;
    why.params = covered.error().params;
    why.message = covered.error().message;
    e.details.push_back(std::move(why));
    return e;
  }
  return {};
}

Expected<CaseService::Filing> CaseService::CheckFiling(const Actor& actor,
                                                       const StartRequest& request) const {
  Filing f;
  std::string office_id = request.office_id;
  if (request.channel == Channel::kOffice) {
    if (actor.applicant || !actor.roles.Has(Role::kOfficeClerk)) {
      return Error::Forbidden("case.office_filing_by_clerk"_msg,
                              "an office application is registered by an office clerk");
    }
    if (!office_id.empty() && office_id != actor.office_id) {
      return FieldError(ErrorCode::kUnprocessable, "office", "case.office_filing_own_office"_msg,
                        "an office application is filed at the clerk's own office");
    }
    office_id = actor.office_id;
    f.iin = request.applicant_iin;
    f.bin = request.applicant_bin;
  } else {
    if (!actor.applicant) {
      return Error::Forbidden("case.portal_filing_by_applicant"_msg,
                              "a portal application is filed by the applicant from their cabinet");
    }
    const bool other_iin = !request.applicant_iin.empty() && request.applicant_iin != actor.iin;
    const bool other_bin = !request.applicant_bin.empty() && request.applicant_bin != actor.bin;
    if (other_iin || other_bin) {
      return Error::Forbidden("case.apply_for_yourself"_msg, "you may apply only for yourself");
    }
    f.iin = actor.iin;
    f.bin = actor.bin;
    if (office_id.empty()) {
      return FieldError(ErrorCode::kUnprocessable, "office", "case.choose_office"_msg,
                        "choose the office that is to provide the service");
    }
  }
  if (f.iin.empty() == f.bin.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "applicant", "case.applicant_one_id"_msg,
                      "the applicant is identified by exactly one of iin or bin");
  }
  if (!f.iin.empty()) JUMYS_TRY(Iin::Parse(f.iin));
  if (!f.bin.empty()) JUMYS_TRY(Bin::Parse(f.bin));
  f.office = offices_.Find(office_id);
  if (!f.office) {
    return FieldError(ErrorCode::kUnprocessable, "office", "office.unknown"_msg,
                      "unknown office '{office}'", {{"office", office_id}});
  }
  return f;
}

Status CaseService::MayFile(const Actor& actor) const {
  return db_.Read([&](storage::Tx& tx) { return MayFileForEmployer(tx, actor); });
}

Expected<std::optional<CaseRow>> CaseService::Subject(const Actor& actor,
                                                      StartRequest& request) const {
  if (request.subject_case_id == 0) return std::optional<CaseRow>{};
  std::optional<CaseRow> subject;
  bool about_another = false;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(subject, FindCase(tx, request.subject_case_id));
    JUMYS_ASSIGN_OR_RETURN(auto its_subject, FindCaseSubject(tx, request.subject_case_id));
    about_another = its_subject.has_value();
    return {};
  }));
  // Somebody else's case is answered exactly like a missing one.
  const bool others = subject && actor.applicant &&
                      (subject->applicant_iin != actor.iin || subject->applicant_bin != actor.bin);
  if (!subject || others) return Error::NotFound("case.not_found"_msg, "no such case");
  // An answer to a complaint is appealed to the authorised body or a court, not to the same
  // office: a case about a case is no subject itself.
  if (about_another) {
    return Error::Unprocessable("case.subject_about_case"_msg,
                                "case {number} is itself about another case: appeal its answer "
                                "to the authorised body or a court",
                                {{"number", subject->number}});
  }
  request.applicant_iin = subject->applicant_iin;
  request.applicant_bin = subject->applicant_bin;
  request.office_id = subject->office_id;
  return subject;
}

Expected<std::int64_t> CaseService::Start(const Actor& actor, const StartRequest& original) {
  JUMYS_TRY(MayFile(actor));
  StartRequest request = original;
  JUMYS_ASSIGN_OR_RETURN(const auto subject, Subject(actor, request));
  JUMYS_ASSIGN_OR_RETURN(auto filing, CheckFiling(actor, request));
  const Office& office = *filing.office;
  const Instant now = clock_();
  const Date today = OfficeDate(office, now);
  auto found = catalog_.VersionInForce(request.process, today);
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) {
      return FieldError(ErrorCode::kUnprocessable, "process", "process.unknown"_msg,
                        "unknown process '{process}'", {{"process", request.process}});
    }
    return found.error();
  }
  const ProcessDefinition& def = **found;
  JUMYS_TRY(Offered(def));
  const ChannelEntry* entry = def.FindChannel(request.channel);
  if (!entry) {
    return FieldError(ErrorCode::kUnprocessable, "channel", "process.channel_not_offered"_msg,
                      "{process} is not offered in the {channel} channel",
                      {{"process", def.code}, {"channel", ChannelName(request.channel)}});
  }
  if (def.concerns_case != subject.has_value()) {
    return FieldError(ErrorCode::kUnprocessable, "process", "case.subject_mismatch"_msg,
                      def.concerns_case ? "{process} is filed about a case of the applicant"
                                        : "{process} is not filed about another case",
                      {{"process", def.code}});
  }
  if (def.provider != ProviderLevel::kAny &&
      (def.provider == ProviderLevel::kOblast) != office.oblast_level) {
    return FieldError(ErrorCode::kUnprocessable, "office", "office.does_not_provide"_msg,
                      "office '{office}' does not provide {process}",
                      {{"office", office.id}, {"process", def.code}});
  }
  if (def.applicant == ApplicantKind::kPerson && filing.iin.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "applicant", "case.applicant_person"_msg,
                      "this service is for a person: the applicant is identified by IIN");
  }
  if (def.applicant == ApplicantKind::kEmployer && filing.bin.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "applicant", "case.applicant_employer"_msg,
                      "this service is for an employer: the applicant is identified by BIN");
  }
  if (def.intake.consent_required) {
    auto consent = request.data.find("consent");
    if (consent == request.data.end() || *consent != true) {
      return FieldError(ErrorCode::kUnprocessable, "data.consent", "case.consent_required"_msg,
                        "consent to the use of legally protected data is required");
    }
  }
  JUMYS_ASSIGN_OR_RETURN(auto check, CheckIntake(def, request.channel, request.documents, today));
  if (!check.accepted() && !def.intake.refusal) {
    return Error::Internal(def.code + ": intake refuses but names no refusal result");
  }
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& d : request.documents) {
    nlohmann::json doc = {{"type", d.type}};
    if (d.valid_until) doc["valid_until"] = FormatDate(*d.valid_until);
    documents.push_back(std::move(doc));
  }

  std::int64_t case_id = 0;
  bool checked = false;  // a dry run got through every check
  Status written = writer_.Write([&](storage::Tx& tx) -> Status {
    checked = false;  // a retried run starts afresh
    if (request.within) JUMYS_TRY(request.within(tx));
    JUMYS_TRY(
        ValidateData(FilingDataSpec(def), request.data, today, StoreFieldLookups(offices_, tx)));
    CaseRow kase;
    kase.process = def.code;
    kase.version = def.version;
    kase.channel = request.channel;
    kase.office_id = office.id;
    kase.applicant_iin = filing.iin;
    kase.applicant_bin = filing.bin;
    kase.documents = documents;
    kase.data = request.data;
    kase.created_by = actor.login;
    kase.created_at = kase.updated_at = FormatRfc3339(now);
    // The day the result is due: the channel's service term from filing, on the office's
    // calendar as it stands now (a set refused at filing has its result at once).
    if (const auto term = def.ServiceTermFor(request.channel); term && check.accepted()) {
      kase.result_due_on =
          FormatDate(OfficeDate(office, deps_.calendar.Deadline(office, now, *term)));
    }
    JUMYS_ASSIGN_OR_RETURN(kase.number, NextCaseNumber(tx, office, now));
    JUMYS_ASSIGN_OR_RETURN(kase.id, InsertCase(tx, kase));
    if (subject) JUMYS_TRY(InsertCaseSubject(tx, kase.id, subject->id, kase.created_at));
    CaseRun run(deps_, tx, def, kase, office, actor.login, now);
    JUMYS_TRY(run.RunChecks(def.intake.checks, kase.data));
    if (request.dry_run) {
      checked = true;  // the error only rolls the transaction back
      return Error::Conflict("case.dry_run"_msg, "checked only; nothing stored");
    }
    nlohmann::json applicant = kase.applicant_iin.empty()
                                   ? nlohmann::json{{"bin", kase.applicant_bin}}
                                   : nlohmann::json{{"iin", kase.applicant_iin}};
    run.events().push_back({run.now_text(),
                            actor.login,
                            "case.create",
                            "case",
                            std::to_string(kase.id),
                            office.id,
                            {{"number", kase.number},
                             {"process", def.code},
                             {"version", def.version},
                             {"channel", ChannelName(request.channel)},
                             {"applicant", applicant},
                             {"documents", documents}}});
    if (!request.signed_request.is_null()) {
      run.events().front().data["signed_request"] = request.signed_request;
    }
    if (subject) {
      run.events().front().data["subject"] = {{"case", subject->id}, {"number", subject->number}};
      // The subject's timeline shows the complaint filed about it.
      run.events().push_back(
          {run.now_text(),
           actor.login,
           "case.complained",
           "case",
           std::to_string(subject->id),
           subject->office_id,
           {{"complaint", {{"case", kase.id}, {"number", kase.number}}}, {"process", def.code}}});
    }
    if (check.accepted()) {
      JUMYS_TRY(run.StartChannel(*entry));
    } else {
      const IntakeRefusal& refusal = *def.intake.refusal;
      std::vector<std::string> grounds;
      if (!check.missing.empty()) grounds.push_back(refusal.incomplete_ground);
      if (!check.expired.empty()) grounds.push_back(refusal.expired_ground);
      JUMYS_TRY(
          run.End({refusal.result_kind, CaseEnd::kRefused}, grounds, check.missing, check.expired));
    }
    run.events().front().data["opened"] = run.opened();
    JUMYS_TRY(Save(tx, kase, kase.row_version, run.events()));
    case_id = kase.id;
    return {};
  });
  if (checked) return std::int64_t{0};
  if (!written) return written.error();
  return case_id;
}

Status CaseService::Save(storage::Tx& tx, CaseRow& kase, std::int64_t loaded_version,
                         std::vector<storage::AuditEvent>& events) {
  kase.updated_at = FormatRfc3339(clock_());
  if (!events.empty()) kase.updated_at = events.back().at;
  JUMYS_ASSIGN_OR_RETURN(const bool saved, UpdateCase(tx, kase, loaded_version));
  if (!saved) {
    return Error::Conflict("case.changed_meanwhile"_msg,
                           "the case changed meanwhile; reload it and try again");
  }
  kase.row_version = loaded_version + 1;
  return storage::AppendAudit(tx, events);
}

Expected<CaseService::CaseDetail> CaseService::Load(std::int64_t case_id) {
  CaseDetail d;
  bool found = false;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, case_id));
    if (!kase) return {};
    found = true;
    d.kase = std::move(*kase);
    JUMYS_ASSIGN_OR_RETURN(d.tasks, ListCaseTasks(tx, case_id));
    JUMYS_ASSIGN_OR_RETURN(d.events, ListCaseEvents(tx, case_id));
    JUMYS_ASSIGN_OR_RETURN(d.parties, CaseParties(tx, case_id));
    JUMYS_ASSIGN_OR_RETURN(d.links, CaseLinksOf(tx, case_id));
    return {};
  }));
  if (!found) return Error::NotFound("case.not_found"_msg, "no such case");
  const Instant now = clock_();
  for (const auto& t : d.tasks) d.time_left.push_back(TimeLeft(t, now));
  return d;
}

Expected<std::optional<RecordOwner>> CaseService::CaseOwner(std::int64_t case_id) {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, case_id));
    if (!kase) return {};
    JUMYS_ASSIGN_OR_RETURN(auto tasks, ListCaseTasks(tx, case_id));
    owner = RecordOwner{{kase->office_id}, "", kase->applicant_iin, kase->applicant_bin};
    JUMYS_ASSIGN_OR_RETURN(
        auto handoffs,
        tx.Query("SELECT from_office FROM case_handoffs WHERE case_id = $1", {case_id}));
    for (std::size_t i = 0; i < handoffs.size(); ++i) {
      if (handoffs.Text(i, 0) != kase->office_id) {
        owner->read_only_offices.push_back(handoffs.Text(i, 0));
      }
    }
    const auto& read_only = owner->read_only_offices;
    for (const auto& t : tasks) {
      if (t.office_id.empty()) continue;
      if (std::find(read_only.begin(), read_only.end(), t.office_id) != read_only.end()) continue;
      owner->offices.push_back(t.office_id);
    }
    JUMYS_ASSIGN_OR_RETURN(owner->party_bins, EmployerParties(tx, case_id));
    return {};
  }));
  return owner;
}

Expected<std::optional<RecordOwner>> CaseService::TaskOwner(std::int64_t task_id) {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto task, FindTask(tx, task_id));
    if (!task) return {};
    JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, task->case_id));
    if (!kase) return {};
    owner = RecordOwner{{task->office_id}, "", kase->applicant_iin, kase->applicant_bin};
    JUMYS_ASSIGN_OR_RETURN(owner->party_bins, EmployerParties(tx, kase->id));
    return {};
  }));
  return owner;
}

Expected<std::vector<CaseRow>> CaseService::List(const CaseFilter& filter) {
  std::vector<CaseRow> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, ListCases(tx, filter));
    return {};
  }));
  return out;
}

Expected<std::vector<CaseService::CaseDetail>> CaseService::ListAbout(
    std::int64_t subject_case_id) {
  std::vector<CaseDetail> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto cases, ListCasesAbout(tx, subject_case_id));
    for (auto& c : cases) {
      CaseDetail d;
      JUMYS_ASSIGN_OR_RETURN(d.tasks, ListCaseTasks(tx, c.id));
      d.kase = std::move(c);
      out.push_back(std::move(d));
    }
    return {};
  }));
  const Instant now = clock_();
  for (auto& d : out) {
    for (const auto& t : d.tasks) d.time_left.push_back(TimeLeft(t, now));
  }
  return out;
}

Expected<std::vector<QueueTask>> CaseService::Queue(
    const Actor& actor, int limit, std::optional<std::pair<std::string, std::int64_t>> after) {
  QueueQuery q;
  q.office_id = actor.office_id;
  for (Role r : actor.roles.ToVector()) {
    if (!IsApplicantRole(r)) q.roles.push_back(r);
  }
  q.login = actor.login;
  q.limit = limit;
  q.after = std::move(after);
  std::vector<QueueTask> out;
  const Instant now = clock_();
  if (actor.applicant) {
    // An applicant's queue: the steps of their own cases that they work in the cabinet.
    JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(out, ListApplicantTasks(tx, actor.bin.empty() ? actor.iin : "",
                                                     actor.bin, limit, q.after));
      return {};
    }));
    for (auto& t : out) t.time_left = TimeLeft(t.task, now);
    return out;
  }
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    // An acting head's queue holds the head's tasks while the delegation is in force.
    JUMYS_ASSIGN_OR_RETURN(auto effective, WithDelegatedRoles(tx, actor, offices_, now));
    for (Role r : effective.roles.ToVector()) {
      if (!IsApplicantRole(r) && !actor.roles.Has(r)) q.roles.push_back(r);
    }
    if (q.roles.empty()) return {};
    JUMYS_ASSIGN_OR_RETURN(out, ListQueue(tx, q));
    return {};
  }));
  for (auto& t : out) t.time_left = TimeLeft(t.task, now);
  return out;
}

TaskTimeLeft CaseService::TimeLeft(const TaskRow& task, Instant now) const {
  auto office = offices_.Find(task.office_id);
  if (!office) return {};
  return TaskTimeLeftAt(*deps_.calendar.Current(), *office, task, now);
}

}  // namespace jumys
