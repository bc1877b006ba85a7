#include "engine/case_sweeper.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace jumys {

namespace {
constexpr int kBatch = 200;
}  // namespace

CaseSweeper::CaseSweeper(CaseService& cases, std::chrono::milliseconds interval)
    : cases_(cases), interval_(interval), thread_([this] { Run(); }) {}

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
    // A full batch may mean more are due: go on until a batch comes back short.
    for (;;) {
      auto fired = cases_.FireDue(kBatch);
      if (!fired) {
        spdlog::error(R"({{"name":"case_sweep_failed","error":{}}})",
                      nlohmann::json(fired.error().internal.empty() ? fired.error().message
                                                                    : fired.error().internal)
                          .dump());
        break;
      }
      if (*fired < kBatch) break;
    }
    lock.lock();
  }
}

}  // namespace jumys
