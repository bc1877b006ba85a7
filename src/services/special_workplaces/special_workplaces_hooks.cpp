#include "services/special_workplaces/special_workplaces_hooks.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/identifiers.h"
#include "engine/case_model.h"
#include "engine/case_relations.h"
#include "engine/case_results.h"
#include "services/contracts/contract_service.h"
#include "services/documents/document_wording.h"
#include "services/programmes/application_values.h"
#include "services/programmes/case_order.h"
#include "services/programmes/contract_amount.h"
#include "services/programmes/contract_vacancy.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/repositories/placement_repository.h"

namespace jumys::special_workplaces {
namespace {

using nlohmann::json;

constexpr const char* kWorkReport = "work_report";  // the key 6.1 keeps on the case's data

using programmes::IntOf;
using programmes::MoneyOf;
using programmes::TextOf;

// "2026-11" -> months since year 0; nullopt for anything else.
std::optional<int> MonthIndex(const std::string& text) {
  if (text.size() < 7 || text[4] != '-') return std::nullopt;
  try {
    const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2));
    if (month < 1 || month > 12) return std::nullopt;
    return year * 12 + month - 1;
  } catch (...) {
    return std::nullopt;
  }
}

std::string MonthText(int index) {
  const int year = index / 12, month = index % 12 + 1;
  return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

std::string LastDayOf(int index) {
  const Date first{std::chrono::year(index / 12), std::chrono::month(index % 12 + 1),
                   std::chrono::day(1)};
  const std::chrono::year_month_day_last last{first.year() / first.month() / std::chrono::last};
  return FormatDate(Date(last));
}

Expected<contracts::Contract> ContractInForce(HookContext& ctx, bool ended_too = false) {
  JUMYS_ASSIGN_OR_RETURN(auto contract, contracts::ContractOfCase(ctx.tx, ctx.kase.id));
  if (!contract ||
      !(contract->status == "in_force" || (ended_too && contract->status == "ended"))) {
    return Error::Unprocessable("contract.not_running"_msg,
                                "the contract is not in force: nothing is paid under it");
  }
  return *contract;
}

// The employer as the bank pays it: its BIN, the legal name and IBAN of the requisites.
payments::Payee EmployerPayee(const CaseRow& kase) {
  const json requisites = kase.data.value("requisites", json::object());
  return {"", kase.applicant_bin, TextOf(requisites, "legal_name"), TextOf(requisites, "iban")};
}

Error ReportError(const std::string& key_field, MessageKey key, std::string english,
                  MessageParams params = {}) {
  return FieldError(ErrorCode::kUnprocessable, key_field, key, std::move(english),
                    std::move(params));
}

struct Report {
  std::int64_t id = 0;
  std::string period, status;
  std::int64_t wages = 0, persons = 0;
};

Expected<std::optional<Report>> ReportInStatus(storage::Tx& tx, std::int64_t case_id,
                                               const std::string& status) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, period, status, wages_paid, employed "
                                             "FROM monthly_reports WHERE case_id = $1 AND "
                                             "status = $2 ORDER BY id DESC",
                                             {case_id, status}));
  if (rows.empty()) return std::optional<Report>();
  Report r{rows.Int(0, 0), rows.Text(0, 1), rows.Text(0, 2), rows.Int(0, 3), 0};
  r.persons = static_cast<std::int64_t>(json::parse(rows.Text(0, 4), nullptr, false).size());
  return std::optional<Report>(r);
}

Status MoveReport(HookContext& ctx, const std::string& from, const std::string& to,
                  const char* action, const std::string& remarks = "",
                  std::optional<std::int64_t> payment = std::nullopt) {
  JUMYS_ASSIGN_OR_RETURN(auto report, ReportInStatus(ctx.tx, ctx.kase.id, from));
  if (!report) {
    return Error::Conflict("report.none"_msg, "no monthly report of the case is {status}",
                           {{"status", from}});
  }
  const std::string at = FormatRfc3339(ctx.now);
  JUMYS_TRY(ctx.tx.Exec(
      "UPDATE monthly_reports SET status = $1, remarks = $2, payment_id = $3, updated_at = $4 "
      "WHERE id = $5",
      {to, remarks, payment ? storage::Value(*payment) : storage::Value(nullptr), at, report->id}));
  json data = {{"period", report->period}, {"case", ctx.kase.id}};
  if (payment) data["payment"] = *payment;
  ctx.events.push_back({at, ctx.actor, action, "monthly_report", std::to_string(report->id),
                        ctx.kase.office_id, data});
  return {};
}

}  // namespace

