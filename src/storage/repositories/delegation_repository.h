#pragma once
// Named SQL for who acts for whom (migration 7): a head's delegations of a role to a colleague
// of the same office for a dated period, and the capacity each document was signed in.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct DelegationRow {
  std::int64_t id = 0;
  std::string office_id;
  std::string role;       // the delegated role's name (head)
  std::string delegator;  // login of the one who holds the role
  std::string delegate;   // login of the one who acts in it
  std::string starts_on;  // YYYY-MM-DD, inclusive
  std::string ends_on;    // YYYY-MM-DD, inclusive
  std::string created_by, created_at;
  std::optional<std::string> revoked_at, revoked_by;
};

Expected<std::int64_t> InsertDelegation(Tx& tx, const DelegationRow& d);
Expected<std::optional<DelegationRow>> FindDelegation(Tx& tx, std::int64_t id);
// Every delegation of an office, newest first (revoked ones too).
Expected<std::vector<DelegationRow>> ListOfficeDelegations(Tx& tx, const std::string& office_id);
// The unrevoked delegations to `delegate` at `office_id` in force on `day` (YYYY-MM-DD).
Expected<std::vector<DelegationRow>> ListDelegationsInForce(Tx& tx, const std::string& delegate,
                                                            const std::string& office_id,
                                                            const std::string& day);
// Unrevoked delegations of `role` by `delegator` whose period meets [starts_on, ends_on].
Expected<std::vector<DelegationRow>> ListOverlappingDelegations(Tx& tx,
                                                                const std::string& delegator,
                                                                const std::string& role,
                                                                const std::string& starts_on,
                                                                const std::string& ends_on);
// false when it was revoked already.
Expected<bool> RevokeDelegation(Tx& tx, std::int64_t id, const std::string& at,
                                const std::string& by);

// Who signed a stored document and in what capacity.
struct DocumentSignerRow {
  std::int64_t document_id = 0;
  std::string signer_name;
  std::string role;                // the role signed in (head, executor, ...)
  std::string capacity = "own";    // own | acting
  std::int64_t delegation_id = 0;  // acting: the delegation; 0 otherwise
};

// Inserts or replaces the document's signer record.
Status PutDocumentSigner(Tx& tx, const DocumentSignerRow& s);
Expected<std::optional<DocumentSignerRow>> FindDocumentSigner(Tx& tx, std::int64_t document_id);

}  // namespace jumys::storage
