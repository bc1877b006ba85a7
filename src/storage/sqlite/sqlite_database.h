#pragma once
// SQLite backend: one writer connection behind a mutex, a pool of read-only connections, WAL,
// and a thread that checkpoints the WAL into the database file beside the writer.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"

namespace jumys::storage::sqlite {

class Connection;

class SqliteDatabase final : public Database {
 public:
  // Creates the file (and its parent directory) if missing.
  static Expected<std::unique_ptr<Database>> Open(const std::string& path,
                                                  const DatabaseOptions& options);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Status Read(const std::function<Status(Tx&)>& fn) override;
  Status Write(const std::function<Status(Tx&)>& fn) override;
  Status ExecScript(std::string_view sql) override;

 private:
  explicit SqliteDatabase(const DatabaseOptions& options);
  Connection* AcquireReader();
  void ReleaseReader(Connection* conn);
  void AfterCommit(int wal_frames);
  void RunCheckpoints();

  const DatabaseOptions options_;
  // The writer is lent like a pool of one (std::timed_mutex would do, but ThreadSanitizer
  // cannot follow its timed lock).
  std::mutex writer_mutex_;
  std::condition_variable writer_cv_;
  bool writer_busy_ = false;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> idle_readers_;

  // A checkpoint copies pages and syncs the database file: done by the writer (SQLite's way) it
  // would hold every queued write meanwhile.
  std::unique_ptr<Connection> checkpointer_;
  std::thread checkpoint_thread_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_due_ = false;
  bool stopping_ = false;
  int wal_frames_seen_ = 0;  // after the last commit; the writer's alone
};

}  // namespace jumys::storage::sqlite
