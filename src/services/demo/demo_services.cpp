#include "services/demo/demo_services.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "core/limit.h"
#include "services/demo/demo_data.h"
#include "storage/repositories/repositories.h"

namespace jumys::demo {
namespace {

using nlohmann::json;
using std::chrono::minutes;

constexpr const char* kCity = "kzo-city";
constexpr const char* kOblast = "kzo-oblast";
constexpr const char* kSyrQurylys = "150340004568";  // a demo employer (demo_data.cpp)
constexpr const char* kAnswer = "placement";         // a scene's employer answering a referral

// How a person leaves the register of the unemployed (U1), after the visits they attend.
enum class Leaves { kNever, kMissesAVisit, kFoundWork };

struct Person {
  const char* iin;
  const char* surname;
  const char* given_name;
  const char* patronymic;
  const char* birth_date;
  const char* sex;
  const char* phone;
  // The S3 review's outcome, and for a referral outside the vacancy bank where to.
  const char* referral;
  const char* employer;
  const char* position;
  int visits = 0;  // attended before leaving
  Leaves leaves = Leaves::kNever;
};

constexpr Person kPeople[] = {
    {"870314301005", "Сәрсенбаев", "Дархан", "Ержанұлы", "1987-03-14", "male", "+7 705 100 0011",
     "refer_employment", "", ""},
    {"910726401071", "Қасымова", "Әсем", "Болатқызы", "1991-07-26", "female", "+7 705 100 0012",
     "refer_employment", "", ""},
    {"830209301146", "Өтепов", "Мұрат", "Сабитұлы", "1983-02-09", "male", "+7 705 100 0013",
     "refer_public_works", "Қызылорда қаласы әкімдігінің «Тазалық» КМК / ГКП «Тазалык»",
     "Көгалдандыру жұмысшысы / Рабочий по озеленению"},
    {"030518501210", "Бекжанов", "Нұрсұлтан", "Арманұлы", "2003-05-18", "male", "+7 705 100 0014",
     "refer_youth_practice", "«Сыр Құрылыс» ЖШС / ТОО «Сыр Курылыс»",
     "Инженер-құрылысшының көмекшісі / Помощник инженера-строителя"},
    {"960111401285", "Ибраева", "Гүлжан", "Серікқызы", "1996-01-11", "female", "+7 705 100 0015",
     "refer_social_jobs", "«Арал Балық» ЖШС / ТОО «Арал Балык»", "Қаптаушы / Упаковщик"},
    {"790930301354", "Ким", "Виктор", "Андреевич", "1979-09-30", "male", "+7 705 100 0016", "", "",
     "", 1, Leaves::kMissesAVisit},
    {"890604301421", "Шәкенов", "Ермек", "Қайратұлы", "1989-06-04", "male", "+7 705 100 0017", "",
     "", "", 1, Leaves::kFoundWork},
    {"990821401499", "Нұрланова", "Аружан", "Бауыржанқызы", "1999-08-21", "female",
     "+7 705 100 0018", "refuse", "", ""},
};

// What is filed (or answered), by whom, how many working days before today and at what hour.
struct Scene {
  int working_days_ago;
  int hour;
  const char* process;
  const char* applicant;    // an IIN of kPeople, or the BIN of S4a
  const char* answer = "";  // kAnswer: "hired" or why not
};

constexpr Scene kScenes[] = {
    {64, 10, "job-seeker-registration", "790930301354"},
    {63, 10, "job-seeker-registration", "890604301421"},
    {62, 10, "job-seeker-registration", "870314301005"},
    {62, 15, "unemployed-registration", "790930301354"},
    {61, 10, "job-seeker-registration", "910726401071"},
    {61, 15, "unemployed-registration", "890604301421"},
    {60, 11, "job-seeker-registration", "830209301146"},
    {60, 15, "unemployed-registration", "870314301005"},
    {59, 15, "unemployed-registration", "910726401071"},
    {58, 10, "job-seeker-registration", "030518501210"},
    {58, 15, "unemployed-registration", "830209301146"},
    {57, 11, "job-seeker-registration", "960111401285"},
    {56, 15, "unemployed-registration", "030518501210"},
    {55, 15, "unemployed-registration", "960111401285"},
    {40, 10, "job-seeker-registration", "990821401499"},
    {35, 10, "active-measures-referral", "990821401499"},
    {30, 10, "foreign-labour-permit", kSyrQurylys},
    {20, 10, "active-measures-referral", "030518501210"},
    {15, 11, "active-measures-referral", "960111401285"},
    {10, 10, "active-measures-referral", "830209301146"},
    {2, 10, "active-measures-referral", "870314301005"},
    {2, 11, "active-measures-referral", "910726401071"},
    {1, 15, kAnswer, "870314301005", "hired"},
    {1, 16, kAnswer, "910726401071", "did_not_come"},
};

// S4a: «Сыр Құрылыс» asks for three skilled workers for a year.
json PermitApplication() {
  return {{"consent", true},   {"category", 4},         {"workers", 3},
          {"occupation", "7"}, {"region", "431010000"}, {"term_months", 12}};
}
constexpr const char* kPermitDocuments[] = {"application", "local_content_information",
                                            "worker_education_documents",
                                            "worker_experience_documents"};

// Who of the demo's staff works a task of a role at an office.
const char* StaffFor(const std::string& office, Role role) {
  static const std::map<std::pair<std::string, Role>, const char*> staff = {
      {{kCity, Role::kOfficeClerk}, "clerk"},
      {{kCity, Role::kHead}, "head"},
      {{kCity, Role::kExecutor}, "executor"},
      {{kCity, Role::kEmploymentSpecialist}, "employment"},
      {{kOblast, Role::kOfficeClerk}, "oblast-clerk"},
      {{kOblast, Role::kHead}, "oblast-head"},
      {{kOblast, Role::kExecutor}, "oblast-executor"},
      {{kOblast, Role::kCommissionSecretary}, "commission"},
  };
  const auto it = staff.find({office, role});
  return it == staff.end() ? nullptr : it->second;
}

const Person* PersonOf(const std::string& iin) {
  for (const Person& p : kPeople) {
    if (iin == p.iin) return &p;
  }
  return nullptr;
}

class Run;
// When a task is done, from when it was opened; none: left to its timer.
using Timing = std::function<std::optional<Instant>(const Run&, const TaskRow&)>;
// What its user does.
using Act = std::function<Status(Run&, const CaseRow&, const TaskRow&, const std::string& login)>;
struct Step {
  Timing when;
  Act act;
};
const std::map<std::string, Step>& Steps();

// The driver: its own clock (DemoClock), at the city centre's days and hours.
class Run : public OfficeDays, public DemoClock {
 public:
  Run(const ServicesDemo& demo, Instant now, std::shared_ptr<const Office> office)
      : OfficeDays(std::move(office), demo.services.calendar),
        DemoClock(demo.services, now),
        d_(demo) {}

