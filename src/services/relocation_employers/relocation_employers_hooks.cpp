#include "services/relocation_employers/relocation_employers_hooks.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/case_relations.h"
#include "services/programmes/application_values.h"

namespace jumys::relocation_employers {
namespace {

using nlohmann::json;
using programmes::IntOf;
using programmes::MoneyOf;
using programmes::TextOf;

// One entry of 3.3's list as a vacancy of the case's employer, at the application's place.
vacancies::VacancyDraft RelocationVacancy(const HookContext& ctx, const json& entry) {
  vacancies::VacancyDraft draft;
  draft.employer_bin = ctx.kase.applicant_bin;
  draft.title = TextOf(entry, "position");
  draft.nkz = TextOf(entry, "occupation");
  draft.kato = TextOf(ctx.kase.data, "place");
  draft.wage_tiyn = MoneyOf(entry, "monthly_wage");
  draft.working_time = "full_time";
  draft.workplaces = IntOf(entry, "workplaces");
  draft.programme = kProgramme;
  draft.case_id = ctx.kase.id;
  return draft;
}

// The bank's finding on an entry, named by the entry's field (data.vacancies[i].position ...).
Error OfEntry(Error error, std::size_t index) {
  static const std::map<std::string, std::string> kFieldOf = {
      {"title", "position"}, {"nkz", "occupation"}, {"wage", "monthly_wage"}};
  const std::string prefix = "data.vacancies[" + std::to_string(index) + "].";
  for (auto& d : error.details) {
    auto it = kFieldOf.find(d.field);
    d.field = prefix + (it == kFieldOf.end() ? d.field : it->second);
  }
  return error;
}

}  // namespace

void Install(CaseHooks& hooks, const vacancies::VacancyService& vacancies) {
  hooks.AddEffect("enter_relocation_vacancies", [&vacancies](HookContext& ctx) -> Status {
    const json list = ctx.data.value("vacancies", json::array());
    json ids = json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto id = vacancies.ScheduleForCase(ctx.tx, ctx.actor, RelocationVacancy(ctx, list[i]),
                                          ctx.now, /*working_days=*/0);
      if (!id) return OfEntry(std::move(id.error()), i);
      JUMYS_TRY(AddCaseLink(ctx, "vacancy", *id));
      ids.push_back(*id);
    }
    ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, "case.relocation_vacancies_entered",
                          "case", std::to_string(ctx.kase.id), ctx.kase.office_id,
                          json{{"vacancies", ids}, {"programme", kProgramme}}});
    return {};
  });
}

}  // namespace jumys::relocation_employers