Status DisabilityRecords::Record(const Actor& actor, const Disability& d) {
  if (actor.applicant) {
    return Error::Forbidden("disability.by_staff"_msg,
                            "a disability is recorded by staff from the person's documents");
  }
  std::vector<ErrorDetail> bad;
  if (!Iin::Parse(d.iin))
    bad.emplace_back("iin", "field.iin_invalid"_msg, "must be a valid IIN: 12 digits");
  if (d.group < 1 || d.group > 3) {
    bad.emplace_back("group", "disability.group"_msg, "the group is 1, 2 or 3");
  }
  const auto from = ParseDate(d.established_on);
  if (!from) bad.emplace_back("established_on", "field.not_date"_msg, "must be a date: YYYY-MM-DD");
  if (!d.valid_until.empty()) {
    const auto until = ParseDate(d.valid_until);
    if (!until) {
      bad.emplace_back("valid_until", "field.not_date"_msg, "must be a date: YYYY-MM-DD");
    } else if (from && *until < *from) {
      bad.emplace_back("valid_until", "period.to_before_from"_msg, "is before 'from'");
    }
  }
  if (d.document.empty() || d.document.size() > 300) {
    bad.emplace_back("document", "field.required"_msg, "is required");
  }
  if (!bad.empty()) {
    return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(bad));
  }
  const std::string at = FormatRfc3339(now_());
  return db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto card, tx.Query("SELECT office_id FROM employment_cards WHERE iin = $1", {d.iin}));
    if (card.empty()) {
      return Error::NotFound("employment_card.not_found"_msg, "the person has no employment card");
    }
    const storage::Value until =
        d.valid_until.empty() ? storage::Value(nullptr) : storage::Value(d.valid_until);
    JUMYS_TRY(tx.Exec(
        "INSERT INTO card_disabilities (iin, disability_group, established_on, "
        "valid_until, document, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, "
        "$5, $6, $7) ON CONFLICT (iin) DO UPDATE SET disability_group = $2, "
        "established_on = $3, valid_until = $4, document = $5, recorded_by = $6, "
        "recorded_at = $7",
        {d.iin, std::int64_t{d.group}, d.established_on, until, d.document, actor.login, at}));
    return storage::AppendAudit(tx, {at, actor.login, "employment_card.disability", "person",
                                     documents::MaskId(d.iin), card.Text(0, 0),
                                     json{{"group", d.group},
                                          {"established_on", d.established_on},
                                          {"valid_until", d.valid_until}}});
  });
}

Expected<std::optional<Disability>> DisabilityRecords::Find(const std::string& iin) {
  std::optional<Disability> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT disability_group, established_on, valid_until, document, "
                            "recorded_by, recorded_at FROM card_disabilities WHERE iin = $1",
                            {iin}));
    if (rows.empty()) return {};
    out = Disability{iin,
                     static_cast<int>(rows.Int(0, 0)),
                     rows.Text(0, 1),
                     rows.IsNull(0, 2) ? "" : rows.Text(0, 2),
                     rows.Text(0, 3),
                     rows.Text(0, 4),
                     rows.Text(0, 5)};
    return {};
  }));
  return out;
}

