#pragma once
// Drafts of portal applications, kept on the server so the cabinet keeps them between visits
// and devices until they are filed (P2 1.1-1.2: the employer's requisites and application).
// Generic over the portal processes: one draft per owner and process, whatever its data (a
// draft is unfinished by nature, so it is not checked against the definition's fields; the
// filing is). The owner is the employer (its BIN: every user of the employer sees and edits
// the one draft) or the person (IIN); no one else sees it, staff included. Filing the
// application removes the draft in the filing's own transaction (Remover).
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "engine/definition_catalog.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::drafts {

inline constexpr std::size_t kMaxDraftBytes = 64 * 1024;  // the data as JSON text

struct Draft {
  std::string process;
  nlohmann::json data = nlohmann::json::object();
  std::string updated_at;
  std::string updated_by;  // login
};

class DraftService {
 public:
  DraftService(storage::Database& db, const ProcessCatalog& catalog, Clock clock = SystemNow);

  // The caller's drafts, most recently saved first. 403 for an account that is no applicant.
  Expected<std::vector<Draft>> List(const Actor& actor) const;
  // 404 draft.not_found when the caller has none of that process.
  Expected<Draft> Get(const Actor& actor, const std::string& process) const;
  // Saves (creates or replaces) the caller's draft. 422 draft.process_unknown for a code with
  // no version offered in the portal, draft.too_large over kMaxDraftBytes.
  Expected<Draft> Put(const Actor& actor, const std::string& process, const nlohmann::json& data);
  // 404 draft.not_found when there is none.
  Status Delete(const Actor& actor, const std::string& process);
  // Removes the caller's draft of `process`, if any, inside the transaction it is given (a
  // filing's): filed and removed together, or neither.
  std::function<Status(storage::Tx&)> Remover(const Actor& actor, const std::string& process) const;

 private:
  storage::Database& db_;
  const ProcessCatalog& catalog_;
  Clock clock_;
};

}  // namespace jumys::drafts
