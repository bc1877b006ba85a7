#include "services/placements/placement_service.h"

#include <algorithm>
#include <utility>

#include "core/blank.h"
#include "engine/case_results.h"
#include "engine/store_field_lookups.h"
#include "security/access.h"
#include "services/documents/document_service.h"
#include "services/vacancies/vacancy_terms.h"
#include "storage/audit_log.h"
#include "storage/repositories/employment_card_repository.h"

namespace jumys::placements {

namespace {

constexpr std::size_t kMaxReasonChars = 1000;

Error NotFound() { return Error::NotFound("placement.not_found"_msg, "no such placement"); }

// The case's office and the vacancy's, the person referred and the employer.
RecordOwner OwnerOf(const storage::PlacementRow& p) {
  return RecordOwner{{p.office_id, p.vacancy_office_id}, "", p.person_iin, p.employer_bin};
}

bool Sees(const Actor& actor, const OfficeDirectory& offices, const storage::PlacementRow& p) {
  return InScope(actor, offices, OwnerOf(p));
}

// The employer, or an employer-interaction specialist of the case's or the vacancy's office.
bool MayAnswer(const Actor& actor, const OfficeDirectory& offices, const storage::PlacementRow& p) {
  if (actor.applicant) return !actor.bin.empty() && actor.bin == p.employer_bin;
  return actor.roles.Has(Role::kEmployerSpecialist) && Sees(actor, offices, p);
}

Expected<Placement> Enriched(storage::Tx& tx, storage::PlacementRow row) {
  Placement p;
  JUMYS_ASSIGN_OR_RETURN(auto numbers,
                         tx.Query("SELECT number FROM cases WHERE id = $1", {row.case_id}));
  if (!numbers.empty()) p.case_number = numbers.Text(0, 0);
  JUMYS_ASSIGN_OR_RETURN(auto offer, storage::FindVacancyOffer(tx, row.vacancy_id));
  if (offer) {
    p.vacancy_title = offer->title;
    p.vacancy_kato = offer->kato;
    p.employer_name = offer->employer_name;
    p.vacancy_status = offer->status;
  }
  p.row = std::move(row);
  return p;
}

Error Invalid(std::vector<ErrorDetail> details) {
  return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(details));
}

// The answer's own checks, before the store: one detail per bad field.
std::vector<ErrorDetail> CheckAnswer(PlacementAnswer& a, Date today, const std::string& referred) {
  std::vector<ErrorDetail> bad;
  a.reason_text = TrimmedAscii(a.reason_text);
  a.note = TrimmedAscii(a.note);
  if (a.hired) {
    auto on = ParseDate(a.hired_on);
    if (!on) {
      bad.push_back({"hired_on", "field.not_date"_msg, "must be a date YYYY-MM-DD"});
    } else if (*on > today) {
      bad.push_back(
          {"hired_on", "placement.hired_in_future"_msg, "the hire date cannot be in the future"});
    } else if (FormatDate(*on) < referred.substr(0, 10)) {
      bad.push_back({"hired_on", "placement.hired_before_referral"_msg,
                     "the hire date cannot be before the referral"});
    }
    if (!a.reason.empty()) {
      bad.push_back({"reason", "field.not_applicable"_msg, "does not apply here"});
    }
  } else {
    if (!a.hired_on.empty()) {
      bad.push_back({"hired_on", "field.not_applicable"_msg, "does not apply here"});
    }
    if (a.reason.empty()) {
      bad.push_back({"reason", "field.required"_msg, "is required"});
    } else if (!vacancies::OneOf(kNotHiredReasons, a.reason)) {
      bad.push_back({"reason",
                     "field.not_option"_msg,
                     "must be one of {options}",
                     {{"options", vacancies::Listed(kNotHiredReasons)}}});
    } else if (a.reason == "other" && a.reason_text.empty()) {
      bad.push_back({"reason_text", "field.required"_msg, "is required"});
    }
  }
  if (CodePoints(a.reason_text) > kMaxReasonChars || CodePoints(a.note) > kMaxReasonChars) {
    bad.push_back({CodePoints(a.note) > kMaxReasonChars ? "note" : "reason_text",
                   "field.too_long"_msg,
                   "must be at most {max} characters",
                   {{"max", std::to_string(kMaxReasonChars)}}});
  }
  if (a.correction && a.note.empty()) {
    bad.push_back({"note", "field.required"_msg, "is required"});
  }
  return bad;
}

nlohmann::json AnswerJson(const storage::PlacementRow& p) {
  nlohmann::json j = {{"status", p.status}};
  if (p.hired_on) j["hired_on"] = *p.hired_on;
  if (p.reason) j["reason"] = *p.reason;
  if (p.reason_text) j["reason_text"] = *p.reason_text;
  return j;
}

// A hire (+1) or a hire taken back (-1) on the vacancy; the last free workplace filled closes
// it (closed is final: a correction taking the hire back leaves it closed).
Status MoveWorkplaces(storage::Tx& tx, const storage::PlacementRow& p, std::int64_t delta,
                      const std::string& actor, const std::string& now,
                      std::vector<storage::AuditEvent>& events) {
  JUMYS_ASSIGN_OR_RETURN(const bool moved,
                         storage::AddFilledWorkplaces(tx, p.vacancy_id, delta, now));
  if (!moved) {
    if (delta < 0) return Error::Internal("vacancy filled workplaces below zero");
    return Error::Conflict("placement.no_free_workplace"_msg,
                           "the vacancy has no free workplace left");
  }
  JUMYS_ASSIGN_OR_RETURN(auto offer, storage::FindVacancyOffer(tx, p.vacancy_id));
  if (!offer) return Error::Internal("placement's vacancy is gone");
  events.push_back({now,
                    actor,
                    "vacancy.workplaces",
                    "vacancy",
                    std::to_string(p.vacancy_id),
                    offer->office_id,
                    {{"filled", offer->workplaces_filled},
                     {"workplaces", offer->workplaces},
                     {"placement", p.id}}});
  const bool open = offer->status != "closed" && offer->status != "expired";
  if (delta > 0 && offer->Free() == 0 && open) {
    JUMYS_TRY(
        tx.Exec("UPDATE vacancies SET status = 'closed', next_change_at = NULL, "
                "updated_at = $1, row_version = row_version + 1 WHERE id = $2",
                {now, p.vacancy_id}));
    events.push_back({now,
                      actor,
                      "vacancy.close",
                      "vacancy",
                      std::to_string(p.vacancy_id),
                      offer->office_id,
                      {{"status", "closed"}, {"from", offer->status}, {"because", "filled"}}});
  }
  return {};
}

// The hire (or its correction) on the person's individual employment card and its history.
Status OnCard(storage::Tx& tx, const storage::PlacementRow& p, const std::string& action,
              const std::string& actor, const std::string& now,
              std::vector<storage::AuditEvent>& events) {
  JUMYS_ASSIGN_OR_RETURN(auto card, storage::FindEmploymentCard(tx, p.person_iin));
  if (!card) return {};  // the referral required one; a card removed since keeps nothing
  card->last_case_id = p.case_id;
  card->updated_at = now;
  JUMYS_TRY(storage::UpsertEmploymentCard(tx, *card));
  nlohmann::json data = AnswerJson(p);
  data["placement"] = p.id;
  data["vacancy"] = p.vacancy_id;
  data["employer"] = p.employer_bin;
  JUMYS_TRY(storage::AppendCardHistory(tx, {0, p.person_iin, now, actor, action, p.case_id, data}));
  events.push_back({now, actor, "employment_card." + action, "employment_card", p.person_iin,
                    card->office_id, std::move(data)});
  return {};
}

// Places as the reference data names them: "<kk> / <ru> (<code>)", or the code alone.
Expected<std::string> PlaceName(storage::Tx& tx, const std::string& kato) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT name_kk, name_ru FROM reference_codes WHERE kind = 'kato' AND "
                          "code = $1",
                          {kato}));
  if (rows.empty()) return kato;
  const std::string kk = rows.Text(0, 0), ru = rows.Text(0, 1);
  return (kk == ru ? kk : kk + " / " + ru) + " (" + kato + ")";
}