Expected<std::int64_t> WageSubsidy(const programmes::ProgrammeParameters& parameters, Date on,
                                   int month_of_contract, std::int64_t wage_tiyn,
                                   std::int64_t persons) {
  JUMYS_ASSIGN_OR_RETURN(auto item, parameters.RuleInForce("wage_subsidy", on));
  JUMYS_ASSIGN_OR_RETURN(auto values, parameters.ValuesInForce(on));
  const programmes::MeasureRule& rule = *item.rule;
  if (rule.max_months && month_of_contract > *rule.max_months) return std::int64_t{0};
  int percent = rule.percent;
  int before = 0;
  for (const auto& tier : rule.tiers) {
    percent = tier.percent;
    if (month_of_contract <= before + tier.months) break;
    before += tier.months;
  }
  std::int64_t share = wage_tiyn * percent / 100;
  if (rule.cap_mrp) share = std::min(share, values.mrp.tenge * 100 * *rule.cap_mrp);
  return share * persons;
}

// 7.2: the person's referral (kk/ru), a document of the case linked to it as
// referral_document; without the document hooks (engine tests) none is drawn.
Status IssueReferral(HookContext& ctx, const std::string& iin, std::int64_t vacancy_id) {
  if (!ctx.hooks || !ctx.hooks->documents().issue_document) return {};
  JUMYS_ASSIGN_OR_RETURN(
      auto person,
      ctx.tx.Query("SELECT p.surname, p.given_name, p.patronymic, d.disability_group FROM "
                   "people p JOIN card_disabilities d ON d.iin = p.iin WHERE p.iin = $1",
                   {iin}));
  JUMYS_ASSIGN_OR_RETURN(auto vacancy,
                         ctx.tx.Query("SELECT title FROM vacancies WHERE id = $1", {vacancy_id}));
  JUMYS_ASSIGN_OR_RETURN(auto contract, contracts::ContractOfCase(ctx.tx, ctx.kase.id));
  std::string name;
  if (!person.empty()) {
    name = person.Text(0, 0) + " " + person.Text(0, 1);
    if (!person.Text(0, 2).empty()) name += " " + person.Text(0, 2);
  }
  const json requisites = ctx.kase.data.value("requisites", json::object());
  JUMYS_ASSIGN_OR_RETURN(auto doc_id,
                         ctx.hooks->documents().issue_document(
                             ctx, "special_workplace_referral",
                             {{"person_name", name},
                              {"person_iin", iin},
                              {"disability_group", person.empty() ? "" : person.Text(0, 3)},
                              {"employer_name", TextOf(requisites, "legal_name")},
                              {"employer_bin", ctx.kase.applicant_bin},
                              {"contract_number", contract ? contract->number : ""},
                              {"vacancy_number", std::to_string(vacancy_id)},
                              {"position", vacancy.empty() ? "" : vacancy.Text(0, 0)}}));
  return AddCaseLink(ctx, "referral_document", doc_id);
}

