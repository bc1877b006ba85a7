#include "engine/case_engine.h"

#include <algorithm>
#include <set>

#include "engine/applicant_steps.h"

namespace jumys {

namespace {

bool PartyIsApplicant(ExternalParty party, const CaseRow& kase) {
  switch (party) {
    case ExternalParty::kApplicant:
      return true;
    case ExternalParty::kJobSeeker:
      return !kase.applicant_iin.empty();
    case ExternalParty::kEmployer:
      return !kase.applicant_bin.empty();
    case ExternalParty::kCommission:
    case ExternalParty::kLocalExecutiveBody:
      return false;
  }
  return false;
}

// `error` about one field, with a detail per value the field may take instead.
Error WithChoices(Error error, const std::string& field, const std::vector<std::string>& choices) {
  for (const auto& choice : choices) {
    error.details.emplace_back(field, "field.may_be"_msg, "may be '{value}'",
                               MessageParams{{"value", choice}});
  }
  return error;
}

std::vector<std::string> OutcomeIds(const std::vector<const Outcome*>& outcomes) {
  std::vector<std::string> ids;
  for (const Outcome* o : outcomes) ids.push_back(o->id);
  return ids;
}

std::vector<std::string> GroundCodes(const ProcessDefinition& def, const std::string& kind) {
  std::vector<std::string> codes;
  for (const RefusalGround* g : def.GroundsFor(kind)) codes.push_back(g->code);
  return codes;
}

Expected<std::vector<std::string>> Grounds(const ProcessDefinition& def, const Outcome& o,
                                           const nlohmann::json& data) {
  const std::string& kind = o.decides->kind;
  auto it = data.find("grounds");
  if (it == data.end() || !it->is_array() || it->empty()) {
    return WithChoices(
        FieldError(ErrorCode::kUnprocessable, "data.grounds", "case.needs_grounds"_msg,
                   "outcome '{outcome}' is a refusal: cite at least one ground code",
                   {{"outcome", o.id}}),
        "data.grounds", GroundCodes(def, kind));
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    const std::string field = "data.grounds[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      return WithChoices(
          FieldError(ErrorCode::kUnprocessable, field, "field.not_string"_msg, "must be a string"),
          field, GroundCodes(def, kind));
    }
    const auto code = item.get<std::string>();
    const RefusalGround* g = def.FindGround(code);
    if (!g) {
      return WithChoices(FieldError(ErrorCode::kUnprocessable, field, "case.ground_unknown"_msg,
                                    "unknown refusal ground '{ground}'", {{"ground", code}}),
                         field, GroundCodes(def, kind));
    }
    if (g->result_kind != kind) {
      return WithChoices(
          FieldError(ErrorCode::kUnprocessable, field, "case.ground_other_result"_msg,
                     "ground '{ground}' cannot be cited for {result}",
                     {{"ground", code}, {"result", kind}}),
          field, GroundCodes(def, kind));
    }
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

}  // namespace

Expected<IntakeCheck> CheckIntake(const ProcessDefinition& def, Channel channel,
                                  const std::vector<SubmittedDocument>& documents, Date today) {
  const auto checklist = def.DocumentsFor(channel);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const SubmittedDocument& d = documents[i];
    const std::string field = "documents[" + std::to_string(i) + "]";
    const bool asked = std::any_of(checklist.begin(), checklist.end(),
                                   [&](const DocumentRequirement* r) { return r->type == d.type; });
    if (!asked) {
      std::vector<std::string> types;
      for (const auto* r : checklist) types.push_back(r->type);
      return WithChoices(
          FieldError(
              ErrorCode::kUnprocessable, field + ".type", "document.not_asked"_msg,
              "document type '{type}' is not asked for by {process} in the {channel} channel",
              {{"type", d.type}, {"process", def.code}, {"channel", ChannelName(channel)}}),
          field + ".type", types);
    }
    if (!seen.insert(d.type).second) {
      return FieldError(ErrorCode::kUnprocessable, field + ".type", "document.given_twice"_msg,
                        "document type '{type}' is given twice", {{"type", d.type}});
    }
    const bool dated = std::any_of(checklist.begin(), checklist.end(), [&](const auto* r) {
      return r->type == d.type && r->must_not_be_expired;
    });
    if (dated && !d.valid_until) {
      return FieldError(ErrorCode::kUnprocessable, field + ".valid_until",
                        "document.needs_valid_until"_msg,
                        "document '{type}' needs valid_until: its validity is checked at intake",
                        {{"type", d.type}});
    }
  }
  IntakeCheck check;
  for (const DocumentRequirement* r : checklist) {
    auto it = std::find_if(documents.begin(), documents.end(),
                           [&](const SubmittedDocument& d) { return d.type == r->type; });
    if (it == documents.end()) {
      if (r->required) check.missing.push_back(r->type);
      continue;
    }
    if (it->valid_until && *it->valid_until < today) check.expired.push_back(r->type);
  }
  return check;
}

std::vector<const Outcome*> OfferedOutcomes(const Step& step,
                                            const std::optional<std::string>& decided_kind) {
  std::vector<const Outcome*> out;
  for (const auto& o : step.outcomes) {
    if (o.timeout) continue;
    if (o.when_result && (!decided_kind || *decided_kind != *o.when_result)) continue;
    out.push_back(&o);
  }
  return out;
}

bool IsApplicantOf(const Actor& actor, const CaseRow& kase) {
  if (!actor.applicant) return false;
  if (!kase.applicant_iin.empty()) return kase.applicant_iin == actor.iin;
  return !kase.applicant_bin.empty() && kase.applicant_bin == actor.bin;
}