Status RecordVacancyReferral(HookContext& ctx) {
  auto it = ctx.data.find("vacancy_id");
  // A referral to an employer outside the vacancy bank names none.
  if (it == ctx.data.end() || it->is_null()) return {};
  if (!it->is_number_integer()) return Error::Internal("vacancy_id not checked as a vacancy");
  const std::int64_t vacancy_id = it->get<std::int64_t>();
  JUMYS_ASSIGN_OR_RETURN(auto offer, storage::FindVacancyOffer(ctx.tx, vacancy_id));
  if (auto refusal = VacancyOfferRefusal(offer, ctx.now)) {
    return Invalid({{"data.vacancy_id",
                     refusal->key,
                     refusal->english,
                     {{"id", std::to_string(vacancy_id)}}}});
  }
  const std::string now = FormatRfc3339(ctx.now);
  JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindPlacementOfCase(ctx.tx, ctx.kase.id));
  std::int64_t id = 0;
  if (existing) {
    // The review taken again (a reopened case): the unanswered placement follows it.
    if (existing->status != "referred") {
      return Error::Conflict("placement.answered"_msg,
                             "the employer has already answered this referral");
    }
    existing->vacancy_id = vacancy_id;
    existing->employer_bin = offer->employer_bin;
    existing->vacancy_office_id = offer->office_id;
    existing->updated_at = now;
    JUMYS_TRY(storage::UpdatePlacement(ctx.tx, *existing));
    id = existing->id;
  } else {
    storage::PlacementRow row;
    row.case_id = ctx.kase.id;
    row.vacancy_id = vacancy_id;
    row.person_iin = ctx.kase.applicant_iin;
    row.employer_bin = offer->employer_bin;
    row.office_id = ctx.kase.office_id;
    row.vacancy_office_id = offer->office_id;
    row.created_by = ctx.actor;
    row.created_at = now;
    JUMYS_ASSIGN_OR_RETURN(id, storage::InsertPlacement(ctx.tx, row));
  }
  ctx.events.push_back({now,
                        ctx.actor,
                        "placement.referred",
                        "placement",
                        std::to_string(id),
                        ctx.kase.office_id,
                        {{"case", ctx.kase.id},
                         {"case_number", ctx.kase.number},
                         {"vacancy", vacancy_id},
                         {"employer", offer->employer_bin}}});
  return {};
}

}  // namespace