  ServicesDemoResult Go();

  const ServicesDemo& demo() const { return d_; }
  Instant last() const { return at(); }
  Date Today() const { return DateOf(at()); }
  int attended(const std::string& iin) const {
    const auto it = attended_.find(iin);
    return it == attended_.end() ? 0 : it->second;
  }
  void Attended(const std::string& iin) { ++attended_[iin]; }
  Instant Opened(const TaskRow& task) const {
    const auto at = ParseRfc3339(task.created_at);
    return at ? *at : last();
  }

 private:
  using Agenda = std::multimap<Instant, std::function<Status()>>;
  Status People();
  Status File(const Scene& scene);
  Status Answer(const Scene& scene);
  // Puts the case's open tasks that have a play on the agenda, each once.
  Status Schedule(std::int64_t case_id);
  // The day's first pass: the attendance cases S2 started, and what has opened meanwhile.
  Status Tick();
  Status Do(const TaskRow& task, const std::string& login, const Act& act);

  const ServicesDemo& d_;
  Agenda agenda_;
  std::set<std::int64_t> cases_, scheduled_;
  std::map<std::string, std::int64_t> referrals_;  // IIN -> S3 case
  std::map<std::string, int> attended_;
  std::int64_t permit_case_ = 0;
  ServicesDemoResult result_;
};

// When a step is done.
Timing MinutesLater(int n) {
  return [n](const Run& r, const TaskRow& task) -> std::optional<Instant> {
    return r.Opened(task) + minutes(n);
  };
}
// A counter step done in three quarters of its limit in minutes, as a centre mostly is on time;
// in `otherwise` minutes when its limit is not in minutes.
Timing WithinLimit(int otherwise) {
  return [otherwise](const Run& r, const TaskRow& task) -> std::optional<Instant> {
    const auto limit = ParseLimit(task.limit);
    const bool in_minutes = limit && limit->unit == Limit::kMinutes;
    return r.Opened(task) + minutes(in_minutes ? std::max(1, limit->amount * 3 / 4) : otherwise);
  };
}
Timing WorkingDaysAfter(int n, int hour) {
  return [n, hour](const Run& r, const TaskRow& task) -> std::optional<Instant> {
    return r.At(r.Shift(r.DateOf(r.Opened(task)), n), hour);
  };
}

Act Does(const char* outcome, std::function<json(Run&, const CaseRow&)> data = nullptr) {
  return [outcome, data = std::move(data)](Run& r, const CaseRow& kase, const TaskRow& task,
                                           const std::string& login) -> Status {
    return r.Complete(login, task.id, outcome, data ? data(r, kase) : json::object());
  };
}
Act SignsDraft() {
  return [](Run& r, const CaseRow&, const TaskRow& task, const std::string& login) -> Status {
    return r.CompleteSigned(login, task.id, "signed");
  };
}

// The head appoints the office's executor.
json Appointee(Run&, const CaseRow& kase) {
  return {{"assignee", kase.office_id == kOblast ? "oblast-executor" : "executor"}};
}

// A referral is valid for ten working days.
std::string ValidUntil(const Run& r) { return FormatDate(r.Shift(r.Today(), 10)); }

// S3 6.4 to a vacancy: the demo employer's published one in the city with the most free
// workplaces, published before now (the bank's vacancies date from the last weeks).
Expected<json> VacancyReferral(Run& r) {
  json data;
  JUMYS_TRY(r.services().db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT v.id, v.title, e.name FROM vacancies v JOIN employers e ON e.bin = "
                 "v.employer_bin WHERE v.employer_bin = $1 AND v.office_id = $2 AND v.status = "
                 "'published' AND v.relevant_since <= $3 AND v.workplaces_filled < v.workplaces "
                 "ORDER BY v.workplaces - v.workplaces_filled DESC, v.id",
                 {kDemoEmployerBin, kCity, FormatRfc3339(r.last())}));
    if (rows.empty()) return {};
    data = {{"vacancy_id", rows.Int(0, 0)},
            {"position", rows.Text(0, 1)},
            {"employer_name", rows.Text(0, 2)},
            {"valid_until", ValidUntil(r)}};
    return {};
  }));
  if (data.is_null()) return Error::Internal("demo: the demo employer has no vacancy to refer to");
  return data;
}

