#pragma once
// The demo's cases (`serve --demo`) run through the engine's own services as their users would,
// on one clock moved forward from months ago to today. Each case is a table of plays: for each
// step id, when its user does it (from the time the case's previous step was done, or its task
// opened) and what they do. The timeline always does next whatever of all its cases comes
// first: a case's open task by its play, something a case's staff do besides their tasks (the
// registry's month, say), a case's filing, or the engine's next timer, which the sweeper fires
// five minutes after it falls due. Nothing is done at or after `now`: what is due later stays
// open. A case the engine refuses, or one whose open task has no play, stops there with the
// reason; the others go on.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_results.h"
#include "engine/case_service.h"
#include "engine/decision_lists.h"
#include "security/accounts.h"
#include "security/challenges.h"
#include "security/dev_ca.h"
#include "services/documents/document_service.h"
#include "services/payments/payment_service.h"
#include "services/special_workplaces/special_workplaces_hooks.h"
#include "storage/database.h"

namespace jumys::demo {

// What the demo's users work with, and the clock they all read.
struct DemoServices {
  storage::Database& db;
  CaseService& cases;
  DecisionListService& lists;
  documents::DocumentService& documents;
  payments::PaymentService& payments;
  special_workplaces::DisabilityRecords& disabilities;
  const Accounts& accounts;
  Challenges& challenges;
  const CalendarService& calendar;
  std::filesystem::path dev_ca;            // key files that sign as the demo accounts
  std::function<void(Instant)> set_clock;  // moves the clock every service above reads
  std::function<Status()> sweep;           // the background sweeper's pass, at that clock
};

// An office's days and hours on the national calendar.
class OfficeDays {
 public:
  OfficeDays(std::shared_ptr<const Office> office, const CalendarService& calendar)
      : office_(std::move(office)), calendar_(calendar) {}

  const Office& office() const { return *office_; }
  Date DateOf(Instant at) const { return OfficeDate(*office_, at); }
  Instant At(Date day, int hour, int minute = 0) const;
  bool Working(Date day) const;
  Date Shift(Date day, int working_days) const;
  Date OnOrAfter(Date day) const;
  Date NthWorkingDay(std::chrono::year_month month, int n) const;
  // Working days of the month after `after` (every one when it is before the month).
  int WorkingDaysOf(std::chrono::year_month month, std::optional<Date> after = std::nullopt) const;

 private:
  std::shared_ptr<const Office> office_;
  const CalendarService& calendar_;
};

class DemoCase;
class DemoClock;
class DemoTimeline;

// How one step is done: when, and what its user does.
using When = std::function<Instant(const DemoCase&, const TaskRow&)>;
struct Play {
  When when;
  std::function<Status(DemoCase&, const TaskRow&)> act;
};
using Plays = std::map<std::string, Play>;

// One case on the timeline, worked at its office's days and hours.
class DemoCase : public OfficeDays {
 public:
  using Filing = std::function<Expected<std::int64_t>(DemoCase&)>;

  DemoCase(DemoTimeline& timeline, std::shared_ptr<const Office> office, std::string process,
           Plays plays);

  // Filed at `at` by `file`, which returns the case's id.
  void FileAt(Instant at, Filing file);
  // What the case's staff do at `at` besides its tasks.
  void Also(Instant at, std::function<Status(DemoCase&)> act);

  // The case's own time: when its last step was done or its open task opened, and while a play
  // acts the clock's.
  Instant last() const { return since_; }
  Date Today() const { return DateOf(since_); }
  std::int64_t id() const { return id_; }
  const std::string& process() const { return process_; }
  // Why the case stopped short of today, "" when it did not.
  const std::string& stopped() const { return stopped_; }

  const DemoServices& services() const;
  // Moves the clock (and this case's time) forward to `t`; at or after `now` the demo is over.
  Status MoveTo(Instant t);
  bool over() const;
  Expected<Actor> As(const std::string& login);
  // An EDS signature as the account's key file makes it, base64 as the API carries it.
  Expected<std::string> SignAs(const std::string& login, std::string_view content);
  Status Complete(const std::string& login, std::int64_t task_id, const std::string& outcome,
                  const nlohmann::json& data, const TaskSignatures& signature = {});
  Status CompleteSigned(const std::string& login, std::int64_t task_id, const std::string& outcome);

