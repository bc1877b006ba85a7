#include "services/demo/demo_programmes.h"

#include "services/demo/demo_data.h"

namespace jumys::demo {
namespace {

using nlohmann::json;
using std::chrono::months;
using std::chrono::year_month;

// P2: two social jobs for six months at 150 000 ₸.
constexpr const char* kSubsidisedJobs = "subsidised-jobs";
constexpr int kSubsidisedTermMonths = 6;
constexpr int kSubsidisedWorkplaces = 2;
constexpr std::int64_t kSubsidisedWageTiyn = 150'000'00;
constexpr const char* kSubsidisedPosition = "Балық өңдеуші / Обработчик рыбы";
constexpr const char* kSubsidisedOccupation = "7";  // NKZ: craft and related trades workers

// P1: the subsidies go to the job seeker's account; a year's contract with a monthly rent
// subsidy of 90 000 ₸ (within 15-30 МРП a month).
constexpr const char* kRelocation = "voluntary-relocation";
constexpr const char* kSeekerIban = "KZ86125KZT5004100100";
constexpr std::int64_t kRentTiyn = 90'000'00;
constexpr int kRelocationTermMonths = 12;
// Route B's applicant, a Kyzylorda resident who came to Petropavl on her own.
constexpr const char* kRouteBApplicant = "951203400783";

json SubsidisedJobsApplication() {
  return {{"requisites", DemoEmployerRequisites()},
          {"application",
           {{"measure", "social_jobs"},
            {"position", kSubsidisedPosition},
            {"occupation", kSubsidisedOccupation},
            {"place", "431010000"},
            {"workplaces", kSubsidisedWorkplaces},
            {"monthly_wage", Money(kSubsidisedWageTiyn)},
            {"term_months", kSubsidisedTermMonths}}}};
}

// 3.4: the amount proposed, the term from this month.
Expected<json> SubsidisedContract(DemoCase& c) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t proposed, ProposedAmount(c));
  const Date today = c.Today();
  const year_month first = today.year() / today.month();
  const Date ends_on{(first + months(kSubsidisedTermMonths - 1)) / std::chrono::last};
  return json{{"contract_number", "СЖ-" + std::to_string(static_cast<int>(today.year())) + "-001"},
              {"amount", Money(proposed)},
              {"ends_on", FormatDate(ends_on)}};
}

Expected<json> SubsidisedVacancy(DemoCase&) {
  return json{{"position", kSubsidisedPosition},
              {"occupation", kSubsidisedOccupation},
              {"workplaces", kSubsidisedWorkplaces},
              {"monthly_wage", Money(kSubsidisedWageTiyn)}};
}

// The clerk registers a job seeker's relocation application at the counter with its documents.
DemoCase::Filing AtTheCounter(const char* clerk, const char* applicant,
                              std::function<Expected<json>(DemoCase&)> data) {
  return [clerk, applicant, data = std::move(data)](DemoCase& c) -> Expected<std::int64_t> {
    JUMYS_ASSIGN_OR_RETURN(auto actor, c.As(clerk));
    CaseService::StartRequest start;
    start.process = c.process();
    start.channel = Channel::kOffice;
    start.applicant_iin = applicant;
    const Date valid_until{std::chrono::sys_days{c.Today()} + std::chrono::days(5 * 365)};
    start.documents = {{"application", std::nullopt}, {"identity_document", valid_until}};
    JUMYS_ASSIGN_OR_RETURN(start.data, data(c));
    start.data["iban"] = kSeekerIban;
    return c.services().cases.Start(actor, start);
  };
}

// Route A chooses the first vacancy «Петропавл Агро» has in the bank.
Expected<json> RouteAApplication(DemoCase& c) {
  std::optional<std::int64_t> vacancy;
  JUMYS_TRY(c.services().db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT MIN(id) FROM vacancies WHERE employer_bin "
                                               "= $1",
                                               {std::string(kDemoNkoEmployerBin)}));
    if (!rows.empty() && !rows.IsNull(0, 0)) vacancy = rows.Int(0, 0);
    return {};
  }));
  if (!vacancy) return Error::Internal("demo: «Петропавл Агро» has no vacancy in the bank");
  return json{
      {"route", "departure"},
      {"destination_office", "nko-petropavl"},
      {"vacancy", *vacancy},
      {"family_members", json::array({{{"iin", kDemoMoverSpouseIin}, {"relation", "spouse"}},
                                      {{"iin", kDemoMoverChildIin}, {"relation", "child"}}})}};
}

