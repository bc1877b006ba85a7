#include "engine/case_sweeper.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace jumys {

namespace {
constexpr int kBatch = 200;
}  // namespace

CaseSweeper::CaseSweeper(CaseService& cases, std::chrono::milliseconds interval, TaskAlerts* alerts,
                         std::vector<SweepPass> passes)
    : cases_(cases),
      alerts_(alerts),
      passes_(std::move(passes)),
      interval_(interval),
      thread_([this] { Run(); }) {}

CaseSweeper::~CaseSweeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void CaseSweeper::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    Pass();
    lock.lock();
  }
}

void CaseSweeper::Pass() {
  const auto log_error = [](std::string_view name, const Error& e) {
    spdlog::error(R"({{"name":"{}","error":{}}})", name,
                  nlohmann::json(e.internal.empty() ? e.message : e.internal).dump());
  };
  // A full batch may mean more are due: go on until a batch comes back short.
  for (;;) {
    auto fired = cases_.FireDue(kBatch);
    if (!fired) {
      log_error("case_sweep_failed", fired.error());
      break;
    }
    if (*fired < kBatch) break;
  }
  // After the timers: a wait that lapsed just now is no longer owed a reminder.
  if (alerts_) {
    auto written = alerts_->Sweep(cases_.Now());
    if (!written) log_error("task_alerts_failed", written.error());
  }
  for (const SweepPass& pass : passes_) {
    if (auto done = pass.run(); !done) log_error(pass.name + "_failed", done.error());
  }
}

}  // namespace jumys
