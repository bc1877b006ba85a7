#include "services/relocation/relocation_hooks.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/offices.h"
#include "engine/case_relations.h"
#include "engine/case_results.h"
#include "services/documents/document_service.h"
#include "services/documents/document_wording.h"
#include "services/payments/payment_service.h"
#include "services/programmes/application_values.h"
#include "services/programmes/case_order.h"
#include "services/programmes/programme_parameters.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/repositories/document_repository.h"
#include "storage/repositories/document_signature_repository.h"
#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::relocation {
namespace {

using nlohmann::json;
using programmes::IntOf;
using programmes::MoneyOf;
using programmes::TextOf;

constexpr const char* kTripartite = "relocation_social_contract";
constexpr const char* kBilateral = "relocation_social_contract_bilateral";
constexpr const char* kRouteDeparture = "departure";
constexpr const char* kRouteArrival = "arrival";
constexpr const char* kRouteOblast = "oblast";

std::string Route(const CaseRow& kase) { return TextOf(kase.data, "route"); }

std::string ContractKind(const CaseRow& kase) {
  return Route(kase) == kRouteDeparture ? kTripartite : kBilateral;
}

std::vector<std::string> FamilyIins(const CaseRow& kase) {
  std::vector<std::string> out;
  if (auto it = kase.data.find("family_members"); it != kase.data.end() && it->is_array()) {
    for (const auto& m : *it) {
      if (m.is_object()) out.push_back(TextOf(m, "iin"));
    }
  }
  return out;
}

std::int64_t Persons(const CaseRow& kase) {
  return 1 + static_cast<std::int64_t>(FamilyIins(kase).size());
}

Error Refused(const std::string& field, MessageKey key, std::string english,
              MessageParams params = {}) {
  return FieldError(ErrorCode::kUnprocessable, field, key, std::move(english), std::move(params));
}

void Event(HookContext& ctx, const char* action, json data) {
  ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, action, "case",
                        std::to_string(ctx.kase.id), ctx.kase.office_id, std::move(data)});
}

// The oblast the job seeker moves to: route A's destination centre's, else the case's own
// (route B is filed at the region of arrival, route C stays in its oblast).
Expected<std::string> ArrivalOblast(const HookContext& ctx, const OfficeDirectory& offices) {
  std::string office_id = ctx.kase.office_id;
  if (Route(ctx.kase) == kRouteDeparture) office_id = TextOf(ctx.kase.data, "destination_office");
  auto office = offices.Find(office_id);
  if (!office) {
    return Refused("data.destination_office", "case.needs_destination"_msg,
                   "step '{step}' is worked at the destination office: name an office",
                   {{"step", ctx.task ? ctx.task->step : std::string()}});
  }
  return office->oblast_kato;
}

struct SocialContract {
  std::int64_t id = 0;
  std::string number, office_id, route, person_iin, employer_bin, starts_on, ends_on, status;
  std::int64_t persons = 0, monthly_rent = 0, document_id = 0;
};

Expected<std::optional<SocialContract>> ContractOf(storage::Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT id, number, office_id, route, person_iin, employer_bin, "
                          "starts_on, ends_on, status, persons, monthly_rent, document_id FROM "
                          "social_contracts WHERE case_id = $1",
                          {case_id}));
  if (rows.empty()) return std::optional<SocialContract>{};
  SocialContract c{rows.Int(0, 0),  rows.Text(0, 1), rows.Text(0, 2), rows.Text(0, 3),
                   rows.Text(0, 4), rows.Text(0, 5), rows.Text(0, 6), rows.Text(0, 7),
                   rows.Text(0, 8), rows.Int(0, 9),  rows.Int(0, 10), rows.Int(0, 11)};
  return std::optional<SocialContract>{std::move(c)};
}

Expected<SocialContract> ContractIn(HookContext& ctx, const char* status) {
  JUMYS_ASSIGN_OR_RETURN(auto c, ContractOf(ctx.tx, ctx.kase.id));
  if (!c)
    return Error::Unprocessable("relocation.no_contract"_msg,
                                "the case has no social contract yet");
  if (c->status != status) {
    return Error::Unprocessable("contract.wrong_status"_msg, "the contract is {status}",
                                {{"status", c->status}});
  }
  return std::move(*c);
}