PlacementService::PlacementService(storage::Database& db, const OfficeDirectory& offices,
                                   Clock clock)
    : db_(db), offices_(offices), clock_(std::move(clock)) {}

Expected<std::vector<Placement>> PlacementService::List(const Actor& actor,
                                                        const PlacementQuery& q) const {
  storage::PlacementFilter f;
  f.vacancy_id = q.vacancy_id;
  f.case_id = q.case_id;
  f.status = q.status;
  f.person_iin = q.person_iin;
  f.limit = std::clamp<std::int64_t>(q.limit, 1, 500);
  if (actor.applicant) {
    if (!actor.bin.empty()) {
      f.employer_bin = actor.bin;
    } else if (!actor.iin.empty()) {
      f.person_iin = actor.iin;
    } else {
      return std::vector<Placement>{};
    }
  } else {
    f.offices = VisibleOffices(actor, offices_);
    if (f.offices.empty()) return std::vector<Placement>{};
  }
  std::vector<Placement> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, storage::ListPlacements(tx, f));
    for (auto& r : rows) {
      if (!Sees(actor, offices_, r)) continue;
      JUMYS_ASSIGN_OR_RETURN(auto p, Enriched(tx, std::move(r)));
      out.push_back(std::move(p));
    }
    return {};
  }));
  return out;
}

Expected<std::optional<RecordOwner>> PlacementService::Owner(std::int64_t id) const {
  std::optional<RecordOwner> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindPlacement(tx, id));
    if (row) out = OwnerOf(*row);
    return {};
  }));
  return out;
}

Expected<Placement> PlacementService::Get(const Actor& actor, std::int64_t id) const {
  std::optional<Placement> found;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindPlacement(tx, id));
    if (!row || !Sees(actor, offices_, *row)) return NotFound();
    JUMYS_ASSIGN_OR_RETURN(auto p, Enriched(tx, std::move(*row)));
    found = std::move(p);
    return {};
  }));
  return std::move(*found);
}