// 6.4: S1 and S2 approve; S3 decides the person's referral, or the refusal.
Status Review(Run& r, const CaseRow& kase, const TaskRow& task, const std::string& login) {
  if (kase.process != "active-measures-referral")
    return r.Complete(login, task.id, "approve", json::object());
  const Person* person = PersonOf(kase.applicant_iin);
  if (!person || !*person->referral) {
    return Error::Internal("demo: no referral for the applicant of " + kase.number);
  }
  const std::string outcome = person->referral;
  json data;
  if (outcome == "refuse") {
    data = {{"grounds", {"requirements_not_met"}}};
  } else if (outcome == "refer_employment") {
    JUMYS_ASSIGN_OR_RETURN(data, VacancyReferral(r));
  } else {
    data = {{"employer_name", person->employer},
            {"position", person->position},
            {"valid_until", ValidUntil(r)}};
  }
  return r.Complete(login, task.id, outcome, data);
}

// U1: the person comes on the working day after the visit opens, until they leave the register:
// one stops coming (the visit's timer takes them off), one comes to say they found work.
std::optional<Instant> VisitDay(const Run& r, const TaskRow& task) {
  const auto kase = r.services().cases.Load(task.case_id);
  const Person* person = kase ? PersonOf(kase->kase.applicant_iin) : nullptr;
  if (!person) return std::nullopt;
  if (person->leaves == Leaves::kMissesAVisit && r.attended(person->iin) >= person->visits) {
    return std::nullopt;
  }
  return r.At(r.Shift(r.DateOf(r.Opened(task)), 1), 11);
}
Status Visit(Run& r, const CaseRow& kase, const TaskRow& task, const std::string& login) {
  const Person* person = PersonOf(kase.applicant_iin);
  if (!person) return Error::Internal("demo: a visit of no demo person in " + kase.number);
  if (person->leaves == Leaves::kFoundWork && r.attended(person->iin) >= person->visits) {
    return r.Complete(
        login, task.id, "employed",
        {{"employed_on", FormatDate(r.Shift(r.Today(), -3))}, {"employer", kSyrQurylys}});
  }
  r.Attended(person->iin);
  return r.Complete(login, task.id, "attended", json::object());
}

