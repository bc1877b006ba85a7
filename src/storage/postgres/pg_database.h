#pragma once
// PostgreSQL backend: a pool of libpq connections shared by reads and writes.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage::pg {

class Connection;

class PgDatabase final : public Database {
 public:
  // Runs on a deadlock or serialization failure at most this often per Write.
  static constexpr int kMaxWriteRuns = 4;

  // conninfo: a libpq URI or keyword string. Opens options.readers connections up front, so a
  // wrong address fails here (kUnavailable) rather than on the first request.
  static Expected<std::unique_ptr<Database>> Open(const std::string& conninfo,
                                                  const DatabaseOptions& options);
  ~PgDatabase() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Status Read(const std::function<Status(Tx&)>& fn) override;
  Status Write(const std::function<Status(Tx&)>& fn) override;
  Status ExecScript(std::string_view sql) override;

 private:
  explicit PgDatabase(const DatabaseOptions& options);
  Connection* Acquire();
  void Release(Connection* conn);
  // One attempt: BEGIN, fn, COMMIT (or ROLLBACK). Sets *retryable when the failure was a
  // deadlock or serialization failure, after which running fn again is safe.
  Status Attempt(const char* begin, const std::function<Status(Tx&)>& fn, bool* retryable);

  const DatabaseOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;
};

}  // namespace jumys::storage::pg
