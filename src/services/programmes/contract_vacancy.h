#pragma once
// The vacancy a programme contract creates (P2 6.1, P3 7.1): the step's entry (position, NKZ,
// wage, workplaces) with the application's place of work, full time, tied to the case and the
// contract.
#include <cstdint>
#include <string>

#include "engine/case_hooks.h"
#include "services/programmes/application_values.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::programmes {

inline vacancies::VacancyDraft ContractVacancy(const HookContext& ctx, std::int64_t contract_id,
                                               std::string programme) {
  const nlohmann::json application = ctx.kase.data.value("application", nlohmann::json::object());
  vacancies::VacancyDraft draft;
  draft.employer_bin = ctx.kase.applicant_bin;
  draft.title = TextOf(ctx.data, "position");
  draft.nkz = TextOf(ctx.data, "occupation");
  draft.kato = TextOf(application, "place");
  draft.wage_tiyn = MoneyOf(ctx.data, "monthly_wage");
  draft.working_time = "full_time";
  draft.workplaces = IntOf(ctx.data, "workplaces");
  draft.programme = std::move(programme);
  draft.case_id = ctx.kase.id;
  draft.contract_id = contract_id;
  return draft;
}

}  // namespace jumys::programmes