// S4a 6.5: the member votes to grant, the secretary records the recommendation.
Status Recommend(Run& r, const CaseRow& kase, const TaskRow& task, const std::string& login) {
  JUMYS_ASSIGN_OR_RETURN(auto member, r.As("member"));
  JUMYS_TRY(r.demo().commissions.Vote(member, kase.id, {"grant", ""}));
  return r.Complete(login, task.id, "recommend_grant",
                    {{"reasons",
                      "Жергілікті қамту туралы мәліметтер ұсынылған / Сведения о "
                      "местном содержании представлены"}});
}

// S4a 6.8: the employer brings the receipt of the fee it paid the day before.
json FeePaid(Run& r, const CaseRow&) {
  return {{"payment",
           {{"document_number", "ПП-004417"},
            {"paid_on", FormatDate(r.Shift(r.Today(), -1))},
            {"amount", {{"amount", 13'764'000}, {"currency", "KZT"}}}}}};
}

// Step id -> when and what its user does (who: the task's role at its office).
const std::map<std::string, Step>& Steps() {
  static const std::map<std::string, Step> plays = {
      {"register", {WithinLimit(15), Does("accepted")}},
      {"assign", {WithinLimit(20), Does("assigned", Appointee)}},
      {"review", {WithinLimit(30), Review}},
      {"sign", {WithinLimit(20), SignsDraft()}},
      {"hand_over", {WithinLimit(15), Does("handed_over")}},
      {"visit", {VisitDay, Visit}},
      {"submit_to_commission", {WorkingDaysAfter(1, 10), Does("submitted")}},
      {"commission_review", {WorkingDaysAfter(2, 15), Recommend}},
      {"prepare_notice", {WorkingDaysAfter(1, 10), Does("grant")}},
      {"sign_notice", {MinutesLater(40), SignsDraft()}},
      {"send_notice", {MinutesLater(30), Does("notified")}},
      {"await_fee", {WorkingDaysAfter(3, 11), Does("fee_paid", FeePaid)}},
      {"sign_permit", {WorkingDaysAfter(1, 10), SignsDraft()}},
      {"await_collection", {WorkingDaysAfter(1, 11), Does("collected")}},
  };
  return plays;
}

Status Run::People() {
  const std::string at = FormatRfc3339(last());
  return d_.services.db.Write([&](storage::Tx& tx) -> Status {
    for (const Person& p : kPeople) {
      JUMYS_TRY(storage::UpsertPerson(tx,
                                      {p.iin, p.surname, p.given_name, p.patronymic, p.birth_date,
                                       p.sex, kCity, p.phone, "Қызылорда қ.", "", ""},
                                      at));
    }
    return {};
  });
}

// The clerk of the office files the application brought in.
Status Run::File(const Scene& scene) {
  const bool permit = std::string(scene.process) == "foreign-labour-permit";
  CaseService::StartRequest start;
  start.process = scene.process;
  start.channel = Channel::kOffice;
  if (permit) {
    start.applicant_bin = scene.applicant;
    start.data = PermitApplication();
    for (const char* type : kPermitDocuments) start.documents.push_back({type, std::nullopt});
  } else {
    start.applicant_iin = scene.applicant;
    const Date identity_valid{std::chrono::sys_days{Today()} + std::chrono::days(5 * 365)};
    start.documents = {{"application", std::nullopt}, {"identity_document", identity_valid}};
  }
  JUMYS_ASSIGN_OR_RETURN(auto clerk, As(permit ? "oblast-clerk" : "clerk"));
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t id, d_.services.cases.Start(clerk, start));
  ++result_.cases;
  cases_.insert(id);
  if (permit) permit_case_ = id;
  if (std::string(scene.process) == "active-measures-referral") referrals_[scene.applicant] = id;
  return Schedule(id);
}

// The employer answers the referral to its vacancy in the cabinet.
Status Run::Answer(const Scene& scene) {
  const auto referral = referrals_.find(scene.applicant);
  if (referral == referrals_.end()) return Error::Internal("demo: no referral to answer");
  JUMYS_ASSIGN_OR_RETURN(auto employer, As("employer"));
  placements::PlacementQuery query;
  query.case_id = referral->second;
  JUMYS_ASSIGN_OR_RETURN(auto found, d_.placements.List(employer, query));
  if (found.empty()) return Error::Internal("demo: the referral names no vacancy");
  placements::PlacementAnswer answer;
  answer.hired = std::string(scene.answer) == "hired";
  if (answer.hired) {
    answer.hired_on = FormatDate(Today());
  } else {
    answer.reason = scene.answer;
  }
  JUMYS_TRY(d_.placements.Answer(employer, found.front().row.id, std::move(answer)));
  ++result_.placements;
  return {};
}

