#pragma once
// What P2 (processes/subsidised-jobs) asks of the services beyond the contract record itself
// (docs/SUBSIDISED_JOBS.md): the amount a draft contract proposes, from the programme's
// parameters in force on the decision date, and the subsidised vacancy of 6.1-6.3.
#include "engine/case_hooks.h"
#include "services/contracts/contract_service.h"
#include "services/programmes/programme_parameters.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::subsidised_jobs {

// The proposal for the case's application (measure, workplaces, term, wage), with the values in
// force on the day the contract is drawn: 3.3 follows the decision of 3.1 in one change. An
// application naming no measure (P3) is proposed the sum of its programme's measures.
contracts::AmountProposer AmountFromParameters(const programmes::ProgrammeParameters& parameters);

// publish_vacancy (6.1): the employer's vacancy, linked to the case's contract in force, stored
// and scheduled to go public at the office's opening on the day the next step's timer ends
// (6.2's "3rd working day"); register_vacancy (6.3): the vacancy is in the bank.
void InstallVacancyEffects(CaseHooks& hooks, const vacancies::VacancyService& vacancies);

}  // namespace jumys::subsidised_jobs