json CommissionMembers() {
  return json::array({"Ахметов Серік Болатұлы", "Иванова Анна Петровна", "Нұрланов Ерік Маратұлы"});
}

// 7.1: a year from this month, the rent subsidy a month.
Expected<json> SocialContract(DemoCase& c) {
  const Date today = c.Today();
  const Date ends_on{(today.year() / today.month() + months(kRelocationTermMonths - 1)) /
                     std::chrono::last};
  return json{{"contract_number", "СК-" + std::to_string(static_cast<int>(today.year())) + "-001"},
              {"ends_on", FormatDate(ends_on)},
              {"monthly_rent", Money(kRentTiyn)}};
}

Expected<json> ConditionsMet(DemoCase& c) {
  return json{{"checked_on", FormatDate(c.Today())},
              {"findings",
               "Отбасы Петропавлда тұрады, өтініш беруші «Петропавл Агро»-да жұмыс "
               "істейді / Семья проживает в Петропавловске, заявитель работает в ТОО "
               "«Петропавл Агро»"}};
}

}  // namespace

ProgrammesDemo::ProgrammesDemo(DemoTimeline& timeline, Instant now) : timeline_(timeline) {
  PlanSubsidisedJobs(now);
  PlanRouteA(now);
  PlanRefusedRouteB(now);
}

std::shared_ptr<const Office> ProgrammesDemo::DemoOffice(const std::string& id) {
  auto office = timeline_.services().cases.offices().Find(id);
  if (!office) missing_ = "the demo office " + id + " is not loaded";
  return office;
}

// P2, filed on the 8th working day three months back (its list decided clear of the P3 case's
// month-start work).
void ProgrammesDemo::PlanSubsidisedJobs(Instant now) {
  const auto office = DemoOffice("kzo-city");
  if (!office) return;
  subsidised_jobs_ = &timeline_.Add(
      office, kSubsidisedJobs,
      {
          {"check_application", Completes("employers", "checked", NextWorkingDay(11))},
          {"enter_remark", Completes("employers", "entered", SameDay(14),
                                     [](DemoCase&) -> Expected<json> {
                                       return json{
                                           {"remark",
                                            "Өтінім толық, жұмыс берушінің берешегі жоқ / "
                                            "Заявка полная, задолженностей у работодателя нет"}};
                                     })},
          {"consult", Completes("employers", "consulted", NextWorkingDay(11))},
          {"send_for_review", Completes("employers", "sent", SameDay(15))},
          {"enter_decision", DecidesOnList("employers", "head", SameDay(16))},
          {"enter_contract_details",
           Completes("employers", "entered", NextWorkingDay(10), SubsidisedContract)},
          {"head_signs", Signs("head", "signed", NextWorkingDay(11))},
          {"employer_signs", Signs("employer", "signed", NextWorkingDay(10))},
          {"publish_vacancy",
           Completes("employer", "submitted", NextWorkingDay(10), SubsidisedVacancy)},
      });
  DemoCase& c = *subsidised_jobs_;
  const Date today = c.DateOf(now);
  c.FileAt(c.At(c.NthWorkingDay(today.year() / today.month() - months(3), 8), 10),
           FromCabinet("employer", SubsidisedJobsApplication()));
}

