#pragma once
// Fires due timers, lapsed waits and repeat periods in the background: every `interval` it
// asks the case service for what has come due. Stopped (and joined) on destruction.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine/case_service.h"

namespace jumys {

class CaseSweeper {
 public:
  CaseSweeper(CaseService& cases, std::chrono::milliseconds interval);
  ~CaseSweeper();
  CaseSweeper(const CaseSweeper&) = delete;
  CaseSweeper& operator=(const CaseSweeper&) = delete;

 private:
  void Run();

  CaseService& cases_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jumys
