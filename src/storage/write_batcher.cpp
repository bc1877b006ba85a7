#include "storage/write_batcher.h"

#include <exception>

namespace jumys::storage {

namespace {

Status RunGuarded(storage::Database& db, const std::function<Status(storage::Tx&)>& fn) {
  try {
    return db.Write(fn);
  } catch (const std::exception& e) {
    return Error::Internal(std::string("exception in a write: ") + e.what());
  }
}

}  // namespace

WriteBatcher::WriteBatcher(storage::Database& db, std::size_t max_batch)
    : db_(db), max_batch_(max_batch == 0 ? 1 : max_batch) {}

Status WriteBatcher::Write(const std::function<Status(storage::Tx&)>& fn) {
  if (max_batch_ == 1) return RunGuarded(db_, fn);
  Item item;
  item.fn = &fn;
  std::unique_lock lock(mutex_);
  queue_.push_back(&item);
  while (!item.done) {
    if (leader_) {
      item.wake.wait(lock);
      continue;
    }
    // Lead: run batches until our own item is done, then hand over to the next in line.
    leader_ = true;
    while (!item.done && !queue_.empty()) {
      std::vector<Item*> batch;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
      lock.unlock();
      RunBatch(batch);
      lock.lock();
      for (Item* i : batch) {
        i->done = true;
        if (i != &item) i->wake.notify_one();
      }
    }
    leader_ = false;
    if (!queue_.empty()) queue_.front()->wake.notify_one();
  }
  return item.result;
}

void WriteBatcher::RunBatch(const std::vector<Item*>& batch) {
  if (batch.size() == 1) {
    batch.front()->result = RunGuarded(db_, *batch.front()->fn);
    return;
  }
  std::vector<Status> results(batch.size());
  Status shared = RunGuarded(db_, [&](storage::Tx& tx) -> Status {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      JUMYS_TRY(tx.Exec("SAVEPOINT jumys_batch_item"));
      results[i] = (*batch[i]->fn)(tx);
      if (!results[i]) JUMYS_TRY(tx.Exec("ROLLBACK TO SAVEPOINT jumys_batch_item"));
      JUMYS_TRY(tx.Exec("RELEASE SAVEPOINT jumys_batch_item"));
    }
    return {};
  });
  if (shared) {
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->result = std::move(results[i]);
    return;
  }
  for (Item* i : batch) i->result = RunGuarded(db_, *i->fn);
}

}  // namespace jumys::storage
