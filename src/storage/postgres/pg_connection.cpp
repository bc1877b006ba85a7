#include "storage/postgres/pg_connection.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

#include "storage/storage_internal.h"

namespace jumys::storage::pg {
namespace {

// Distinct statement texts prepared per connection; beyond it the unnamed statement is used,
// so SQL built at run time cannot grow server memory without bound.
constexpr std::size_t kMaxPreparedStatements = 512;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string Trimmed(const char* s) {
  std::string out = s ? s : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

bool IsConnectionFailure(const std::string& state) {
  // Class 08 is "connection exception", except 08P01 (protocol violation: a bad request).
  return (state.size() == 5 && state.compare(0, 2, "08") == 0 && state != "08P01") ||
         state == "57P01" || state == "57P02" || state == "57P03" || state == "53300";
}

void ForwardNotice(void*, const char* message) {
  // Only warnings arrive (client_min_messages=warning); they name objects, not row values.
  spdlog::warn(R"({{"name":"postgres_notice","message":{}}})",
               nlohmann::json(Trimmed(message))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

bool IsRetryableSqlstate(const std::string& sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01";
}

Expected<std::unique_ptr<Connection>> Connection::Connect(const std::string& conninfo) {
  // Defaults placed before the expanded conninfo, so the URL's own values win. Without a
  // connect timeout a reconnect to a vanished host could block a worker for minutes.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"10", "jumys", conninfo.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (raw == nullptr) return internal::Unavailable("libpq could not allocate a connection");
  std::unique_ptr<Connection> conn(new Connection(raw));
  if (conn->Broken()) {
    return internal::Unavailable("cannot connect to PostgreSQL: " + Trimmed(PQerrorMessage(raw)));
  }
  if (auto s = conn->Setup(); !s) return s.error();
  return conn;
}

Connection::~Connection() { PQfinish(conn_); }

Status Connection::Setup() {
  PQsetNoticeProcessor(conn_, &ForwardNotice, nullptr);
  return Command("SET client_min_messages TO warning", "SET");
}

Status Connection::Reconnect() {
  prepared_.clear();
  PQreset(conn_);
  if (Broken()) {
    return internal::Unavailable("cannot reconnect to PostgreSQL: " +
                                 Trimmed(PQerrorMessage(conn_)));
  }
  return Setup();
}

Error Connection::Fail(const PGresult* res, std::string_view sql) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  // The primary message only: DETAIL would carry key values, which may be personal data.
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* constraint = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string detail = fmt::format(
      "postgres {}: {}{}; sql: {}", last_sqlstate_.empty() ? "-----" : last_sqlstate_,
      primary ? Trimmed(primary) : Trimmed(PQerrorMessage(conn_)),
      constraint ? fmt::format(" (constraint {})", constraint) : "", internal::Abbreviate(sql));
  if (res == nullptr || Broken() || IsConnectionFailure(last_sqlstate_)) {
    return internal::Unavailable(std::move(detail));
  }
  if (last_sqlstate_ == "23505")
    return internal::Conflict("store.already_exists"_msg, "already exists", std::move(detail));
  if (last_sqlstate_ == "23503") {
    return internal::Conflict("store.related_records"_msg, "conflicts with related records",
                              std::move(detail));
  }
  if (IsRetryableSqlstate(last_sqlstate_)) {
    return internal::Conflict("store.concurrent_update"_msg, "concurrent update, try again",
                              std::move(detail));
  }
  return Error::Internal(std::move(detail));
}

Expected<Connection::Prepared> Connection::Prepare(std::string_view sql) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  const bool cache = prepared_.size() < kMaxPreparedStatements;
  Prepared p;
  p.name = cache ? fmt::format("jumys_{}", ++next_statement_) : std::string();
  const std::string text(sql);
  Result prep(PQprepare(conn_, p.name.c_str(), text.c_str(), 0, nullptr));
  if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK) return Fail(prep.get(), sql);
  Result desc(PQdescribePrepared(conn_, p.name.c_str()));
  if (PQresultStatus(desc.get()) != PGRES_COMMAND_OK) return Fail(desc.get(), sql);
  p.nparams = PQnparams(desc.get());
  if (cache) prepared_.emplace(text, p);
  return p;
}

Status Connection::Run(std::string_view sql, const Params& params, Rows* rows,
                       std::int64_t* changed) {
  last_sqlstate_.clear();
  auto prepared = Prepare(sql);
  if (!prepared) return prepared.error();
  if (static_cast<std::size_t>(prepared->nparams) != params.size()) {
    return Error::Internal(fmt::format("statement takes {} parameters, {} given: {}",
                                       prepared->nparams, params.size(),
                                       internal::Abbreviate(sql)));
  }
  // Every value goes as text; PostgreSQL parses it as the type it inferred for $k.
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<std::string> numbers(params.size());
  for (std::size_t k = 0; k < params.size(); ++k) {
    const Value& v = params[k];
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      numbers[k] = std::to_string(*i);
      values[k] = numbers[k].c_str();
    } else if (const auto* d = std::get_if<double>(&v)) {
      if (auto bad = internal::CheckStorable(nullptr, d)) return *bad;
      numbers[k] = internal::FormatDouble(*d);
      values[k] = numbers[k].c_str();
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      if (auto bad = internal::CheckStorable(s, nullptr)) return *bad;
      values[k] = s->c_str();
    }
  }
  Result res(PQexecPrepared(conn_, prepared->name.c_str(), static_cast<int>(params.size()),
                            values.data(), nullptr, nullptr, 0));
  const ExecStatusType status = PQresultStatus(res.get());
  if (status == PGRES_EMPTY_QUERY) return Error::Internal("empty SQL statement");
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Error e = Fail(res.get(), sql);
    // A missing statement or a changed result shape: prepare afresh next time.
    if (last_sqlstate_ == "26000" || last_sqlstate_ == "0A000") prepared_.erase(std::string(sql));
    return e;
  }
  if (rows != nullptr) {
    const int nrows = PQntuples(res.get());
    const int ncols = PQnfields(res.get());
    std::vector<std::string> columns;
    columns.reserve(ncols);
    for (int c = 0; c < ncols; ++c) columns.emplace_back(PQfname(res.get(), c));
    std::vector<std::vector<std::optional<std::string>>> cells(nrows);
    for (int r = 0; r < nrows; ++r) {
      cells[r].reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res.get(), r, c)) {
          cells[r].emplace_back(std::nullopt);
        } else {
          cells[r].emplace_back(std::string(
              PQgetvalue(res.get(), r, c), static_cast<std::size_t>(PQgetlength(res.get(), r, c))));
        }
      }
    }
    *rows = Rows(std::move(columns), std::move(cells));
  }
  if (changed != nullptr) {
    const std::string_view tuples = PQcmdTuples(res.get());
    std::int64_t n = 0;
    std::from_chars(tuples.data(), tuples.data() + tuples.size(), n);
    *changed = n;
  }
  return {};
}