 private:
  friend class DemoTimeline;
  struct Next {
    Instant at;
    std::function<Status()> run;  // none: only the sweeper's pass at `at`
  };
  // What the case does next, none when it waits on nothing or has stopped.
  std::optional<Next> Upcoming();

  DemoTimeline& timeline_;
  std::string process_;
  Plays plays_;
  std::optional<std::pair<Instant, Filing>> filing_;
  std::multimap<Instant, std::function<Status(DemoCase&)>> also_;
  std::int64_t id_ = 0;
  Instant done_{};   // when its last step was done
  Instant since_{};  // see last()
  std::string stopped_;
};

// The clock the demo moves forward from months ago and never to `now` or after, and the demo
// accounts as its users, signing with the development CA's key files.
class DemoClock {
 public:
  DemoClock(const DemoServices& services, Instant now);
  DemoClock(const DemoClock&) = delete;
  DemoClock& operator=(const DemoClock&) = delete;

  const DemoServices& services() const { return d_; }
  Instant at() const { return at_; }
  Instant now() const { return now_; }
  bool over() const { return over_; }
  // Moves the clock to `t` and runs the sweeper's pass there; at or after `now` the demo is over.
  Status MoveTo(Instant t);
  Expected<Actor> As(const std::string& login);
  // An EDS signature as the account's key file makes it, base64 as the API carries it.
  Expected<std::string> SignAs(const std::string& login, std::string_view content);
  Status Complete(const std::string& login, std::int64_t task_id, const std::string& outcome,
                  const nlohmann::json& data, const TaskSignatures& signature = {});
  // A signing step: the signer fetches the draft the task signs and signs its bytes.
  Status CompleteSigned(const std::string& login, std::int64_t task_id, const std::string& outcome);
  // Leaves the clock at `now`, as the sweeper will find it, and sweeps.
  Status LeaveAtNow();

 private:
  const DemoServices& d_;
  const Instant now_;
  DevCaSigner signer_;
  std::map<std::string, Actor> actors_;
  Instant at_{};
  bool over_ = false;
};

class DemoTimeline : public DemoClock {
 public:
  DemoTimeline(const DemoServices& services, Instant now) : DemoClock(services, now) {}

  // A case worked at `office` by `plays`; the reference lives as long as the timeline.
  DemoCase& Add(std::shared_ptr<const Office> office, std::string process, Plays plays);
  // Does everything the cases have before `now`, then leaves the clock at `now` and sweeps.
  void Run();
  // Why the sweeper failed, which stops every case; "" when it did not.
  const std::string& stopped() const { return stopped_; }

 private:
  std::vector<std::unique_ptr<DemoCase>> cases_;
  std::string stopped_;
};

// The engine's refusal as the demo's result reports it.
std::string Why(const Error& error);

// When a step is done: that day at `hour` (at least an hour after the case's time), the next
// working day, `n` working days later.
When SameDay(int hour);
When NextWorkingDay(int hour);
When WorkingDaysLater(int n, int hour);

// What a step's user does: completes it with `outcome` and the values `data` gives.
Play Completes(const char* login, const char* outcome, When when,
               std::function<Expected<nlohmann::json>(DemoCase&)> data = nullptr);
// A signing step: the signer fetches the draft the task signs and signs its bytes.
Play Signs(const char* login, const char* outcome, When when);
// A step decided on a list (decided_on_list): the specialist submits the office's open list of
// the case's process, the head decides it two working days later (`outcome`, with `grounds` when
// it refuses) and the specialist records the decisions that afternoon.
Play DecidesOnList(const char* specialist, const char* head, When when,
                   std::string outcome = "approved", std::vector<std::string> grounds = {});

// The employer's portal filing, signed over a challenge as the cabinet does.
DemoCase::Filing FromCabinet(const char* login, nlohmann::json data);

// The amount the case's draft contract proposes.
Expected<std::int64_t> ProposedAmount(DemoCase& c);

nlohmann::json Money(std::int64_t tiyn);
std::string MonthText(std::chrono::year_month m);

}  // namespace jumys::demo
