#include "services/demo/demo_special_workplaces.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "services/demo/demo_data.h"
#include "services/demo/demo_payments.h"

namespace jumys::demo {
namespace {

using nlohmann::json;
using std::chrono::months;
using std::chrono::year_month;

constexpr const char* kProcess = "special-workplaces";
constexpr const char* kOffice = "kzo-city";
constexpr int kTermMonths = 12;
constexpr int kWorkplaces = 2;
constexpr std::int64_t kWageTiyn = 180'000'00;     // a month, each person
constexpr std::int64_t kSpentTiyn = 2'350'000'00;  // on equipping both workplaces
constexpr const char* kPosition = "Деректерді енгізу операторы / Оператор ввода данных";
constexpr const char* kOccupation = "4";  // NKZ: clerical support workers

// The persons referred (7.2): demo job seekers with employment cards, one in the city and one in
// Aral, each card's disability recorded by staff of the card's office.
struct Referred {
  const char* iin;
  const char* recorded_by;
  int group;
  const char* established_on;
  const char* document;
};
constexpr Referred kReferred[] = {
    {"851102400347", "employers", 3, "2025-03-04",
     "МӘС анықтамасы / Справка МСЭ № 4471, 04.03.2025"},
    {"880722300562", "clerk2", 2, "2024-09-16", "МӘС анықтамасы / Справка МСЭ № 2309, 16.09.2024"},
};

// The cabinet's application (1.1), as the employer fills it in.
json Application() {
  return {{"requisites", DemoEmployerRequisites()},
          {"application",
           {{"position", kPosition},
            {"occupation", kOccupation},
            {"place", "431010000"},
            {"workplaces", kWorkplaces},
            {"adaptations",
             "Пандус, кеңейтілген есік, экранды оқу бағдарламасы бар 2 компьютер / Пандус, "
             "расширенный дверной проём, 2 компьютера с программой экранного доступа"},
            {"equipment_cost", Money(2'400'000'00)},
            {"monthly_wage", Money(kWageTiyn)},
            {"term_months", kTermMonths}}}};
}

}  // namespace

// 3.1: the amount proposed, a twelve-month term from this month.
Expected<json> SpecialWorkplacesDemo::ContractData(DemoCase& c) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t proposed, ProposedAmount(c));
  const Date today = c.Today();
  const year_month first = today.year() / today.month();
  next_period_ = first;
  const Date ends_on{(first + months(kTermMonths - 1)) / std::chrono::last};
  return json{{"contract_number", "АЖО-" + std::to_string(static_cast<int>(today.year())) + "-001"},
              {"amount", Money(proposed)},
              {"ends_on", FormatDate(ends_on)}};
}

namespace {

Expected<json> WorkReport(DemoCase& c) {
  const std::string finished = FormatDate(c.Shift(c.Today(), -1));
  return json{{"work_done",
               "Пандус, кеңейтілген есік, экранды оқу бағдарламасы бар 2 жұмыс орны / Пандус, "
               "расширенный дверной проём, 2 рабочих места с программой экранного доступа"},
              {"spent", Money(kSpentTiyn)},
              {"completed_on", finished},
              {"supporting_documents",
               "Шот-фактура / Счёт-фактура № 118, " + finished + "; акт № 7, " + finished}};
}

Expected<json> Vacancy(DemoCase&) {
  return json{{"position", kPosition},
              {"occupation", kOccupation},
              {"workplaces", kWorkplaces},
              {"monthly_wage", Money(kWageTiyn)}};
}

}  // namespace

// The monthly report: on the month's second working day, but the second report two working
// days after its task's due time, so that the demo shows one late.
Instant SpecialWorkplacesDemo::ReportDay(const DemoCase& c, const TaskRow& task) const {
  const Date today = c.Today();
  if (reports_ == 1 && task.has_due()) {
    if (auto due = ParseRfc3339(task.due_at)) return c.At(c.Shift(c.DateOf(*due), 2), 10);
  }
  return c.At(c.NthWorkingDay(today.year() / today.month(), 2), 10);
}

// 7.2: each person's disability recorded on the card from the certificate, then the referral.
Status SpecialWorkplacesDemo::ReferPersons(DemoCase& c, const TaskRow& task) {
  json persons = json::array();
  for (const auto& p : kReferred) {
    JUMYS_ASSIGN_OR_RETURN(auto staff, c.As(p.recorded_by));
    JUMYS_TRY(c.services().disabilities.Record(
        staff, {p.iin, p.group, p.established_on, "", p.document, "", ""}));
    persons.push_back(p.iin);
  }
  referred_on_ = c.Today();
  return c.Complete("employers", task.id, "referred", {{"persons", persons}});
}

// 8: the month's report: both persons, the month's working days (the first month from the day
// after the referral) and the wage for them.
Status SpecialWorkplacesDemo::MonthlyReport(DemoCase& c, const TaskRow& task) {
  const year_month period = next_period_;
  const int month_days = c.WorkingDaysOf(period);
  const bool first = period == referred_on_.year() / referred_on_.month();
  const int worked = first ? c.WorkingDaysOf(period, referred_on_) : month_days;
  // Whole tenge, as a payroll pays.
  const std::int64_t wage = kWageTiyn * worked / std::max(month_days, 1) / 100 * 100;
  json employed = json::array();
  for (const auto& p : kReferred) employed.push_back(p.iin);
  JUMYS_TRY(c.Complete("employer", task.id, "reported",
                       {{"period", MonthText(period)},
                        {"employed", employed},
                        {"days_worked", worked},
                        {"wages_paid", Money(wage)}}));
  next_period_ += months(1);
  ++reports_;
  return {};
}

// 7.3: the specialist visits the workplaces the day after the order; the third visit finds the
// ramp's handrail missing (the employer is told), the others find the obligations met.
Status SpecialWorkplacesDemo::MonitoringVisit(DemoCase& c, const TaskRow& task) {
  const bool breach = visits_ == 2;
  ++visits_;
  return c.Complete(
      "employers", task.id, breach ? "breach_found" : "obligations_met",
      {{"visited_on", FormatDate(c.Today())},
       {"findings", breach ? "Пандуста тұтқа жоқ; 10 жұмыс күні ішінде орнату / У пандуса нет "
                             "поручня; установить в течение 10 рабочих дней"
                           : "Екі арнайы жұмыс орны жабдықталған, екі адам жұмыс істейді / Оба "
                             "специальных рабочих места оборудованы, оба работника работают"}});
}

// Step id -> who does it, when and with what. A step the definition gains is one line here.
Plays SpecialWorkplacesDemo::MakePlays() {
  const auto mine = [this](Status (SpecialWorkplacesDemo::*act)(DemoCase&, const TaskRow&)) {
    return [this, act](DemoCase& c, const TaskRow& task) { return (this->*act)(c, task); };
  };
  return {
      {"check_application", Completes("employers", "compliant", NextWorkingDay(11))},
      {"record_list_decision", DecidesOnList("employers", "head", SameDay(16))},
      {"draft_contract", Completes("employers", "drafted", NextWorkingDay(10),
                                   [this](DemoCase& c) { return ContractData(c); })},
      {"head_signs", Signs("head", "signed", NextWorkingDay(11))},
      {"employer_signs", Signs("employer", "signed", NextWorkingDay(10))},
      {"report_work_done", Completes("employer", "reported", WorkingDaysLater(6, 10), WorkReport)},
      {"check_work_report", Completes("employers", "accepted", NextWorkingDay(11))},
      {"order_workplace_subsidy", Completes("head", "ordered", NextWorkingDay(12))},
      {"enter_vacancy", Completes("employers", "entered", NextWorkingDay(10), Vacancy)},
      {"refer_persons", {NextWorkingDay(11), mine(&SpecialWorkplacesDemo::ReferPersons)}},
      {"monthly_report",
       {[this](const DemoCase& c, const TaskRow& task) { return ReportDay(c, task); },
        mine(&SpecialWorkplacesDemo::MonthlyReport)}},
      {"check_monthly_report", Completes("employers", "accepted", NextWorkingDay(11))},
      {"order_wage_subsidy", Completes("head", "ordered", NextWorkingDay(12))},
      {"monitoring_visit", {NextWorkingDay(15), mine(&SpecialWorkplacesDemo::MonitoringVisit)}},
  };
}

// The head's month in the registry: approvals and the export on the 15th working day, the bank's
// statement two working days later.
Status SpecialWorkplacesDemo::Registry(DemoCase& c) {
  JUMYS_ASSIGN_OR_RETURN(auto head, c.As("head"));
  JUMYS_ASSIGN_OR_RETURN(
      auto batch, ApproveAndExport(
                      c.services().payments, c.services().documents, head,
                      [&c](std::string_view text) { return c.SignAs("head", text); }, c.last()));
  batch_ = batch.number;
  JUMYS_TRY(c.MoveTo(c.At(c.Shift(c.Today(), 2), 11)));
  if (c.over()) return {};
  JUMYS_TRY(SettleBatch(c.services().payments, head, batch, FormatDate(c.Today())));
  return {};
}

SpecialWorkplacesDemo::SpecialWorkplacesDemo(DemoTimeline& timeline, Instant now)
    : timeline_(timeline) {
  const auto office = timeline.services().cases.offices().Find(kOffice);
  if (!office) {
    missing_ = "the demo office kzo-city is not loaded";
    return;
  }
  case_ = &timeline.Add(office, kProcess, MakePlays());
  DemoCase& c = *case_;
  const Date today = c.DateOf(now);
  const year_month this_month = today.year() / today.month();
  // The contract is drawn on the first working day of the month five months back; the
  // application is filed so that the table's rhythm (2.1 the next day, the list decided two days
  // after that and recorded, the draft the next day) arrives there. The monthly repeat then
  // fires at each month's start.
  const year_month first = this_month - months(5);
  c.FileAt(c.At(c.Shift(c.NthWorkingDay(first, 1), -4), 10),
           FromCabinet("employer", Application()));
  const year_month registry = this_month - months(1);
  c.Also(c.At(c.NthWorkingDay(registry, 15), 15), [this](DemoCase& on) { return Registry(on); });
}

SpecialWorkplacesDemoResult SpecialWorkplacesDemo::Result() const {
  SpecialWorkplacesDemoResult result;
  if (!case_) {
    result.stopped = missing_;
    return result;
  }
  result.stopped = case_->stopped().empty() ? timeline_.stopped() : case_->stopped();
  result.case_id = case_->id();
  result.monthly_reports = reports_;
  result.batch = batch_;
  if (result.case_id != 0) {
    const auto& d = timeline_.services();
    if (auto detail = d.cases.Load(result.case_id)) result.case_number = detail->kase.number;
    payments::OrderFilter of_case;
    of_case.offices = {kOffice};
    of_case.case_id = result.case_id;
    if (auto orders = d.payments.List(of_case)) result.orders = static_cast<int>(orders->size());
  }
  return result;
}

}  // namespace jumys::demo