// An applicant also works the user steps of their applicant role (engine/applicant_steps.h).
Status MayComplete(const Actor& actor, const CaseRow& kase, const TaskRow& task, const Step& step,
                   const std::vector<std::string>& employer_parties) {
  if (actor.applicant) {
    // An employer the case names as its party (not its applicant) works its employer steps.
    if (!actor.bin.empty() && task.kind == StepKind::kUser && task.role == Role::kEmployer &&
        std::find(employer_parties.begin(), employer_parties.end(), actor.bin) !=
            employer_parties.end()) {
      return {};
    }
    if (!IsApplicantOf(actor, kase)) return Error::NotFound("task.not_found"_msg, "no such task");
    if (task.kind == StepKind::kWait && step.party && PartyIsApplicant(*step.party, kase)) {
      return {};
    }
    // A user step of an applicant role is the case's applicant's, worked in the cabinet.
    if (task.kind == StepKind::kUser && task.role && ApplicantWorks(*task.role, kase)) return {};
    return Error::Forbidden("task.staff_only"_msg, "this step is worked by the provider's staff");
  }
  if (task.kind != StepKind::kUser && task.kind != StepKind::kWait) {
    return Error::Forbidden("task.automatic"_msg, "the system takes this step when its time comes");
  }
  if (!task.role) {
    return Error::Forbidden("task.party_only"_msg,
                            "only the party waited for may answer this step");
  }
  if (!actor.roles.Has(*task.role)) {
    return Error::Forbidden("task.other_role"_msg, "this task is for the role {role}",
                            {{"role", RoleName(*task.role)}});
  }
  if (actor.office_id != task.office_id) {
    return Error::Forbidden("task.other_office"_msg,
                            "this task is in the work queue of another office");
  }
  if (!task.assignee.empty() && task.assignee != actor.login) {
    return Error::Forbidden("task.assigned_to_other"_msg, "this task is assigned to another {role}",
                            {{"role", RoleName(*task.role)}});
  }
  return {};
}

Expected<ValidatedCompletion> ValidateCompletion(const ProcessDefinition& def, const Step& step,
                                                 const CaseRow& kase, const std::string& outcome,
                                                 const nlohmann::json& data) {
  std::optional<std::string> decided;
  if (kase.decided) decided = kase.decided->kind;
  const auto offered = OfferedOutcomes(step, decided);
  auto it = std::find_if(offered.begin(), offered.end(),
                         [&](const Outcome* o) { return o->id == outcome; });
  if (it == offered.end()) {
    Error refused =
        step.FindOutcome(outcome)
            ? FieldError(ErrorCode::kUnprocessable, "outcome", "case.outcome_not_offered"_msg,
                         "outcome '{outcome}' is not offered now", {{"outcome", outcome}})
            : FieldError(ErrorCode::kUnprocessable, "outcome", "case.outcome_unknown"_msg,
                         "outcome '{outcome}' is not an outcome of this step",
                         {{"outcome", outcome}});
    return WithChoices(std::move(refused), "outcome", OutcomeIds(offered));
  }
  ValidatedCompletion v;
  v.outcome = *it;
  if (v.outcome->requires_grounds) {
    JUMYS_ASSIGN_OR_RETURN(v.grounds, Grounds(def, *v.outcome, data));
  }
  if (step.assigns) {
    auto a = data.find("assignee");
    if (a == data.end() || !a->is_string() || a->get<std::string>().empty()) {
      return FieldError(ErrorCode::kUnprocessable, "data.assignee", "case.needs_assignee"_msg,
                        "this step appoints the {role}: give the login of one",
                        {{"role", RoleName(*step.assigns)}});
    }
    v.assignee = a->get<std::string>();
  }
  return v;
}

Expected<std::shared_ptr<const Office>> StepOffice(const Step& step, const CaseRow& kase,
                                                   const OfficeDirectory& offices) {
  auto provider = offices.Find(kase.office_id);
  if (!provider) return Error::Internal("case office " + kase.office_id + " is not loaded");
  switch (step.office) {
    case OfficeScope::kProvider:
      return provider;
    case OfficeScope::kOblast:
      for (const auto& o : offices.All()) {
        if (o->oblast_level && o->oblast_kato == provider->oblast_kato) return o;
      }
      return Error::Unprocessable("office.no_oblast_department"_msg,
                                  "no oblast department is set up for office {office}",
                                  {{"office", provider->id}});
    case OfficeScope::kDestination: {
      auto d = kase.data.find("destination_office");
      if (d != kase.data.end() && d->is_string()) {
        if (auto o = offices.Find(d->get<std::string>())) return o;
      }
      return FieldError(
          ErrorCode::kUnprocessable, "data.destination_office", "case.needs_destination"_msg,
          "step '{step}' is worked at the destination office: name an office", {{"step", step.id}});
    }
  }
  return provider;
}

Instant AddPeriod(const Office& office, Instant from, RepeatPeriod period) {
  using namespace std::chrono;
  const LocalTime local = office.time_zone.ToLocal(from);
  const local_days day = floor<days>(local);
  const auto time_of_day = local - day;
  year_month_day ymd{day};
  switch (period) {
    case RepeatPeriod::kWeek:
      return office.time_zone.ToUtc(day + days(7) + time_of_day);
    case RepeatPeriod::kMonth:
      ymd += months(1);
      break;
    case RepeatPeriod::kQuarter:
      ymd += months(3);
      break;
    case RepeatPeriod::kYear:
      ymd += years(1);
      break;
    case RepeatPeriod::kMonthStart: {
      const year_month next = ymd.year() / ymd.month() + months(1);
      return office.time_zone.ToUtc(local_days{next / 1});
    }
  }
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
  return office.time_zone.ToUtc(local_days{ymd} + time_of_day);
}

}  // namespace jumys
