#pragma once
// Fires due timers, lapsed waits and repeat periods in the background: every `interval` it
// asks the case service for what has come due, then, given `alerts`, writes the staff alerts
// and reminders owed at that moment (engine/task_alerts.h). Stopped (and joined) on
// destruction.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine/case_service.h"
#include "engine/task_alerts.h"

namespace jumys {

class CaseSweeper {
 public:
  CaseSweeper(CaseService& cases, std::chrono::milliseconds interval, TaskAlerts* alerts = nullptr);
  ~CaseSweeper();
  CaseSweeper(const CaseSweeper&) = delete;
  CaseSweeper& operator=(const CaseSweeper&) = delete;

 private:
  void Run();
  void Pass();

  CaseService& cases_;
  TaskAlerts* alerts_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jumys