Status Run::Schedule(std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto detail, d_.services.cases.Load(case_id));
  for (const TaskRow& task : detail.tasks) {
    if (!task.open() || !task.role || scheduled_.contains(task.id)) continue;
    if (task.kind != StepKind::kUser && task.kind != StepKind::kWait) continue;
    const auto play = Steps().find(task.step);
    if (play == Steps().end()) {
      return Error::Internal("the demo has no play for step " + task.step);
    }
    const char* login = StaffFor(task.office_id, *task.role);
    if (!login) return Error::Internal("the demo has no staff for step " + task.step);
    scheduled_.insert(task.id);
    const auto at = play->second.when(*this, task);
    if (!at) continue;
    agenda_.emplace(*at, [this, task, login = std::string(login), act = play->second.act]() {
      return Do(task, login, act);
    });
  }
  return {};
}

Status Run::Do(const TaskRow& task, const std::string& login, const Act& act) {
  JUMYS_ASSIGN_OR_RETURN(auto detail, d_.services.cases.Load(task.case_id));
  JUMYS_TRY(act(*this, detail.kase, task, login));
  ++result_.tasks;
  return Schedule(task.case_id);
}

Status Run::Tick() {
  JUMYS_TRY(d_.services.db.Read([&](storage::Tx& tx) -> Status {
    for (const Person& p : kPeople) {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT id FROM cases WHERE process = "
                              "'unemployed-attendance' AND status = 'open' AND applicant_iin = $1",
                              {std::string(p.iin)}));
      for (std::size_t i = 0; i < rows.size(); ++i) cases_.insert(rows.Int(i, 0));
    }
    return {};
  }));
  for (auto it = cases_.begin(); it != cases_.end();) {
    JUMYS_ASSIGN_OR_RETURN(auto detail, d_.services.cases.Load(*it));
    if (detail.kase.status != kCaseOpen) {
      it = cases_.erase(it);
      continue;
    }
    JUMYS_TRY(Schedule(*it++));
  }
  return {};
}

ServicesDemoResult Run::Go() {
  const Date today = DateOf(now());
  int earliest = 0;
  for (const Scene& s : kScenes) {
    earliest = std::max(earliest, s.working_days_ago);
    const Date day = Shift(today, -s.working_days_ago);
    agenda_.emplace(At(day, s.hour), [this, &s]() {
      return s.process == std::string(kAnswer) ? Answer(s) : File(s);
    });
  }
  // The centre opens: the day's first look at the attendance schedules.
  for (Date day = Shift(today, -earliest); day <= today; day = Shift(day, 1)) {
    agenda_.emplace(At(day, 9), [this]() { return Tick(); });
  }
  Status done = [&]() -> Status {
    JUMYS_TRY(MoveTo(At(Shift(today, -earliest), 8)));
    JUMYS_TRY(People());
    while (!agenda_.empty() && !over()) {
      auto next = agenda_.extract(agenda_.begin());
      JUMYS_TRY(MoveTo(next.key()));
      if (over()) break;
      JUMYS_TRY(next.mapped()());
    }
    return {};
  }();
  if (!done) result_.stopped = Why(done.error());
  // Today, as the sweeper will find it.
  if (auto swept = LeaveAtNow(); !swept && result_.stopped.empty()) {
    result_.stopped = Why(swept.error());
  }
  if (permit_case_ != 0) {
    (void)d_.services.db.Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT number FROM permits WHERE case_id = $1", {permit_case_}));
      if (!rows.empty()) result_.permit = rows.Text(0, 0);
      return {};
    });
  }
  return result_;
}

}  // namespace

ServicesDemoResult SeedDemoServices(const ServicesDemo& demo, Instant now) {
  const auto office = demo.services.cases.offices().Find(kCity);
  if (!office) {
    ServicesDemoResult none;
    none.stopped = "the demo office kzo-city is not loaded";
    return none;
  }
  Run run(demo, now, office);
  return run.Go();
}

}  // namespace jumys::demo