Status SetStatus(HookContext& ctx, const SocialContract& c, const std::string& status,
                 const std::string& reason, std::int64_t document_id = 0) {
  JUMYS_TRY(ctx.tx.Exec(
      "UPDATE social_contracts SET status = $1, status_reason = $2, document_id = COALESCE($3, "
      "document_id), updated_at = $4 WHERE id = $5",
      {status, reason, document_id ? storage::Value(document_id) : storage::Value(nullptr),
       FormatRfc3339(ctx.now), c.id}));
  Event(ctx, "social_contract.status", {{"contract", c.id}, {"status", status}});
  return {};
}

std::string PersonName(storage::Tx& tx, const std::string& iin) {
  auto person = storage::FindPerson(tx, iin);
  if (!person || !*person) return "";
  const auto& p = **person;
  std::string name = p.surname + " " + p.given_name;
  if (!p.patronymic.empty()) name += " " + p.patronymic;
  return name;
}

// The first day of the month `months` after `from`, less a day: the last day a month of the
// contract covers (the 15th to the 14th).
Date AddMonths(Date from, int months) {
  const std::chrono::year_month_day ymd = from;
  std::chrono::year_month_day next = ymd + std::chrono::months(months);
  if (!next.ok()) next = next.year() / next.month() / std::chrono::last;
  return Date(std::chrono::sys_days(next));
}

// The months the rent subsidy is paid: the contract's term, at most the measure's limit.
Expected<int> RentMonths(const programmes::ProgrammeParameters& parameters,
                         const SocialContract& c) {
  auto from = ParseDate(c.starts_on);
  auto to = ParseDate(c.ends_on);
  if (!from || !to) return 0;
  JUMYS_ASSIGN_OR_RETURN(auto item, parameters.RuleInForce("rent_and_utilities", *from));
  int months = 0;
  while (months < 1200 && AddMonths(*from, months) <= *to) ++months;
  if (item.rule->max_months) months = std::min(months, *item.rule->max_months);
  return months;
}

Expected<std::int64_t> RentOrders(storage::Tx& tx, std::int64_t contract_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT COUNT(*) FROM payment_orders WHERE basis = $1 AND "
                                  "kind = 'rent_subsidy' AND status <> 'returned'",
                                  {"social_contract:" + std::to_string(contract_id)}));
  return rows.Int(0, 0);
}

// МРП of the year in tiyn.
Expected<std::int64_t> MrpTiyn(const programmes::ProgrammeParameters& parameters, Date on) {
  JUMYS_ASSIGN_OR_RETURN(auto values, parameters.ValuesInForce(on));
  return values.mrp.tenge * 100;
}

struct Installed {
  const Regions& regions;
  const programmes::ProgrammeParameters& parameters;
  payments::PaymentService& payments;
  documents::DocumentService& documents;
  const OfficeDirectory& offices;

