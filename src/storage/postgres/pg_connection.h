#pragma once
// One libpq connection with its per-connection prepared statements. Not thread-safe: the pool
// lends it to one thread at a time.
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/string_hash.h"
#include "storage/database.h"

namespace jumys::storage::pg {

class Connection {
 public:
  // conninfo: a libpq URI or keyword string. Failure to connect is kUnavailable.
  static Expected<std::unique_ptr<Connection>> Connect(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool Broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // Re-establishes a broken connection; server-side prepared statements are gone with it.
  Status Reconnect();
  PGTransactionStatusType TransactionStatus() const { return PQtransactionStatus(conn_); }

  Expected<Rows> Query(std::string_view sql, const Params& params);
  Expected<std::int64_t> Exec(std::string_view sql, const Params& params);
  // Simple-protocol PQexec: several statements, no parameters.
  Status Script(std::string_view sql);
  // BEGIN/COMMIT/ROLLBACK; fails unless the server answers with expected_tag (a COMMIT of an
  // aborted transaction answers "ROLLBACK" without an error).
  Status Command(const char* sql, const char* expected_tag);
  void RollbackQuietly();

  // SQLSTATE of the last failed call ("" if none or unknown).
  const std::string& last_sqlstate() const { return last_sqlstate_; }

 private:
  struct Prepared {
    std::string name;
    int nparams = 0;
  };
  explicit Connection(PGconn* conn) : conn_(conn) {}
  Status Setup();
  Expected<Prepared> Prepare(std::string_view sql);
  Status Run(std::string_view sql, const Params& params, Rows* rows, std::int64_t* changed);
  Error Fail(const PGresult* res, std::string_view sql);

  PGconn* conn_;
  std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> prepared_;
  std::uint64_t next_statement_ = 0;
  std::string last_sqlstate_;
};

bool IsRetryableSqlstate(const std::string& sqlstate);

}  // namespace jumys::storage::pg
