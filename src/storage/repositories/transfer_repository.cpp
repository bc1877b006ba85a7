#include "storage/repositories/transfer_repository.h"

#include <algorithm>

namespace jumys::storage {

namespace {

constexpr const char* kColumns =
    "id, kind, record_key, from_office, to_office, status, data, requested_by, requested_at, "
    "COALESCE(decided_by, ''), COALESCE(decided_at, '')";

TransferRow RowAt(const Rows& rows, std::size_t i) {
  return {rows.Int(i, 0),  rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3),
          rows.Text(i, 4), rows.Text(i, 5), rows.Text(i, 6), rows.Text(i, 7),
          rows.Text(i, 8), rows.Text(i, 9), rows.Text(i, 10)};
}

}  // namespace

Expected<std::int64_t> InsertTransfer(Tx& tx, const TransferRow& t) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO record_transfers (kind, record_key, from_office, to_office, status, "
               "data, requested_by, requested_at) VALUES ($1,$2,$3,$4,'pending',$5,$6,$7) "
               "RETURNING id",
               {t.kind, t.record_key, t.from_office, t.to_office, t.data, t.requested_by,
                t.requested_at}));
  return rows.Int(0, 0);
}

Expected<std::optional<TransferRow>> FindTransfer(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM record_transfers WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<TransferRow>{};
  return std::optional<TransferRow>{RowAt(rows, 0)};
}

Expected<std::optional<TransferRow>> FindPendingTransfer(Tx& tx, const std::string& kind,
                                                         const std::string& record_key,
                                                         const std::string& to_office) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kColumns +
                              " FROM record_transfers WHERE kind = $1 AND record_key = $2 AND "
                              "to_office = $3 AND status = 'pending' ORDER BY id LIMIT 1",
                          {kind, record_key, to_office}));
  if (rows.empty()) return std::optional<TransferRow>{};
  return std::optional<TransferRow>{RowAt(rows, 0)};
}

Status UpdateTransferData(Tx& tx, std::int64_t id, const std::string& data) {
  JUMYS_TRY(tx.Exec("UPDATE record_transfers SET data = $2 WHERE id = $1", {id, data}));
  return {};
}

Expected<bool> DecideTransfer(Tx& tx, std::int64_t id, const std::string& status,
                              const std::string& by, const std::string& at) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE record_transfers SET status = $2, decided_by = $3, decided_at = $4 "
              "WHERE id = $1 AND status = 'pending'",
              {id, status, by, at}));
  return changed > 0;
}

Expected<std::vector<TransferRow>> ListTransfers(Tx& tx, const std::vector<std::string>& offices,
                                                 const std::string& status) {
  std::vector<TransferRow> out;
  for (const auto& office : offices) {
    JUMYS_ASSIGN_OR_RETURN(auto rows,
                           tx.Query(std::string("SELECT ") + kColumns +
                                        " FROM record_transfers WHERE from_office = $1 AND "
                                        "($2 = '' OR status = $2) ORDER BY id DESC LIMIT 500",
                                    {office, status}));
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(RowAt(rows, i));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  return out;
}

}  // namespace jumys::storage