// P1 route A, filed on the 6th working day four months back. The departure steps are
// Kyzylorda's, from 6.1 on Petropavl's (both on UTC+5, so the case's days are the same).
void ProgrammesDemo::PlanRouteA(Instant now) {
  const auto office = DemoOffice("kzo-city");
  if (!office) return;
  const auto commission_answer = [this](DemoCase& c) -> Expected<json> {
    commission_on_ = FormatDate(c.Today());
    return json{{"protocol_number", "14"}, {"decided_on", commission_on_}};
  };
  const auto commission_record = [this](DemoCase&) -> Expected<json> {
    return json{{"protocol_number", "14"},
                {"decided_on", commission_on_},
                {"members", CommissionMembers()}};
  };
  route_a_ = &timeline_.Add(
      office, kRelocation,
      {
          {"accept_departure_application", Completes("employment", "accepted", SameDay(12))},
          {"review_departure", Completes("employment", "compliant", NextWorkingDay(11))},
          {"send_to_regional_commission", Completes("employment", "sent", NextWorkingDay(10))},
          {"await_regional_commission",
           Completes("employment", "included", WorkingDaysLater(10, 15), commission_answer)},
          {"notify_employers", Completes("employment", "notified", NextWorkingDay(10))},
          {"receive_candidates", Completes("pet-employment", "received", WorkingDaysLater(2, 11))},
          {"notify_readiness", Completes("pet-employment", "notified", SameDay(15))},
          {"accept_arrival_documents",
           Completes("pet-employment", "accepted", WorkingDaysLater(8, 10))},
          {"enter_card_a", Completes("pet-employment", "entered", SameDay(12))},
          {"enter_commission_decision_a",
           Completes("pet-employment", "entered", NextWorkingDay(10), commission_record)},
          {"draw_up_contract_a",
           Completes("pet-employment", "drawn_up", NextWorkingDay(11), SocialContract)},
          {"head_signs_a", Signs("pet-head", "signed", NextWorkingDay(10))},
          {"job_seeker_signs_a", Signs("mover", "signed", SameDay(18))},
          {"employer_signs_a", Signs("employer-nko", "signed", NextWorkingDay(11))},
          {"record_contract_a", Completes("pet-employment", "entered", SameDay(15))},
          {"pay_assistance_a", Completes("pet-head", "ordered", NextWorkingDay(11))},
          {"check_conditions_a",
           Completes("pet-employment", "conditions_met", WorkingDaysLater(4, 11), ConditionsMet)},
          {"pay_rent_a", Completes("pet-head", "ordered", NextWorkingDay(12))},
      });
  DemoCase& c = *route_a_;
  const Date today = c.DateOf(now);
  c.FileAt(c.At(c.NthWorkingDay(today.year() / today.month() - months(4), 6), 10),
           AtTheCounter("clerk", kDemoMoverIin, RouteAApplication));
}

// P1 route B at Petropavl, filed on the 10th working day two months back and refused at the
// check: the applicant's documents do not meet the conditions.
void ProgrammesDemo::PlanRefusedRouteB(Instant now) {
  const auto office = DemoOffice("nko-petropavl");
  if (!office) return;
  route_b_ = &timeline_.Add(
      office, kRelocation,
      {
          {"accept_arrival_application", Completes("pet-employment", "accepted", SameDay(14))},
          {"check_arrival",
           Completes("pet-employment", "non_compliant", NextWorkingDay(11),
                     [](DemoCase&) -> Expected<json> {
                       return json{{"grounds", json::array({"conditions_not_met"})}};
                     })},
      });
  DemoCase& c = *route_b_;
  const Date today = c.DateOf(now);
  c.FileAt(c.At(c.NthWorkingDay(today.year() / today.month() - months(2), 10), 11),
           AtTheCounter("pet-clerk", kRouteBApplicant, [](DemoCase&) -> Expected<json> {
             return json{{"route", "arrival"}, {"family_members", json::array()}};
           }));
}

DemoCaseResult ProgrammesDemo::ResultOf(const DemoCase* c, const std::string& missing) const {
  DemoCaseResult result;
  if (!c) {
    result.stopped = missing;
    return result;
  }
  result.stopped = c->stopped().empty() ? timeline_.stopped() : c->stopped();
  result.case_id = c->id();
  if (result.case_id == 0) return result;
  const auto& d = timeline_.services();
  if (auto detail = d.cases.Load(result.case_id)) {
    result.case_number = detail->kase.number;
    result.status = detail->kase.status;
    result.office = detail->kase.office_id;
  }
  payments::OrderFilter of_case;
  of_case.offices = {"kzo-city", "nko-petropavl"};
  of_case.case_id = result.case_id;
  if (auto orders = d.payments.List(of_case)) result.orders = static_cast<int>(orders->size());
  return result;
}

ProgrammesDemoResult ProgrammesDemo::Result() const {
  return {ResultOf(subsidised_jobs_, missing_), ResultOf(route_a_, missing_),
          ResultOf(route_b_, missing_)};
}

}  // namespace jumys::demo