  // 5.1, 9.1, 12.2 accepted: the family members and the employer of the chosen vacancy become
  // the case's parties; route A must cross into another oblast.
  Status RecordParties(HookContext& ctx) {
    const std::string route = Route(ctx.kase);
    if (route == kRouteDeparture) {
      auto from = offices.Find(ctx.kase.office_id);
      auto to = offices.Find(TextOf(ctx.kase.data, "destination_office"));
      if (!from || !to || to->oblast_level) {
        return Refused("data.destination_office", "relocation.destination_not_centre"_msg,
                       "name the employment centre of the region of arrival");
      }
      if (to->oblast_kato == from->oblast_kato) {
        return Refused("data.destination_office", "relocation.same_oblast"_msg,
                       "route A moves to another oblast: within the oblast is route C");
      }
    }
    const auto family = FamilyIins(ctx.kase);
    for (std::size_t i = 0; i < family.size(); ++i) {
      const std::string field = "data.family_members." + std::to_string(i) + ".iin";
      if (family[i] == ctx.kase.applicant_iin ||
          std::find(family.begin(), family.begin() + static_cast<std::ptrdiff_t>(i), family[i]) !=
              family.begin() + static_cast<std::ptrdiff_t>(i)) {
        return Refused(field, "relocation.family_member_twice"_msg,
                       "each family member is named once, the applicant not among them");
      }
      JUMYS_TRY(AddCaseParty(ctx, "family_member", family[i], ""));
    }
    const std::int64_t vacancy = IntOf(ctx.kase.data, "vacancy");
    if (vacancy == 0) {
      if (route == kRouteDeparture) {
        return Refused("data.vacancy", "relocation.vacancy_required"_msg,
                       "route A's contract is signed with the employer: name the vacancy");
      }
    } else {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows,
          ctx.tx.Query("SELECT employer_bin, kato FROM vacancies WHERE id = $1", {vacancy}));
      if (rows.empty()) {
        return Refused("data.vacancy", "vacancy.not_found"_msg, "no such vacancy");
      }
      JUMYS_ASSIGN_OR_RETURN(const std::string arrival, ArrivalOblast(ctx, offices));
      if (rows.Text(0, 1).substr(0, 2) != arrival.substr(0, 2)) {
        return Refused("data.vacancy", "relocation.vacancy_elsewhere"_msg,
                       "the vacancy is not in the region of arrival");
      }
      JUMYS_TRY(AddCaseParty(ctx, kEmployerParty, "", rows.Text(0, 0)));
      JUMYS_TRY(AddCaseLink(ctx, "vacancy", vacancy));
    }
    Event(ctx, "relocation.parties",
          {{"family_members", family.size()}, {"vacancy", vacancy}, {"route", route}});
    return {};
  }

  // 5.3, 9.4, 13: the documents go to the local executive body and its commission.
  Status SendToCommission(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(const std::string oblast, ArrivalOblast(ctx, offices));
    const Region* region = regions.Find(oblast);
    if (!region) {
      return Refused("data.destination_office", "relocation.no_region"_msg,
                     "the oblast {oblast} is not among the relocation regions",
                     {{"oblast", oblast}});
    }
    Event(ctx, "relocation.sent_to_commission",
          {{"local_executive_body", region->local_executive_body.ru},
           {"commission", region->commission.ru}});
    return {};
  }

  // The commission included the job seeker (5.3, 9.4, 13.1): counted against the quota of the
  // region of arrival and the decision's year, the family members included; route C is not
  // under a quota.
  Status Include(HookContext& ctx) {
    const std::string route = Route(ctx.kase);
    JUMYS_ASSIGN_OR_RETURN(const std::string oblast, ArrivalOblast(ctx, offices));
    const std::string decided_on = TextOf(ctx.data, "decided_on");
    const auto date = ParseDate(decided_on);
    if (!date) return Refused("data.decided_on", "field.required"_msg, "is required");
    const int year = static_cast<int>(std::chrono::year_month_day(*date).year());
    const std::int64_t persons = Persons(ctx.kase);
    if (route != kRouteOblast) {
      const Region* region = regions.Find(oblast);
      const auto quota = regions.Quota(oblast, year);
      const std::string name = region ? region->name.ru : oblast;
      if (!quota) {
        return Error::Unprocessable("relocation.no_quota"_msg,
                                    "{region} has no quota of resettlers for {year}",
                                    {{"region", name}, {"year", std::to_string(year)}});
      }
      JUMYS_TRY(ctx.tx.Exec(
          "INSERT INTO relocation_quota_use (arrival_oblast, year, persons) VALUES ($1, $2, 0) "
          "ON CONFLICT (arrival_oblast, year) DO NOTHING",
          {oblast, std::int64_t{year}}));
      JUMYS_ASSIGN_OR_RETURN(
          auto taken, ctx.tx.Exec("UPDATE relocation_quota_use SET persons = persons + $1 WHERE "
                                  "arrival_oblast = $2 AND year = $3 AND persons + $1 <= $4",
                                  {persons, oblast, std::int64_t{year}, std::int64_t{*quota}}));
      if (taken == 0) {
        JUMYS_ASSIGN_OR_RETURN(auto used, ctx.tx.Query("SELECT persons FROM relocation_quota_use "
                                                       "WHERE arrival_oblast = $1 AND year = $2",
                                                       {oblast, std::int64_t{year}}));
        return Error::Unprocessable(
            "relocation.quota_exceeded"_msg,
            "the quota of {region} for {year} is {quota} persons, {used} are taken: {persons} "
            "more do not fit",
            {{"region", name},
             {"year", std::to_string(year)},
             {"quota", std::to_string(*quota)},
             {"used", std::to_string(used.empty() ? 0 : used.Int(0, 0))},
             {"persons", std::to_string(persons)}});
      }
    }
    JUMYS_TRY(ctx.tx.Exec(
        "INSERT INTO relocation_participants (case_id, route, arrival_oblast, year, persons, "
        "protocol_number, decided_on, members, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, "
        "$5, $6, $7, '[]', $8, $9)",
        {ctx.kase.id, route, oblast, std::int64_t{year}, persons,
         TextOf(ctx.data, "protocol_number"), decided_on, ctx.actor, FormatRfc3339(ctx.now)}));
    Event(ctx, "relocation.include", {{"oblast", oblast}, {"year", year}, {"persons", persons}});
    return {};
  }

  // 6.5, 9.5, 13.2: the commission's members and decision as entered.
  Status RecordDecision(HookContext& ctx) {
    json members = ctx.data.value("members", json::array());
    JUMYS_ASSIGN_OR_RETURN(
        auto changed,
        ctx.tx.Exec("UPDATE relocation_participants SET members = $1, protocol_number = $2, "
                    "decided_on = $3 WHERE case_id = $4",
                    {members.dump(), TextOf(ctx.data, "protocol_number"),
                     TextOf(ctx.data, "decided_on"), ctx.kase.id}));
    if (changed == 0) {
      return Error::Unprocessable("relocation.not_included"_msg,
                                  "no commission has included the job seeker yet");
    }
    Event(ctx, "relocation.commission_decision",
          {{"members", members.size()}, {"protocol", TextOf(ctx.data, "protocol_number")}});
    return {};
  }

  // 7.1, 10.1, 14.2: the social contract's draft: number, end, the monthly rent subsidy within
  // the programme's range for the family.
  Status Draft(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto existing, ContractOf(ctx.tx, ctx.kase.id));
    if (existing) {
      return Error::Conflict("contract.wrong_status"_msg, "the contract is {status}",
                             {{"status", existing->status}});
    }
    const Date today = OfficeDate(ctx.office, ctx.now);
    const std::string ends_on = TextOf(ctx.data, "ends_on");
    if (ends_on <= FormatDate(today)) {
      return Refused("data.ends_on", "contract.ends_before_start"_msg,
                     "the contract cannot end before it starts ({starts_on})",
                     {{"starts_on", FormatDate(today)}});
    }
    JUMYS_ASSIGN_OR_RETURN(auto item, parameters.RuleInForce("rent_and_utilities", today));
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t mrp, MrpTiyn(parameters, today));
    const std::int64_t rent = MoneyOf(ctx.data, "monthly_rent");
    const std::int64_t low = item.rule->mrp * mrp;
    const std::int64_t high = item.rule->mrp_max.value_or(item.rule->mrp) * mrp;
    if (rent < low || rent > high) {
      return Refused("data.monthly_rent", "relocation.rent_out_of_range"_msg,
                     "the rent subsidy is from {low} to {high} tiyn a month",
                     {{"low", std::to_string(low)}, {"high", std::to_string(high)}});
    }
    std::string employer;
    if (Route(ctx.kase) == kRouteDeparture) {
      JUMYS_ASSIGN_OR_RETURN(auto bins, EmployerParties(ctx.tx, ctx.kase.id));
      if (bins.empty()) {
        return Error::Unprocessable("relocation.no_employer"_msg,
                                    "the tripartite contract needs the employer of the vacancy");
      }
      employer = bins.front();
    }
    const std::string now = FormatRfc3339(ctx.now);
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        ctx.tx.Query(
            "INSERT INTO social_contracts (case_id, number, office_id, route, person_iin, "
            "employer_bin, persons, monthly_rent, starts_on, ends_on, status, status_reason, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', '', "
            "$11, $11) RETURNING id",
            {ctx.kase.id, TextOf(ctx.data, "contract_number"), ctx.kase.office_id, Route(ctx.kase),
             ctx.kase.applicant_iin, employer, Persons(ctx.kase), rent, FormatDate(today), ends_on,
             now}));
    JUMYS_TRY(AddCaseLink(ctx, "social_contract", rows.Int(0, 0)));
    Event(ctx, "social_contract.draft", {{"contract", rows.Int(0, 0)}, {"rent", rent}});
    return {};
  }

  // The last party signed (7.2, 10.2, 14.2): every signer of the document has; in force.
  Status InForce(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractIn(ctx, "draft"));
    const std::string kind = ContractKind(ctx.kase);
    JUMYS_ASSIGN_OR_RETURN(auto draft, storage::FindSignedDraft(ctx.tx, ctx.kase.id, kind));
    if (!draft) {
      return Error::Unprocessable("contract.unsigned"_msg,
                                  "the contract is not yet signed by every party");
    }
    JUMYS_ASSIGN_OR_RETURN(auto signatures, storage::ListDocumentSignatures(ctx.tx, draft->id));
    if (signatures.size() < documents.SignersOf(kind).size()) {
      return Error::Unprocessable("contract.unsigned"_msg,
                                  "the contract is not yet signed by every party");
    }
    return SetStatus(ctx, c, "in_force", "", draft->id);
  }

  // A party declines to sign: the contract is refused with the reason, the case withdrawn.
  Status Refuse(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractIn(ctx, "draft"));
    const std::string reason = TextOf(ctx.data, "refusal_reason");
    if (reason.empty()) {
      return Refused("data.refusal_reason", "field.required"_msg, "is required");
    }
    return SetStatus(ctx, c, "refused", reason);
  }

  // 7.3, 10.3, 14.3: the contract in force on the individual employment card.
  Status RecordOnCard(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractIn(ctx, "in_force"));
    return storage::AppendCardHistory(ctx.tx, {0,
                                               ctx.kase.applicant_iin,
                                               FormatRfc3339(ctx.now),
                                               ctx.actor,
                                               "social_contract",
                                               ctx.kase.id,
                                               {{"contract", c.number},
                                                {"route", c.route},
                                                {"starts_on", c.starts_on},
                                                {"ends_on", c.ends_on},
                                                {"persons", c.persons}}});
  }

  Status Order(HookContext& ctx, const SocialContract& c, const char* kind, payments::Payee payee,
               std::int64_t amount, const std::string& from, const std::string& to) {
    payments::OrderRequest q = programmes::CaseOrder(ctx, parameters, kind);
    q.payee = std::move(payee);
    q.amount = amount;
    q.period_from = from;
    q.period_to = to;
    q.basis = "social_contract:" + std::to_string(c.id);
    JUMYS_ASSIGN_OR_RETURN(auto order, programmes::PlaceCaseOrder(ctx, payments, q));
    return AddCaseLink(ctx, "payment_order", order.id);
  }

  payments::Payee PersonPayee(HookContext& ctx) {
    return {ctx.kase.applicant_iin, "", PersonName(ctx.tx, ctx.kase.applicant_iin),
            TextOf(ctx.kase.data, "iban")};
  }

  // 8.2, 11.2, 15.2: the relocation subsidy, once, per person moving (the applicant and each
  // family member), in МРП of the contract's first day.
  Status PayRelocationSubsidy(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractIn(ctx, "in_force"));
    const auto start = ParseDate(c.starts_on);
    if (!start) return Error::Internal("social contract " + c.number + " has no start");
    JUMYS_ASSIGN_OR_RETURN(auto item, parameters.RuleInForce("relocation_subsidy", *start));
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t mrp, MrpTiyn(parameters, *start));
    return Order(ctx, c, "material_assistance", PersonPayee(ctx), item.rule->mrp * mrp * c.persons,
                 c.starts_on, c.starts_on);
  }

  // Route A: the employer's subsidy, when the employer was included among the participants
  // with its application for the subsidy (relocation-employers), to the account it gave there.
  Status PayEmployerSubsidy(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractIn(ctx, "in_force"));
    if (c.employer_bin.empty()) return {};
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, ctx.tx.Query("SELECT data FROM cases WHERE process = $1 AND applicant_bin = $2 "
                                "AND status = 'completed' AND decided_kind = "
                                "'participant_inclusion' ORDER BY id DESC",
                                {std::string(kEmployersProcess), c.employer_bin}));
    const json inclusion =
        rows.empty() ? json::object() : json::parse(rows.Text(0, 0), nullptr, false);
    if (!inclusion.is_object() || !inclusion.value("subsidy_requested", false)) {
      Event(ctx, "relocation.employer_subsidy_not_due",
            {{"contract", c.id},
             {"reason", rows.empty() ? "employer_not_included" : "subsidy_not_requested"}});
      return {};
    }
    const json requisites = inclusion.value("requisites", json::object());
    const auto start = ParseDate(c.starts_on);
    if (!start) return Error::Internal("social contract " + c.number + " has no start");
    JUMYS_ASSIGN_OR_RETURN(auto item, parameters.RuleInForce("employer_subsidy", *start));
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t mrp, MrpTiyn(parameters, *start));
    return Order(ctx, c, "employer_subsidy",
                 {"", c.employer_bin, TextOf(requisites, "legal_name"), TextOf(requisites, "iban")},
                 item.rule->mrp * mrp, c.starts_on, c.starts_on);
  }

  // 8.1, 11.1, 15.1: a check of the contract's conditions, kept with what it found.
  Status RecordCheck(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractIn(ctx, "in_force"));
    const bool met = ctx.outcome && ctx.outcome->id == "conditions_met";
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        ctx.tx.Query("INSERT INTO social_contract_checks (contract_id, checked_on, conditions_met, "
                     "findings, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) "
                     "RETURNING id",
                     {c.id, TextOf(ctx.data, "checked_on"), std::int64_t{met ? 1 : 0},
                      TextOf(ctx.data, "findings"), ctx.actor, FormatRfc3339(ctx.now)}));
    JUMYS_TRY(AddCaseLink(ctx, "contract_check", rows.Int(0, 0)));
    if (!met) return SetStatus(ctx, c, "terminated", TextOf(ctx.data, "findings"));
    return {};
  }

  // 8.2, 11.2, 15.2 each month: the rent and utilities subsidy of the contract's next month,
  // for at most the measure's months; beyond them nothing is ordered.
  Status PayRent(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractIn(ctx, "in_force"));
    JUMYS_ASSIGN_OR_RETURN(const int months, RentMonths(parameters, c));
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t paid, RentOrders(ctx.tx, c.id));
    if (paid >= months) {
      Event(ctx, "relocation.rent_term_over", {{"contract", c.id}, {"months", months}});
      return {};
    }
    const auto start = ParseDate(c.starts_on);
    if (!start) return Error::Internal("social contract " + c.number + " has no start");
    const int month = static_cast<int>(paid);
    const Date from = AddMonths(*start, month);
    const Date to =
        Date(std::chrono::sys_days(AddMonths(*start, month + 1)) - std::chrono::days(1));
    return Order(ctx, c, "rent_subsidy", PersonPayee(ctx), c.monthly_rent, FormatDate(from),
                 FormatDate(to));
  }

  // 14.1: the referral to the settlement and employer of arrival.
  Status IssueReferral(HookContext& ctx) {
    if (!ctx.hooks || !ctx.hooks->documents().issue_document) return {};
    JUMYS_ASSIGN_OR_RETURN(auto id,
                           ctx.hooks->documents().issue_document(
                               ctx, "relocation_referral",
                               {{"person_name", PersonName(ctx.tx, ctx.kase.applicant_iin)},
                                {"person_iin", ctx.kase.applicant_iin},
                                {"settlement", TextOf(ctx.data, "settlement")},
                                {"employer_name", TextOf(ctx.data, "employer_name")},
                                {"position", TextOf(ctx.data, "position")},
                                {"persons", std::to_string(Persons(ctx.kase))}}));
    return AddCaseLink(ctx, "referral_document", id);
  }

  // The social contract's printed values.
  Expected<std::map<std::string, std::string>> Fields(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractOf(ctx.tx, ctx.kase.id));
    if (!c)
      return Error::Unprocessable("relocation.no_contract"_msg,
                                  "the case has no social contract yet");
    std::map<std::string, std::string> f;
    f["contract_number"] = c->number;
    f["person_name"] = PersonName(ctx.tx, c->person_iin);
    f["person_iin"] = c->person_iin;
    f["persons"] = std::to_string(c->persons);
    std::string family;
    for (const auto& iin : FamilyIins(ctx.kase)) family += (family.empty() ? "" : ", ") + iin;
    if (!family.empty()) f["family_members"] = family;
    JUMYS_ASSIGN_OR_RETURN(const std::string oblast, ArrivalOblast(ctx, offices));
    const Region* region = regions.Find(oblast);
    f["region_of_arrival"] = region ? region->name.kk + " / " + region->name.ru : oblast;
    const auto start = ParseDate(c->starts_on);
    if (!start) return Error::Internal("social contract " + c->number + " has no start");
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t mrp, MrpTiyn(parameters, *start));
    JUMYS_ASSIGN_OR_RETURN(auto subsidy, parameters.RuleInForce("relocation_subsidy", *start));
    f["relocation_subsidy"] = documents::Tenge(subsidy.rule->mrp * mrp * c->persons);
    f["monthly_rent"] = documents::Tenge(c->monthly_rent);
    JUMYS_ASSIGN_OR_RETURN(const int months, RentMonths(parameters, *c));
    f["rent_months"] = std::to_string(months);
    f["starts_on"] = documents::PrintedDate(c->starts_on);
    f["ends_on"] = documents::PrintedDate(c->ends_on);
    f["iban"] = TextOf(ctx.kase.data, "iban");
    if (!c->employer_bin.empty()) {
      JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(ctx.tx, c->employer_bin));
      f["employer_name"] = employer ? employer->name : c->employer_bin;
      f["employer_bin"] = c->employer_bin;
      JUMYS_ASSIGN_OR_RETURN(auto es, parameters.RuleInForce("employer_subsidy", *start));
      f["employer_subsidy"] = documents::Tenge(es.rule->mrp * mrp);
    }
    return f;
  }
};

}  // namespace

