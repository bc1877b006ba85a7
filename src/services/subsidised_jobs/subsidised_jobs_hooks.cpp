#include "services/subsidised_jobs/subsidised_jobs_hooks.h"

#include <string>

#include "core/error.h"
#include "engine/case_results.h"
#include "engine/definition.h"
#include "services/programmes/application_values.h"
#include "services/programmes/contract_amount.h"
#include "services/programmes/contract_vacancy.h"
#include "storage/audit_log.h"

namespace jumys::subsidised_jobs {
namespace {

using nlohmann::json;
using programmes::IntOf;
using programmes::MoneyOf;
using programmes::TextOf;

// The working days after which the vacancy goes public: the timer the outcome leads to.
Expected<int> PublicationDelay(const HookContext& ctx) {
  const Step* next = nullptr;
  if (ctx.outcome && !ctx.outcome->target.is_end())
    next = ctx.def.FindStep(ctx.outcome->target.step);
  if (!next || next->kind != StepKind::kTimer || !next->limit ||
      next->limit->unit != Limit::kWorkingDays) {
    return Error::Internal("publish_vacancy in " + ctx.def.code +
                           " must lead to a timer counted in working days");
  }
  return next->limit->amount;
}

Expected<std::optional<std::int64_t>> VacancyOfCase(storage::Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT id FROM vacancies WHERE case_id = $1 ORDER BY id", {case_id}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows.Int(0, 0));
}

}  // namespace

contracts::AmountProposer AmountFromParameters(const programmes::ProgrammeParameters& parameters) {
  return [&parameters](HookContext& ctx) -> Expected<std::int64_t> {
    const json application = ctx.kase.data.value("application", json::object());
    programmes::AmountRequest request;
    request.measure = TextOf(application, "measure");
    request.workplaces = IntOf(application, "workplaces");
    request.months = static_cast<int>(IntOf(application, "term_months"));
    request.monthly_wage_tiyn = MoneyOf(application, "monthly_wage");
    request.decision_date = OfficeDate(ctx.office, ctx.now);
    // An application that names no measure (P3) gets every measure of its programme.
    std::vector<std::string> measures;
    if (!request.measure.empty()) measures.push_back(request.measure);
    for (const auto& p : parameters.programmes()) {
      if (p.code != ctx.def.code || !request.measure.empty()) continue;
      for (const auto& m : p.measures) measures.push_back(m.code);
    }
    std::int64_t total = 0;
    for (const auto& measure : measures) {
      request.measure = measure;
      JUMYS_ASSIGN_OR_RETURN(auto proposed, programmes::ProposeContractAmount(parameters, request));
      total += proposed.total_tiyn;
    }
    return total;
  };
}

void InstallVacancyEffects(CaseHooks& hooks, const vacancies::VacancyService& vacancies) {
  hooks.AddEffect("publish_vacancy", [&vacancies](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto contract, contracts::ContractOfCase(ctx.tx, ctx.kase.id));
    if (!contract || contract->status != "in_force") {
      return Error::Unprocessable("contract.not_in_force"_msg,
                                  "the vacancy is published once the contract is in force");
    }
    JUMYS_ASSIGN_OR_RETURN(const int working_days, PublicationDelay(ctx));
    JUMYS_ASSIGN_OR_RETURN(
        const std::int64_t id,
        vacancies.ScheduleForCase(ctx.tx, ctx.actor,
                                  programmes::ContractVacancy(ctx, contract->id, "P2"), ctx.now,
                                  working_days));
    ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, "case.vacancy_scheduled", "case",
                          std::to_string(ctx.kase.id), ctx.kase.office_id,
                          json{{"vacancy", id}, {"contract", contract->id}}});
    return {};
  });
  hooks.AddEffect("register_vacancy", [](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto id, VacancyOfCase(ctx.tx, ctx.kase.id));
    if (!id) {
      return Error::Internal("register_vacancy in " + ctx.def.code + ": the case has no vacancy");
    }
    ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, "case.vacancy_registered", "case",
                          std::to_string(ctx.kase.id), ctx.kase.office_id, json{{"vacancy", *id}}});
    return {};
  });
}

}  // namespace jumys::subsidised_jobs
