#include "services/demo/demo_special_workplaces.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/canonical_json.h"
#include "core/sha256.h"
#include "engine/case_results.h"
#include "services/demo/demo_payments.h"
#include "services/demo/demo_run.h"
#include "storage/repositories/repositories.h"

namespace jumys::demo {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
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

json Money(std::int64_t tiyn) { return {{"amount", tiyn}, {"currency", "KZT"}}; }

// The cabinet's application (1.1), as the employer fills it in.
json Application() {
  return {{"requisites",
           {{"legal_name", "«Арал Балық» ЖШС"},
            {"legal_address", "Қызылорда қ., Әйтеке би к-сі 1"},
            {"iban", "KZ86125KZT5004100100"},
            {"bank_bic", "HSBKKZKX"},
            {"signatory_name", "Серікбаев Нұрлан"},
            {"signatory_position", "Директор"}}},
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

class Run;
// How one step is done: when (from the time the previous step was done, or the task's due time)
// and what its user does.
using When = std::function<Instant(const Run&, const TaskRow&)>;
struct Play {
  When when;
  std::function<Status(Run&, const TaskRow&)> act;
};

class Run : public DemoRun {
 public:
  Run(const SpecialWorkplacesDemo& demo, Instant now, const Office& office)
      : DemoRun({demo.db, demo.cases, demo.documents, demo.accounts, demo.calendar, demo.dev_ca,
                 demo.set_clock, demo.sweep},
                now, office),
        d_(demo) {}

  SpecialWorkplacesDemoResult Go();

  // Working days of the month after `after` (every one when it is before the month).
  int WorkingDaysOf(year_month month, std::optional<Date> after = std::nullopt) const {
    int count = 0;
    for (Date day = month / 1; day.month() == month.month();
         day = Date{std::chrono::sys_days{day} + days(1)}) {
      if (Working(day) && (!after || day > *after)) ++count;
    }
    return count;
  }

  const SpecialWorkplacesDemo& demo() const { return d_; }
  std::int64_t case_id() const { return case_id_; }
  // The month the next monthly report is of: the first of the term not yet reported.
  year_month next_period() const { return next_period_; }
  int reports() const { return reports_; }
  int visits() const { return visits_; }
  void Visited() { ++visits_; }
  void Reported() {
    next_period_ += months(1);
    ++reports_;
  }
  void Started(year_month month) { next_period_ = month; }
  Date referred_on() const { return referred_on_; }
  void Referred(Date day) { referred_on_ = day; }

 private:
  Status File();
  Status Work();
  Status Registry(year_month month);

  const SpecialWorkplacesDemo& d_;
  std::int64_t case_id_ = 0;
  year_month next_period_{};
  int reports_ = 0;
  int visits_ = 0;
  Date referred_on_{};
  std::string batch_;
};

std::string MonthText(year_month m) {
  const int month = static_cast<int>(static_cast<unsigned>(m.month()));
  return std::to_string(static_cast<int>(m.year())) + (month < 10 ? "-0" : "-") +
         std::to_string(month);
}

// When a step is done.
When SameDay(int hour) {
  return [hour](const Run& r, const TaskRow&) {
    return std::max(r.At(r.Today(), hour), r.last() + hours(1));
  };
}
When NextWorkingDay(int hour) {
  return [hour](const Run& r, const TaskRow&) { return r.At(r.Shift(r.Today(), 1), hour); };
}
When WorkingDaysLater(int n, int hour) {
  return [n, hour](const Run& r, const TaskRow&) { return r.At(r.Shift(r.Today(), n), hour); };
}
// The monthly report: on the month's second working day, but the second report two working
// days after its task's due time, so that the demo shows one late.
Instant ReportDay(const Run& r, const TaskRow& task) {
  const Date today = r.Today();
  if (r.reports() == 1 && task.has_due()) {
    if (auto due = ParseRfc3339(task.due_at)) return r.At(r.Shift(r.DateOf(*due), 2), 10);
  }
  return r.At(r.NthWorkingDay(today.year() / today.month(), 2), 10);
}

// What a step's user does.
Play Completes(const char* login, const char* outcome, When when,
               std::function<Expected<json>(Run&)> data = nullptr) {
  return {std::move(when),
          [login, outcome, data = std::move(data)](Run& r, const TaskRow& task) -> Status {
            json values = json::object();
            if (data) {
              JUMYS_ASSIGN_OR_RETURN(values, data(r));
            }
            return r.Complete(login, task.id, outcome, values);
          }};
}
// A signing step (DemoRun::CompleteSigned).
Play Signs(const char* login, const char* outcome, When when) {
  return {std::move(when), [login, outcome](Run& r, const TaskRow& task) -> Status {
            return r.CompleteSigned(login, task.id, outcome);
          }};
}

// 2.2: the specialist sends the office's open list for decision, the head decides it two working
// days later and the specialist records the decisions on the cases that afternoon.
Status DecideOnList(Run& r, const TaskRow&) {
  const auto& d = r.demo();
  JUMYS_ASSIGN_OR_RETURN(auto specialist, r.As("employers"));
  JUMYS_ASSIGN_OR_RETURN(auto head, r.As("head"));
  JUMYS_ASSIGN_OR_RETURN(auto open, d.lists.List({kOffice}, "open"));
  std::int64_t list_id = 0;
  for (const auto& l : open) {
    if (l.process != kProcess) continue;
    JUMYS_ASSIGN_OR_RETURN(auto detail, d.lists.Load(l.id));
    for (const auto& item : detail.items) {
      if (item.item.case_id == r.case_id()) list_id = l.id;
    }
  }
  if (list_id == 0) return Error::Internal("demo: the case is on no open decision list");
  JUMYS_TRY(d.lists.Submit(specialist, list_id));
  JUMYS_TRY(r.MoveTo(r.At(r.Shift(r.Today(), 2), 10)));
  if (r.over()) return {};
  JUMYS_TRY(d.lists.Decide(head, list_id, {{r.case_id(), "approved", {}}}));
  JUMYS_TRY(r.MoveTo(r.At(r.Today(), 15)));
  if (r.over()) return {};
  JUMYS_TRY(d.lists.Record(specialist, list_id));
  return {};
}

// 3.1: the amount proposed, a twelve-month term from this month.
Expected<json> ContractData(Run& r) {
  std::optional<std::int64_t> proposed;
  JUMYS_TRY(r.demo().db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT proposed_amount FROM contracts WHERE case_id = $1", {r.case_id()}));
    if (!rows.empty()) proposed = rows.Int(0, 0);
    return {};
  }));
  if (!proposed) return Error::Internal("demo: the case has no draft contract");
  const Date today = r.Today();
  const year_month first = today.year() / today.month();
  r.Started(first);
  const Date ends_on{(first + months(kTermMonths - 1)) / std::chrono::last};
  return json{{"contract_number", "АЖО-" + std::to_string(static_cast<int>(today.year())) + "-001"},
              {"amount", Money(*proposed)},
              {"ends_on", FormatDate(ends_on)}};
}

Expected<json> WorkReport(Run& r) {
  const std::string finished = FormatDate(r.Shift(r.Today(), -1));
  return json{{"work_done",
               "Пандус, кеңейтілген есік, экранды оқу бағдарламасы бар 2 жұмыс орны / Пандус, "
               "расширенный дверной проём, 2 рабочих места с программой экранного доступа"},
              {"spent", Money(kSpentTiyn)},
              {"completed_on", finished},
              {"supporting_documents",
               "Шот-фактура / Счёт-фактура № 118, " + finished + "; акт № 7, " + finished}};
}

Expected<json> Vacancy(Run&) {
  return json{{"position", kPosition},
              {"occupation", kOccupation},
              {"workplaces", kWorkplaces},
              {"monthly_wage", Money(kWageTiyn)}};
}

// 7.2: each person's disability recorded on the card from the certificate, then the referral.
Status ReferPersons(Run& r, const TaskRow& task) {
  json persons = json::array();
  for (const auto& p : kReferred) {
    JUMYS_ASSIGN_OR_RETURN(auto staff, r.As(p.recorded_by));
    JUMYS_TRY(r.demo().disabilities.Record(
        staff, {p.iin, p.group, p.established_on, "", p.document, "", ""}));
    persons.push_back(p.iin);
  }
  r.Referred(r.Today());
  return r.Complete("employers", task.id, "referred", {{"persons", persons}});
}

// 8: the month's report: both persons, the month's working days (the first month from the day
// after the referral) and the wage for them.
Status MonthlyReport(Run& r, const TaskRow& task) {
  const year_month period = r.next_period();
  const int month_days = r.WorkingDaysOf(period);
  const bool first = period == r.referred_on().year() / r.referred_on().month();
  const int worked = first ? r.WorkingDaysOf(period, r.referred_on()) : month_days;
  // Whole tenge, as a payroll pays.
  const std::int64_t wage = kWageTiyn * worked / std::max(month_days, 1) / 100 * 100;
  json employed = json::array();
  for (const auto& p : kReferred) employed.push_back(p.iin);
  JUMYS_TRY(r.Complete("employer", task.id, "reported",
                       {{"period", MonthText(period)},
                        {"employed", employed},
                        {"days_worked", worked},
                        {"wages_paid", Money(wage)}}));
  r.Reported();
  return {};
}

// 7.3: the specialist visits the workplaces the day after the order; the third visit finds the
// ramp's handrail missing (the employer is told), the others find the obligations met.
Status MonitoringVisit(Run& r, const TaskRow& task) {
  const bool breach = r.visits() == 2;
  r.Visited();
  return r.Complete(
      "employers", task.id, breach ? "breach_found" : "obligations_met",
      {{"visited_on", FormatDate(r.Today())},
       {"findings", breach ? "Пандуста тұтқа жоқ; 10 жұмыс күні ішінде орнату / У пандуса нет "
                             "поручня; установить в течение 10 рабочих дней"
                           : "Екі арнайы жұмыс орны жабдықталған, екі адам жұмыс істейді / Оба "
                             "специальных рабочих места оборудованы, оба работника работают"}});
}

// Step id -> who does it, when and with what. A step the definition gains is one line here.
const std::map<std::string, Play>& Plays() {
  static const std::map<std::string, Play> plays = {
      {"check_application", Completes("employers", "compliant", NextWorkingDay(11))},
      {"record_list_decision", {SameDay(16), DecideOnList}},
      {"draft_contract", Completes("employers", "drafted", NextWorkingDay(10), ContractData)},
      {"head_signs", Signs("head", "signed", NextWorkingDay(11))},
      {"employer_signs", Signs("employer", "signed", NextWorkingDay(10))},
      {"report_work_done", Completes("employer", "reported", WorkingDaysLater(6, 10), WorkReport)},
      {"check_work_report", Completes("employers", "accepted", NextWorkingDay(11))},
      {"order_workplace_subsidy", Completes("head", "ordered", NextWorkingDay(12))},
      {"enter_vacancy", Completes("employers", "entered", NextWorkingDay(10), Vacancy)},
      {"refer_persons", {NextWorkingDay(11), ReferPersons}},
      {"monthly_report", {ReportDay, MonthlyReport}},
      {"check_monthly_report", Completes("employers", "accepted", NextWorkingDay(11))},
      {"order_wage_subsidy", Completes("head", "ordered", NextWorkingDay(12))},
      {"monitoring_visit", {NextWorkingDay(15), MonitoringVisit}},
  };
  return plays;
}

// 1.1: the employer signs the application over a challenge and files it, as the cabinet does.
Status Run::File() {
  JUMYS_ASSIGN_OR_RETURN(auto employer, As("employer"));
  JUMYS_ASSIGN_OR_RETURN(auto challenge,
                         d_.challenges.Issue(ChallengePurpose::kPortalRequest, employer.user_id));
  const json body = {{"process", kProcess},
                     {"channel", "portal"},
                     {"office", kOffice},
                     {"data", Application()},
                     {"challenge", challenge.challenge}};
  const std::string content = CanonicalJson(body);
  JUMYS_ASSIGN_OR_RETURN(auto signature, SignAs("employer", content));
  JUMYS_TRY(d_.documents.CheckSignature(content, signature, employer.iin, employer.bin, last()));
  CaseService::StartRequest start;
  start.process = kProcess;
  start.channel = Channel::kPortal;
  start.office_id = kOffice;
  start.data = body["data"];
  start.signed_request = {{"content_sha256", Sha256Hex(content)},
                          {"signature", signature},
                          {"challenge", challenge.challenge},
                          {"verified_at", FormatRfc3339(last())}};
  start.within = d_.challenges.Consumer(challenge.challenge, ChallengePurpose::kPortalRequest,
                                        employer.user_id);
  JUMYS_ASSIGN_OR_RETURN(case_id_, d_.cases.Start(employer, start));
  return {};
}

// Does the case's open tasks, each at its play's time after the one before, until the case waits
// on time (the monthly repeat) or has ended.
Status Run::Work() {
  while (!over()) {
    JUMYS_ASSIGN_OR_RETURN(auto detail, d_.cases.Load(case_id_));
    std::optional<TaskRow> open;
    for (const auto& t : detail.tasks) {
      if (t.open() && t.kind == StepKind::kUser) open = t;
    }
    if (!open) return {};
    const auto play = Plays().find(open->step);
    if (play == Plays().end()) {
      return Error::Internal("the demo has no play for step " + open->step);
    }
    JUMYS_TRY(MoveTo(play->second.when(*this, *open)));
    if (over()) return {};
    JUMYS_TRY(play->second.act(*this, *open));
  }
  return {};
}

// The head's month in the registry: approvals and the export on the 15th working day, the bank's
// statement two working days later.
Status Run::Registry(year_month month) {
  JUMYS_TRY(MoveTo(At(NthWorkingDay(month, 15), 15)));
  if (over()) return {};
  JUMYS_ASSIGN_OR_RETURN(auto head, As("head"));
  JUMYS_ASSIGN_OR_RETURN(
      auto batch, ApproveAndExport(
                      d_.payments, d_.documents, head,
                      [this](std::string_view text) { return SignAs("head", text); }, last()));
  batch_ = batch.number;
  JUMYS_TRY(MoveTo(At(Shift(Today(), 2), 11)));
  if (over()) return {};
  JUMYS_TRY(SettleBatch(d_.payments, head, batch, FormatDate(Today())));
  return {};
}

SpecialWorkplacesDemoResult Run::Go() {
  SpecialWorkplacesDemoResult result;
  const Date today = DateOf(now());
  const year_month this_month = today.year() / today.month();
  // The contract is drawn on the first working day of the month five months back; the
  // application is filed so that the table's rhythm (2.1 the next day, the list decided two days
  // after that and recorded, the draft the next day) arrives there.
  const year_month first = this_month - months(5);
  Status done = [&]() -> Status {
    JUMYS_TRY(MoveTo(At(Shift(NthWorkingDay(first, 1), -4), 10)));
    JUMYS_TRY(File());
    JUMYS_TRY(Work());
    for (year_month month = first + months(1); month <= this_month && !over(); month += months(1)) {
      // The sweeper fires the monthly repeat just after midnight.
      JUMYS_TRY(MoveTo(At(month / 1, 0, 5)));
      JUMYS_TRY(Work());
      if (month == this_month - months(1)) JUMYS_TRY(Registry(month));
    }
    return {};
  }();
  if (!done) {
    result.stopped = StoppedBy(done.error());
  }
  // Today, as the sweeper will find it.
  d_.set_clock(now());
  if (auto swept = d_.sweep(); !swept && result.stopped.empty()) {
    result.stopped = swept.error().message;
  }
  result.case_id = case_id_;
  result.monthly_reports = reports_;
  result.batch = batch_;
  if (case_id_ != 0) {
    if (auto detail = d_.cases.Load(case_id_)) result.case_number = detail->kase.number;
    payments::OrderFilter of_case;
    of_case.offices = {kOffice};
    of_case.case_id = case_id_;
    if (auto orders = d_.payments.List(of_case)) result.orders = static_cast<int>(orders->size());
  }
  return result;
}

}  // namespace

SpecialWorkplacesDemoResult SeedDemoSpecialWorkplaces(const SpecialWorkplacesDemo& demo,
                                                      Instant now) {
  const auto office = demo.cases.offices().Find(kOffice);
  if (!office) return {.stopped = "the demo office kzo-city is not loaded"};
  Run run(demo, now, *office);
  return run.Go();
}

}  // namespace jumys::demo
