#pragma once
// What P3 (processes/special-workplaces, docs/SPECIAL_WORKPLACES.md) asks of the services beyond
// the contract record: the work report and the workplace subsidy it earns (6.1-6.3), the special
// vacancy and the referrals of persons with a recorded disability (7.1-7.2), and the monthly
// loop — one report per month of the term, each earning the wage subsidy of that month (8-10) —
// which ends the contract when every month is reported (7.3). Payments are orders of the
// payments registry, made in the case's transaction.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/error.h"
#include "domain/actor.h"
#include "engine/calendar_service.h"
#include "engine/case_hooks.h"
#include "services/payments/payment_service.h"
#include "services/programmes/programme_parameters.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::storage {
class Database;
}

namespace jumys::special_workplaces {

// A disability recorded on a person's individual employment card from their documents.
struct Disability {
  std::string iin;
  int group = 0;               // 1-3
  std::string established_on;  // YYYY-MM-DD
  std::string valid_until;     // "": indefinite
  std::string document;        // the certificate's number and date
  std::string recorded_by, recorded_at;
};

// The disabilities on the employment cards.
class DisabilityRecords {
 public:
  DisabilityRecords(storage::Database& db, std::function<Instant()> now)
      : db_(db), now_(std::move(now)) {}
  // Staff record (or correct) the disability; 422 naming each bad field, 404 without a card;
  // audited.
  Status Record(const Actor& actor, const Disability& d);
  Expected<std::optional<Disability>> Find(const std::string& iin);

 private:
  storage::Database& db_;
  std::function<Instant()> now_;
};

// The wage subsidy of one month: each person's share of the wage for that month of the contract
// (the parameters' tier), at most the cap, rounded down to the tiyn; 422 when not in force.
Expected<std::int64_t> WageSubsidy(const programmes::ProgrammeParameters& parameters, Date on,
                                   int month_of_contract, std::int64_t wage_tiyn,
                                   std::int64_t persons);

// Registers the effects (record_work_report, pay_workplace_subsidy, enter_special_vacancy,
// refer_persons_with_disability, record_monthly_report, accept_monthly_report,
// return_monthly_report, pay_wage_subsidy, record_monitoring_visit, close_contract) and the guard
// contract_term_over.
void Install(CaseHooks& hooks, const programmes::ProgrammeParameters& parameters,
             payments::PaymentService& payments, const vacancies::VacancyService& vacancies,
             const CalendarService& calendar);

}  // namespace jumys::special_workplaces
