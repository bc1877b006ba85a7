#include "services/demo/demo_payments.h"

#include <string>

#include "engine/case_model.h"
#include "services/demo/demo_data.h"

namespace jumys::demo {
namespace {

Actor Staff(const char* login, const char* office, Role role) {
  Actor a;
  a.user_id = 1;
  a.login = login;
  a.roles.Add(role);
  a.office_id = office;
  return a;
}

}  // namespace

Expected<int> SeedDemoPayments(payments::PaymentService& payments, Instant now) {
  const Actor specialist = Staff("employers", "kzo-city", Role::kEmployerSpecialist);
  const Actor head = Staff("head", "kzo-city", Role::kHead);
  payments::OrderFilter any;
  any.offices = {"kzo-city"};
  JUMYS_ASSIGN_OR_RETURN(auto existing, payments.List(any));
  if (!existing.empty()) return 0;

  const std::string today = FormatRfc3339(now);
  const int year = std::stoi(today.substr(0, 4));
  Actor system;
  system.login = kSystemActor;
  JUMYS_TRY(payments.SetBudget(system, "special-workplaces", year, "kzo-city",
                               5'000'000'000));  // 50 million tenge, DEMO VALUE
  // Wage subsidy of the demo employer's special workplaces, one order a month so far this year.
  const auto order = [&](const std::string& kind, int month, std::int64_t tiyn,
                         const std::string& basis) {
    payments::OrderRequest q;
    q.kind = kind;
    q.programme = "special-workplaces";
    q.office_id = "kzo-city";
    q.payee = {"", kDemoEmployerBin, "«Арал Балық» ЖШС", "KZ86125KZT5004100100"};
    q.amount = tiyn;
    const std::string m = (month < 10 ? "0" : "") + std::to_string(month);
    q.period_from = std::to_string(year) + "-" + m + "-01";
    q.period_to = std::to_string(year) + "-" + m + "-28";
    q.basis = basis;
    q.budget_code = "254-101";  // DEMO VALUE: the budget programme's code
    return payments.Create(specialist, q);
  };
  const int month = std::stoi(today.substr(5, 2));
  const int first = month > 3 ? month - 3 : 1;
  JUMYS_ASSIGN_OR_RETURN(auto equipment,
                         order("workplace_subsidy", first, 117'975'000, "demo-contract:1"));
  JUMYS_ASSIGN_OR_RETURN(auto wage1, order("wage_subsidy", first, 23'520'000, "demo-report:1"));
  JUMYS_ASSIGN_OR_RETURN(
      auto wage2, order("wage_subsidy", std::min(first + 1, 12), 23'520'000, "demo-report:2"));
  JUMYS_ASSIGN_OR_RETURN(
      auto wage3, order("wage_subsidy", std::min(first + 2, 12), 23'520'000, "demo-report:3"));
  for (const auto* o : {&equipment, &wage1, &wage2}) JUMYS_TRY(payments.Approve(head, o->id));
  JUMYS_ASSIGN_OR_RETURN(auto batch, payments.Export(head));
  (void)batch;
  JUMYS_TRY(payments.ImportStatement(
      head, "reference,status,amount,date,reason\n" + equipment.number + ",paid," +
                payments::Decimal(equipment.request.amount) + "," + equipment.request.period_to +
                ",\n" + wage1.number + ",paid," + payments::Decimal(wage1.request.amount) + "," +
                wage1.request.period_to + ",\n" + wage2.number + ",returned," +
                payments::Decimal(wage2.request.amount) + "," + wage2.request.period_to +
                ",AC04 account closed\n"));
  (void)wage3;  // stays a draft for the head to approve
  return 4;
}

}  // namespace jumys::demo
