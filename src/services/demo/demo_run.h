#pragma once
// What the demo's case drivers (demo_special_workplaces.h, demo_services.h) share: the engine
// they drive as its users would, the office's calendar, the clock moved forward from months ago
// and never to `now` or after, the demo accounts as actors, and their EDS signatures made with
// the development CA's key files.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_results.h"
#include "engine/case_service.h"
#include "security/accounts.h"
#include "security/dev_ca.h"
#include "services/documents/document_service.h"
#include "storage/database.h"

namespace jumys::demo {

struct DemoEngine {
  storage::Database& db;
  CaseService& cases;
  documents::DocumentService& documents;
  const Accounts& accounts;
  const CalendarService& calendar;
  std::filesystem::path dev_ca;            // key files that sign as the demo accounts
  std::function<void(Instant)> set_clock;  // moves the clock every service above reads
  std::function<Status()> sweep;           // the background sweeper's pass, at that clock
};

class DemoRun {
 public:
  DemoRun(DemoEngine engine, Instant now, const Office& office);

  const DemoEngine& engine() const { return e_; }

  // The office's calendar and clock.
  Instant last() const { return at_; }
  Instant now() const { return now_; }
  Date Today() const { return OfficeDate(office_, at_); }
  Date DateOf(Instant at) const { return OfficeDate(office_, at); }
  Instant At(Date day, int hour, int minute = 0) const;
  bool Working(Date day) const;
  Date Shift(Date day, int working_days) const;
  Date OnOrAfter(Date day) const;
  Date NthWorkingDay(std::chrono::year_month month, int n) const;

  // Moves the clock to `t` and runs the sweeper's pass there; at or after `now` the demo is over.
  Status MoveTo(Instant t);
  bool over() const { return over_; }

  Expected<Actor> As(const std::string& login);
  // An EDS signature as the account's key file makes it, base64 as the API carries it.
  Expected<std::string> SignAs(const std::string& login, std::string_view content);
  Status Complete(const std::string& login, std::int64_t task_id, const std::string& outcome,
                  const nlohmann::json& data, const TaskSignatures& signature = {});
  // A signing step: the signer fetches the draft the task signs and signs its bytes.
  Status CompleteSigned(const std::string& login, std::int64_t task_id, const std::string& outcome);

 private:
  DemoEngine e_;
  const Instant now_;
  const Office& office_;
  DevCaSigner signer_;
  std::map<std::string, Actor> actors_;
  Instant at_{};
  bool over_ = false;
};

// What stopped a driver, for its result's `stopped`: the message and, if any, the detail.
std::string StoppedBy(const Error& error);

}  // namespace jumys::demo
