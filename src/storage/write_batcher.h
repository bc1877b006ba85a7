#pragma once
// Group commit for the engine's writes. A durable commit costs one fsync (about 1.7 ms on this
// machine's disk, so ~600 commits/s); completions arriving together are run in one write
// transaction, each inside its own savepoint, and every caller gets its own answer once the
// shared commit is durable. A caller whose function fails is rolled back to its savepoint
// alone; if the shared transaction itself fails, each function is retried in a transaction of
// its own, so one broken write never fails its neighbours.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include "core/error.h"
#include "storage/database.h"

namespace jumys::storage {

class WriteBatcher {
 public:
  // max_batch 1: no grouping, each write runs in its own transaction at once (PostgreSQL,
  // whose writers run side by side and whose WAL flush already groups concurrent commits:
  // running them one after another here would only add round trips to the serial part).
  explicit WriteBatcher(storage::Database& db, std::size_t max_batch = 128);
  WriteBatcher(const WriteBatcher&) = delete;
  WriteBatcher& operator=(const WriteBatcher&) = delete;

  // As Database::Write: fn's changes are committed (durably) when this returns success, and
  // none of them when it returns an error. fn may run more than once (retries) and must not
  // have side effects outside the transaction. Blocks the calling thread until then.
  Status Write(const std::function<Status(storage::Tx&)>& fn);

 private:
  struct Item {
    const std::function<Status(storage::Tx&)>* fn;
    Status result;
    bool done = false;
    // Each caller sleeps on its own: waking all of them after every batch costs more CPU
    // than the batch itself once a few dozen wait.
    std::condition_variable wake;
  };
  void RunBatch(const std::vector<Item*>& batch);

  storage::Database& db_;
  const std::size_t max_batch_;
  std::mutex mutex_;
  std::deque<Item*> queue_;
  bool leader_ = false;  // some caller is running batches
};

}  // namespace jumys::storage