Expected<Placement> PlacementService::Answer(const Actor& actor, std::int64_t id,
                                             PlacementAnswer answer) {
  const Instant at = clock_();
  const std::string now = FormatRfc3339(at);
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindPlacement(tx, id));
    if (!found || !Sees(actor, offices_, *found)) return NotFound();
    storage::PlacementRow row = std::move(*found);
    if (!MayAnswer(actor, offices_, row)) {
      return Error::Forbidden("placement.not_yours"_msg,
                              "only the employer or an employer-interaction specialist of the "
                              "office records the answer");
    }
    const bool answered = row.status != "referred";
    if (answer.correction && actor.applicant) {
      return Error::Forbidden("placement.correction_by_staff"_msg,
                              "an answer given is corrected by the centre's staff");
    }
    if (answered && !answer.correction) {
      return Error::Conflict("placement.answered"_msg,
                             "the employer has already answered this referral");
    }
    auto office = offices_.Find(row.office_id);
    if (!office) return Error::Internal("placement office " + row.office_id + " is not loaded");
    auto bad = CheckAnswer(answer, OfficeDate(*office, at), row.created_at);
    if (!bad.empty()) return Invalid(std::move(bad));

    std::vector<storage::AuditEvent> events;
    const nlohmann::json before = AnswerJson(row);
    const bool was_hired = row.status == "hired";
    row.status = answer.hired ? "hired" : "not_hired";
    row.hired_on = answer.hired ? std::optional<std::string>(answer.hired_on) : std::nullopt;
    row.reason = answer.hired ? std::nullopt : std::optional<std::string>(answer.reason);
    row.reason_text =
        answer.reason_text.empty() ? std::nullopt : std::optional<std::string>(answer.reason_text);
    row.answered_by = actor.login;
    row.answered_at = now;
    row.updated_at = now;
    if (answered) ++row.corrections;
    // A hire fills one workplace, once: a correction between two hires moves nothing.
    if (answer.hired && !was_hired)
      JUMYS_TRY(MoveWorkplaces(tx, row, +1, actor.login, now, events));
    if (!answer.hired && was_hired)
      JUMYS_TRY(MoveWorkplaces(tx, row, -1, actor.login, now, events));
    JUMYS_TRY(storage::UpdatePlacement(tx, row));
    nlohmann::json data = AnswerJson(row);
    data["case"] = row.case_id;
    data["vacancy"] = row.vacancy_id;
    if (answered) {
      data["from"] = before;
      data["note"] = answer.note;
    }
    events.push_back({now, actor.login, answered ? "placement.correct" : "placement.answer",
                      "placement", std::to_string(row.id), row.office_id, data});
    if (answer.hired || was_hired) {
      const std::string action = !answered ? "placed" : "placement_corrected";
      JUMYS_TRY(OnCard(tx, row, action, actor.login, now, events));
    }
    return storage::AppendAudit(tx, events);
  }));
  return Get(actor, id);
}

Expected<std::vector<OfficePlacementCount>> PlacementService::CountByOffice(const Actor& actor,
                                                                            Date from,
                                                                            Date to) const {
  const auto seen = VisibleOffices(actor, offices_);
  std::map<std::string, OfficePlacementCount> by_office;
  for (const auto& o : seen) by_office[o].office_id = o;
  using std::chrono::days;
  using std::chrono::sys_days;
  // Referrals and refusals by the day they were made on their office's clock (as the SLA report
  // keeps tasks), hires by the hire date; a day's margin on both sides in UTC for the query.
  const std::string a = FormatRfc3339(Instant{sys_days{from} - days(1)});
  const std::string b = FormatRfc3339(Instant{sys_days{to} + days(2)});
  const std::string first = FormatDate(from), last = FormatDate(to);
  const auto within = [&](const Office& office, const std::optional<std::string>& at) {
    if (!at) return false;
    auto instant = ParseRfc3339(*at);
    if (!instant) return false;
    const Date day = OfficeDate(office, *instant);
    return from <= day && day <= to;
  };
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT office_id, created_at, status, hired_on, answered_at FROM placements "
                 "WHERE created_at BETWEEN $1 AND $2 OR hired_on BETWEEN $3 AND $4 OR "
                 "answered_at BETWEEN $1 AND $2",
                 {a, b, first, last}));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      auto it = by_office.find(rows.Text(r, 0));
      const auto office = offices_.Find(rows.Text(r, 0));
      if (it == by_office.end() || !office) continue;
      const std::string status = rows.Text(r, 2);
      const auto hired_on = rows.Optional(r, 3);
      if (within(*office, rows.Text(r, 1))) ++it->second.referred;
      if (status == "hired" && hired_on && first <= *hired_on && *hired_on <= last) {
        ++it->second.hired;
      }
      if (status == "not_hired" && within(*office, rows.Optional(r, 4))) ++it->second.not_hired;
    }
    return {};
  }));
  std::vector<OfficePlacementCount> out;
  for (auto& [id, c] : by_office) out.push_back(c);
  return out;
}

void AddPlacementHooks(CaseHooks& hooks) {
  hooks.AddEffect("record_vacancy_referral", RecordVacancyReferral);
}

void Install(documents::DocumentService& documents) {
  documents.RegisterFields(
      "referral_employment", [](HookContext& ctx) -> Expected<std::map<std::string, std::string>> {
        std::map<std::string, std::string> out;
        JUMYS_ASSIGN_OR_RETURN(auto placement, storage::FindPlacementOfCase(ctx.tx, ctx.kase.id));
        if (!placement) return out;
        JUMYS_ASSIGN_OR_RETURN(auto offer,
                               storage::FindVacancyOffer(ctx.tx, placement->vacancy_id));
        if (!offer) return out;
        out["vacancy_number"] = std::to_string(offer->id);
        out["vacancy_title"] = offer->title;
        out["vacancy_employer"] = offer->employer_name + " (" + offer->employer_bin + ")";
        JUMYS_ASSIGN_OR_RETURN(out["vacancy_place"], PlaceName(ctx.tx, offer->kato));
        return out;
      });
}

}  // namespace jumys::placements