Expected<Rows> Connection::Query(std::string_view sql, const Params& params) {
  Rows rows;
  if (auto s = Run(sql, params, &rows, nullptr); !s) return s.error();
  return rows;
}

Expected<std::int64_t> Connection::Exec(std::string_view sql, const Params& params) {
  std::int64_t changed = 0;
  if (auto s = Run(sql, params, nullptr, &changed); !s) return s.error();
  return changed;
}

Status Connection::Script(std::string_view sql) {
  last_sqlstate_.clear();
  const std::string text(sql);
  Result res(PQexec(conn_, text.c_str()));
  const ExecStatusType status = PQresultStatus(res.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return {};
  }
  return Fail(res.get(), sql);
}

Status Connection::Command(const char* sql, const char* expected_tag) {
  last_sqlstate_.clear();
  Result res(PQexec(conn_, sql));
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Fail(res.get(), sql);
  const std::string_view tag = PQcmdStatus(res.get());
  if (tag != expected_tag) {
    return Error::Internal(fmt::format("{} answered {}", sql, tag));
  }
  return {};
}

void Connection::RollbackQuietly() {
  if (Broken() || TransactionStatus() == PQTRANS_IDLE) return;
  (void)Command("ROLLBACK", "ROLLBACK");
}

}  // namespace jumys::storage::pg