void Install(CaseHooks& hooks, const Regions& regions,
             const programmes::ProgrammeParameters& parameters, payments::PaymentService& payments,
             documents::DocumentService& documents, const OfficeDirectory& offices) {
  auto p =
      std::make_shared<Installed>(Installed{regions, parameters, payments, documents, offices});
  hooks.AddGuard(
      "route_departure", "guard.route_departure"_msg,
      "the application is not made through the region of departure",
      [](HookContext& ctx) -> Expected<bool> { return Route(ctx.kase) == kRouteDeparture; });
  hooks.AddGuard(
      "route_arrival", "guard.route_arrival"_msg,
      "the application is not made at the region of arrival",
      [](HookContext& ctx) -> Expected<bool> { return Route(ctx.kase) == kRouteArrival; });
  hooks.AddGuard("social_contract_term_over", "guard.social_contract_term_over"_msg,
                 "a month of the social contract's term is not paid yet",
                 [p](HookContext& ctx) -> Expected<bool> {
                   JUMYS_ASSIGN_OR_RETURN(auto c, ContractOf(ctx.tx, ctx.kase.id));
                   if (!c || c->status != "in_force") return true;
                   JUMYS_ASSIGN_OR_RETURN(const int months, RentMonths(p->parameters, *c));
                   JUMYS_ASSIGN_OR_RETURN(const std::int64_t paid, RentOrders(ctx.tx, c->id));
                   return paid >= months;
                 });
  const auto effect = [&hooks, p](const char* name, Status (Installed::*fn)(HookContext&)) {
    hooks.AddEffect(name, [p, fn](HookContext& ctx) { return ((*p).*fn)(ctx); });
  };
  effect("record_relocation_parties", &Installed::RecordParties);
  effect("send_to_commission", &Installed::SendToCommission);
  effect("include_participant", &Installed::Include);
  effect("record_commission_decision", &Installed::RecordDecision);
  effect("draft_social_contract", &Installed::Draft);
  effect("social_contract_in_force", &Installed::InForce);
  effect("refuse_social_contract", &Installed::Refuse);
  effect("record_social_contract", &Installed::RecordOnCard);
  effect("pay_relocation_subsidy", &Installed::PayRelocationSubsidy);
  effect("pay_employer_subsidy", &Installed::PayEmployerSubsidy);
  effect("record_contract_check", &Installed::RecordCheck);
  effect("pay_rent_subsidy", &Installed::PayRent);
  effect("issue_relocation_referral", &Installed::IssueReferral);
  hooks.AddEffect("close_social_contract", [](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto c, ContractOf(ctx.tx, ctx.kase.id));
    if (!c || c->status != "in_force") return {};
    return SetStatus(ctx, *c, "ended", "");
  });
  for (const char* kind : {kTripartite, kBilateral}) {
    documents.RegisterFields(kind, [p](HookContext& ctx) { return p->Fields(ctx); });
  }
}

}  // namespace jumys::relocation
