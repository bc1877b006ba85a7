#pragma once
// Fires due timers, lapsed waits and repeat periods in the background: every `interval` it
// asks the case service for what has come due, then, given `alerts`, writes the staff alerts
// and reminders owed at that moment (engine/task_alerts.h), then runs the other passes it
// was given (the vacancy bank's changes by time, ...). Stopped (and joined) on destruction.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/case_service.h"
#include "engine/task_alerts.h"

namespace jumys {

// Another periodic pass: a failure is logged under `name` and the next pass tries again.
struct SweepPass {
  std::string name;
  std::function<Status()> run;
};

class CaseSweeper {
 public:
  CaseSweeper(CaseService& cases, std::chrono::milliseconds interval, TaskAlerts* alerts = nullptr,
              std::vector<SweepPass> passes = {});
  ~CaseSweeper();
  CaseSweeper(const CaseSweeper&) = delete;
  CaseSweeper& operator=(const CaseSweeper&) = delete;

 private:
  void Run();
  void Pass();

  CaseService& cases_;
  TaskAlerts* alerts_;
  std::vector<SweepPass> passes_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jumys
