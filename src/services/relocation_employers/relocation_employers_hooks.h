#pragma once
// What the employers' side of P1 (processes/relocation-employers, docs/RELOCATION_EMPLOYERS.md)
// asks of the services: the included employer's vacancies in the vacancy bank (3.3).
#include "engine/case_hooks.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::relocation_employers {

// The programme the vacancies serve, as the vacancy bank and the matching answers name it.
inline constexpr const char* kProgramme = "P1";

// enter_relocation_vacancies (3.3): each entry of the step's `vacancies` list becomes a vacancy
// of the case's employer at the application's place of work, programme P1, public at once and
// linked to the case; a bad entry refuses the step naming its field, and nothing is stored.
void Install(CaseHooks& hooks, const vacancies::VacancyService& vacancies);

}  // namespace jumys::relocation_employers