void Install(CaseHooks& hooks, const programmes::ProgrammeParameters& parameters,
             payments::PaymentService& payments, const vacancies::VacancyService& vacancies,
             const CalendarService& calendar) {
  // 6.1: the employer's report of the work done, kept on the case for 6.2 and 6.3.
  hooks.AddEffect("record_work_report", [](HookContext& ctx) -> Status {
    json report = ctx.data;
    report["filed_at"] = FormatRfc3339(ctx.now);
    ctx.kase.data[kWorkReport] = std::move(report);
    return {};
  });

  // 6.3: what was spent, at most the equipment subsidy for the workplaces the application names.
  hooks.AddEffect("pay_workplace_subsidy", [&parameters, &payments](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto contract, ContractInForce(ctx));
    const json report = ctx.kase.data.value(kWorkReport, json::object());
    const json application = ctx.kase.data.value("application", json::object());
    programmes::AmountRequest request;
    request.measure = "equipment_subsidy";
    request.workplaces = IntOf(application, "workplaces");
    request.decision_date = OfficeDate(ctx.office, ctx.now);
    JUMYS_ASSIGN_OR_RETURN(auto cap, programmes::ProposeContractAmount(parameters, request));
    payments::OrderRequest q = programmes::CaseOrder(ctx, parameters, "workplace_subsidy");
    q.payee = EmployerPayee(ctx.kase);
    q.amount = std::min(MoneyOf(report, "spent"), cap.total_tiyn);
    q.period_from = contract.starts_on;
    q.period_to = std::max(contract.starts_on, TextOf(report, "completed_on"));
    q.basis = "contract:" + std::to_string(contract.id);
    q.contract_id = contract.id;
    JUMYS_ASSIGN_OR_RETURN(auto order, programmes::PlaceCaseOrder(ctx, payments, q));
    ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, "case.payment_ordered", "case",
                          std::to_string(ctx.kase.id), ctx.kase.office_id,
                          json{{"payment", order.id},
                               {"number", order.number},
                               {"amount", q.amount},
                               {"cap", cap.total_tiyn}}});
    return {};
  });

  // 7.1: the contract's vacancy, suitable for persons with disabilities, public on the next
  // working day; linked to the case.
  hooks.AddEffect("enter_special_vacancy", [&vacancies](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto contract, ContractInForce(ctx));
    vacancies::VacancyDraft draft = programmes::ContractVacancy(ctx, contract.id, "P3");
    draft.disability_suitable = true;
    JUMYS_ASSIGN_OR_RETURN(
        const std::int64_t id,
        vacancies.ScheduleForCase(ctx.tx, ctx.actor, std::move(draft), ctx.now, 1));
    JUMYS_TRY(AddCaseLink(ctx, "vacancy", id));
    ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, "case.vacancy_scheduled", "case",
                          std::to_string(ctx.kase.id), ctx.kase.office_id,
                          json{{"vacancy", id}, {"contract", contract.id}}});
    return {};
  });

  // 7.2: each person must have a disability recorded on their card and in force today; each
  // referral is a placement of the case's vacancy, the person a party of the case.
  hooks.AddEffect("refer_persons_with_disability", [](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto links, CaseLinks(ctx.tx, ctx.kase.id, "vacancy"));
    if (links.empty()) {
      return Error::Unprocessable("referral.no_vacancy"_msg,
                                  "the case has no vacancy to refer persons to (7.1 first)");
    }
    JUMYS_ASSIGN_OR_RETURN(
        auto vacancy,
        ctx.tx.Query("SELECT office_id FROM vacancies WHERE id = $1", {links.back()}));
    const std::string today = FormatDate(OfficeDate(ctx.office, ctx.now));
    std::vector<ErrorDetail> bad;
    std::vector<std::string> persons;
    const json list = ctx.data.value("persons", json::array());
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string iin = list[i].is_string() ? list[i].get<std::string>() : "";
      const std::string field = "data.persons[" + std::to_string(i) + "]";
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, ctx.tx.Query("SELECT established_on, valid_until FROM card_disabilities "
                                  "WHERE iin = $1",
                                  {iin}));
      if (rows.empty()) {
        bad.emplace_back(field, "referral.no_disability"_msg,
                         "the person's employment card records no disability",
                         MessageParams{{"iin", documents::MaskId(iin)}});
        continue;
      }
      if (rows.Text(0, 0) > today || (!rows.IsNull(0, 1) && rows.Text(0, 1) < today)) {
        bad.emplace_back(field, "referral.disability_not_in_force"_msg,
                         "the disability recorded on the card is not in force today",
                         MessageParams{{"iin", documents::MaskId(iin)}});
        continue;
      }
      if (std::find(persons.begin(), persons.end(), iin) != persons.end()) {
        bad.emplace_back(field, "referral.twice"_msg, "the person is listed twice");
        continue;
      }
      persons.push_back(iin);
    }
    if (!bad.empty()) {
      return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(bad));
    }
    const std::string now = FormatRfc3339(ctx.now);
    for (const auto& iin : persons) {
      JUMYS_ASSIGN_OR_RETURN(
          auto existing,
          ctx.tx.Query("SELECT id FROM placements WHERE case_id = $1 AND person_iin = $2",
                       {ctx.kase.id, iin}));
      if (!existing.empty()) continue;  // referred before: the referral stands
      storage::PlacementRow row;
      row.case_id = ctx.kase.id;
      row.vacancy_id = links.back();
      row.person_iin = iin;
      row.employer_bin = ctx.kase.applicant_bin;
      row.office_id = ctx.kase.office_id;
      row.vacancy_office_id = vacancy.empty() ? ctx.kase.office_id : vacancy.Text(0, 0);
      row.created_by = ctx.actor;
      row.created_at = now;
      row.updated_at = now;
      JUMYS_ASSIGN_OR_RETURN(auto id, storage::InsertPlacement(ctx.tx, row));
      JUMYS_TRY(AddCaseParty(ctx, "referred", iin, ""));
      JUMYS_TRY(AddCaseLink(ctx, "placement", id));
      JUMYS_TRY(IssueReferral(ctx, iin, links.back()));
      ctx.events.push_back({now,
                            ctx.actor,
                            "placement.referred",
                            "placement",
                            std::to_string(id),
                            ctx.kase.office_id,
                            {{"case", ctx.kase.id},
                             {"case_number", ctx.kase.number},
                             {"vacancy", links.back()},
                             {"person", documents::MaskId(iin)}}});
    }
    return {};
  });

  // 8: one report per month of the term, for a month that has ended; late after its due time.
  hooks.AddEffect("record_monthly_report", [&calendar](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto contract, ContractInForce(ctx, true));
    const std::string period = TextOf(ctx.data, "period");
    const auto month = MonthIndex(period);
    const auto first = MonthIndex(contract.starts_on), last = MonthIndex(contract.ends_on);
    const std::string today = FormatDate(OfficeDate(ctx.office, ctx.now));
    const auto this_month = MonthIndex(today);
    if (!month || !first || !last || *month < *first || *month > *last) {
      return ReportError(
          "data.period", "report.outside_term"_msg,
          "{period} is not a month of the contract's term ({from} to {to})",
          {{"period", period}, {"from", contract.starts_on}, {"to", contract.ends_on}});
    }
    if (*month >= *this_month) {
      return ReportError("data.period", "report.month_not_over"_msg,
                         "{period} is not over yet: it is reported once it has ended",
                         {{"period", period}});
    }
    JUMYS_ASSIGN_OR_RETURN(auto live,
                           ctx.tx.Query("SELECT id FROM monthly_reports WHERE contract_id = $1 AND "
                                        "period = $2 AND status <> 'returned'",
                                        {contract.id, period}));
    if (!live.empty()) {
      return Error::Conflict("report.duplicate"_msg, "{period} is already reported",
                             {{"period", period}});
    }
    // Due as the step's task for that month is: the definition's due_day of the next month.
    const Step* step = ctx.task ? ctx.def.FindStep(ctx.task->step) : nullptr;
    if (!step || !step->due_day) {
      return Error::Internal(ctx.def.code + ": record_monthly_report on a step without due_day");
    }
    JUMYS_ASSIGN_OR_RETURN(const Date next_month, ParseDate(MonthText(*month + 1) + "-01"));
    const Instant due = calendar.DueOnDay(
        ctx.office, ctx.office.time_zone.ToUtc(LocalTime{std::chrono::local_days{next_month}}),
        *step->due_day);
    const std::string due_on = FormatDate(OfficeDate(ctx.office, due));
    const bool late = ctx.now > due;
    const std::string at = FormatRfc3339(ctx.now);
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        ctx.tx.Query(
            "INSERT INTO monthly_reports (case_id, contract_id, period, employed, "
            "days_worked, wages_paid, due_on, late, status, remarks, filed_by, filed_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'filed', '', $9, $10, "
            "$10) RETURNING id",
            {ctx.kase.id, contract.id, period, ctx.data.value("employed", json::array()).dump(),
             IntOf(ctx.data, "days_worked"), MoneyOf(ctx.data, "wages_paid"), due_on,
             std::int64_t{late ? 1 : 0}, ctx.actor, at}));
    JUMYS_TRY(AddCaseLink(ctx, "monthly_report", rows.Int(0, 0)));
    ctx.events.push_back(
        {at, ctx.actor, "monthly_report.file", "monthly_report", rows.Text(0, 0),
         ctx.kase.office_id,
         json{{"case", ctx.kase.id}, {"period", period}, {"due_on", due_on}, {"late", late}}});
    return {};
  });

  // 7.3: a monitoring visit and what it found, kept with the contract.
  hooks.AddEffect("record_monitoring_visit", [](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto contract, ContractInForce(ctx, true));
    const bool met = ctx.outcome && ctx.outcome->id == "obligations_met";
    const std::string at = FormatRfc3339(ctx.now);
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        ctx.tx.Query("INSERT INTO monitoring_visits (case_id, contract_id, visited_on, "
                     "obligations_met, findings, recorded_by, recorded_at) VALUES ($1, "
                     "$2, $3, $4, $5, $6, $7) RETURNING id",
                     {ctx.kase.id, contract.id, TextOf(ctx.data, "visited_on"),
                      std::int64_t{met ? 1 : 0}, TextOf(ctx.data, "findings"), ctx.actor, at}));
    JUMYS_TRY(AddCaseLink(ctx, "monitoring_visit", rows.Int(0, 0)));
    ctx.events.push_back({at, ctx.actor, "monitoring_visit.record", "monitoring_visit",
                          rows.Text(0, 0), ctx.kase.office_id,
                          json{{"case", ctx.kase.id}, {"obligations_met", met}}});
    return {};
  });

  hooks.AddEffect("accept_monthly_report", [](HookContext& ctx) -> Status {
    return MoveReport(ctx, "filed", "accepted", "monthly_report.accept");
  });
  hooks.AddEffect("return_monthly_report", [](HookContext& ctx) -> Status {
    return MoveReport(ctx, "filed", "returned", "monthly_report.return",
                      TextOf(ctx.data, "remarks"));
  });

  // 10: the wage subsidy of the accepted report's month, at the tier of that month of the
  // contract, for each person employed.
  hooks.AddEffect("pay_wage_subsidy", [&parameters, &payments](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto contract, ContractInForce(ctx, true));
    JUMYS_ASSIGN_OR_RETURN(auto report, ReportInStatus(ctx.tx, ctx.kase.id, "accepted"));
    if (!report) {
      return Error::Conflict("report.none"_msg, "no monthly report of the case is {status}",
                             {{"status", "accepted"}});
    }
    const int month = *MonthIndex(report->period);
    const int month_of_contract = month - *MonthIndex(contract.starts_on) + 1;
    // The values in force in the month paid for.
    JUMYS_ASSIGN_OR_RETURN(const Date month_start, ParseDate(MonthText(month) + "-01"));
    JUMYS_ASSIGN_OR_RETURN(auto amount, WageSubsidy(parameters, month_start, month_of_contract,
                                                    report->wages, report->persons));
    payments::OrderRequest q = programmes::CaseOrder(ctx, parameters, "wage_subsidy");
    q.payee = EmployerPayee(ctx.kase);
    q.amount = amount;
    q.period_from = MonthText(month) + "-01";
    q.period_to = LastDayOf(month);
    q.basis = "report:" + std::to_string(report->id);
    q.contract_id = contract.id;
    JUMYS_ASSIGN_OR_RETURN(auto order, programmes::PlaceCaseOrder(ctx, payments, q));
    return MoveReport(ctx, "accepted", "ordered", "monthly_report.order", "", order.id);
  });

  // 7.3: the loop ends when every month of the term is reported and ordered.
  hooks.AddGuard(
      "contract_term_over", "guard.contract_term_over"_msg,
      "a month of the contract's term is not reported yet", [](HookContext& ctx) -> Expected<bool> {
        JUMYS_ASSIGN_OR_RETURN(auto contract, contracts::ContractOfCase(ctx.tx, ctx.kase.id));
        if (!contract) return false;
        if (contract->status != "in_force" && contract->status != "ended") return true;
        const auto first = MonthIndex(contract->starts_on);
        const auto last = MonthIndex(contract->ends_on);
        if (!first || !last) return false;
        JUMYS_ASSIGN_OR_RETURN(auto rows, ctx.tx.Query("SELECT COUNT(*) FROM monthly_reports WHERE "
                                                       "contract_id = $1 AND status = 'ordered'",
                                                       {contract->id}));
        return rows.Int(0, 0) >= *last - *first + 1;
      });

  hooks.AddEffect("close_contract",
                  [](HookContext& ctx) -> Status { return contracts::EndContractOfCase(ctx); });
}

}  // namespace jumys::special_workplaces
