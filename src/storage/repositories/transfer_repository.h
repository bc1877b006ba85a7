#pragma once
// Transfer requests for people and employers registered at another office (migration 8).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/database.h"

namespace jumys::storage {

struct TransferRow {
  std::int64_t id = 0;
  std::string kind;         // person | employer
  std::string record_key;   // IIN or BIN
  std::string from_office;  // the owning office, which answers
  std::string to_office;    // the requesting office
  std::string status;       // pending | accepted | declined
  std::string data;         // the requesting clerk's entry, JSON text
  std::string requested_by;
  std::string requested_at;
  std::string decided_by;  // "" while pending
  std::string decided_at;
};

Expected<std::int64_t> InsertTransfer(Tx& tx, const TransferRow& t);
Expected<std::optional<TransferRow>> FindTransfer(Tx& tx, std::int64_t id);
// The pending request of `to_office` for the record, if any.
Expected<std::optional<TransferRow>> FindPendingTransfer(Tx& tx, const std::string& kind,
                                                         const std::string& record_key,
                                                         const std::string& to_office);
Status UpdateTransferData(Tx& tx, std::int64_t id, const std::string& data);
// Moves a pending request to accepted or declined; false when it was no longer pending.
Expected<bool> DecideTransfer(Tx& tx, std::int64_t id, const std::string& status,
                              const std::string& by, const std::string& at);
// Requests addressed to (owned by) one of `offices`, newest first; status "" for any.
Expected<std::vector<TransferRow>> ListTransfers(Tx& tx, const std::vector<std::string>& offices,
                                                 const std::string& status);

}  // namespace jumys::storage
