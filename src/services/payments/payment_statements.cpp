// The imported statements and their lines as the registry lists them (PaymentService's reads;
// the import itself, which settles orders, stays with the orders in payment_service.cpp).
#include <string>
#include <utility>
#include <vector>

#include "services/payments/payment_service.h"
#include "storage/database.h"
#include "storage/sql_params.h"

namespace jumys::payments {

namespace {

// "12345.67" (as a statement reader writes amounts) in tiyn.
std::int64_t TiynOf(const std::string& decimal) {
  const auto dot = decimal.find('.');
  std::string digits = decimal.substr(0, dot);
  std::string cents = dot == std::string::npos ? "" : decimal.substr(dot + 1);
  cents.resize(2, '0');
  std::int64_t out = 0;
  for (char c : digits + cents) {
    if (c >= '0' && c <= '9') out = out * 10 + (c - '0');
  }
  return out;
}

constexpr const char* kStatementColumns =
    "SELECT s.id, s.imported_at, s.imported_by, COALESCE(s.office_id, ''), s.lines, "
    "SUM(CASE WHEN l.status = 'paid' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN l.status = 'returned' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN l.status = 'already' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN l.status = 'unmatched' THEN 1 ELSE 0 END) "
    "FROM payment_statements s LEFT JOIN payment_statement_lines l ON l.statement_id = s.id ";

std::vector<Statement> StatementsFrom(const storage::Rows& rows) {
  std::vector<Statement> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto count = [&](int c) {
      return rows.IsNull(r, c) ? 0 : static_cast<int>(rows.Int(r, c));
    };
    out.push_back({rows.Int(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3), count(4),
                   count(5), count(6), count(7), count(8)});
  }
  return out;
}

}  // namespace

Expected<std::optional<std::string>> PaymentService::StatementOffice(std::int64_t id) {
  std::optional<std::string> out;
  JUMYS_TRY(db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT COALESCE(office_id, '') FROM payment_statements WHERE id = $1", {id}));
    if (!rows.empty()) out = rows.Text(0, 0);
    return {};
  }));
  return out;
}

Expected<std::vector<Statement>> PaymentService::Statements(
    const std::vector<std::string>& offices) {
  std::vector<Statement> out;
  if (offices.empty()) return out;
  storage::SqlParams params;
  const std::string sql = std::string(kStatementColumns) + "WHERE s.office_id IN (" +
                          params.BindAll(offices) +
                          ") GROUP BY s.id, s.imported_at, s.imported_by, s.office_id, s.lines "
                          "ORDER BY s.id DESC";
  JUMYS_TRY(db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params.params()));
    out = StatementsFrom(rows);
    return {};
  }));
  return out;
}

Expected<std::optional<std::pair<Statement, std::vector<StatementEntry>>>>
PaymentService::StatementLines(std::int64_t id, const std::vector<std::string>& offices) {
  std::optional<std::pair<Statement, std::vector<StatementEntry>>> out;
  if (offices.empty()) return out;
  storage::SqlParams params;
  const std::string sql = std::string(kStatementColumns) + "WHERE s.office_id IN (" +
                          params.BindAll(offices) + ") AND s.id = " + params.Bind(id) +
                          " GROUP BY s.id, s.imported_at, s.imported_by, s.office_id, s.lines";
  JUMYS_TRY(db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params.params()));
    auto found = StatementsFrom(rows);
    if (found.empty()) return {};
    JUMYS_ASSIGN_OR_RETURN(
        auto lines,
        tx.Query("SELECT l.line, l.reference, l.amount, l.status, l.reason, l.order_id, "
                 "COALESCE(o.number, '') FROM payment_statement_lines l LEFT JOIN "
                 "payment_orders o ON o.id = l.order_id WHERE l.statement_id = $1 ORDER BY "
                 "l.line",
                 {id}));
    std::vector<StatementEntry> entries;
    for (std::size_t r = 0; r < lines.size(); ++r) {
      entries.push_back({static_cast<int>(lines.Int(r, 0)), lines.Text(r, 1), lines.Text(r, 3),
                         lines.Text(r, 4), TiynOf(lines.Text(r, 2)),
                         lines.IsNull(r, 5) ? 0 : lines.Int(r, 5), lines.Text(r, 6)});
    }
    out.emplace(std::move(found.front()), std::move(entries));
    return {};
  }));
  return out;
}

}  // namespace jumys::payments
