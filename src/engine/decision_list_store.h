#pragma once
// Named SQL for decision lists (migration 24, docs/DECISION_LISTS.md). Every function runs in
// the caller's transaction; engine/decision_lists.h decides.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys {

// open -> submitted -> decided -> recorded.
inline constexpr const char* kListOpen = "open";
inline constexpr const char* kListSubmitted = "submitted";
inline constexpr const char* kListDecided = "decided";
inline constexpr const char* kListRecorded = "recorded";

struct DecisionListRow {
  std::int64_t id = 0;
  std::string number;  // "KZO-CITY-2026-L000001"
  std::string office_id;
  std::string process;
  std::string version;    // the definition version of the first case listed
  std::string list_name;  // the definition's `list:` name
  std::string status = kListOpen;
  std::string created_at;
  // Who moved it on, and when ("" until then).
  std::string submitted_by, submitted_at;
  std::string decided_by, decided_at;
  std::string recorded_by, recorded_at;
  int items = 0;  // how many cases it holds (read only: counted from its items)
};

struct DecisionListItemRow {
  std::int64_t list_id = 0;
  std::int64_t case_id = 0;
  int position = 0;  // 1, 2, ... in the order listed
  std::string added_at, added_by;
  std::string remark;                // the specialist's, from the listing step's data
  std::string outcome;               // "" until decided
  std::vector<std::string> grounds;  // refusal-ground codes of a refused item
};

Expected<std::optional<DecisionListRow>> FindOpenDecisionList(storage::Tx& tx,
                                                              const std::string& office_id,
                                                              const std::string& process,
                                                              const std::string& list_name);
Expected<std::int64_t> InsertDecisionList(storage::Tx& tx, const DecisionListRow& row);
Expected<std::optional<DecisionListRow>> FindDecisionList(storage::Tx& tx, std::int64_t id);
// The lists of these offices, newest first, optionally of one status.
Expected<std::vector<DecisionListRow>> ListDecisionLists(storage::Tx& tx,
                                                         const std::vector<std::string>& offices,
                                                         const std::string& status, int limit);
// Moves the list from `from` to `to`, stamping who and when in `to`'s columns. false: the
// list was not in `from` (someone moved it meanwhile).
Expected<bool> MoveDecisionList(storage::Tx& tx, std::int64_t id, const std::string& from,
                                const std::string& to, const std::string& by,
                                const std::string& at);

Status InsertDecisionListItem(storage::Tx& tx, const DecisionListItemRow& item);
// In list order.
Expected<std::vector<DecisionListItemRow>> ListDecisionListItems(storage::Tx& tx,
                                                                 std::int64_t list_id);
Status SetDecisionListItem(storage::Tx& tx, std::int64_t list_id, std::int64_t case_id,
                           const std::string& outcome, const std::vector<std::string>& grounds);
// Takes a case off an undecided list (its case left the deciding step).
Status RemoveDecisionListItem(storage::Tx& tx, std::int64_t list_id, std::int64_t case_id);
// The list of `list_name` a case is on (the newest), if any.
Expected<std::optional<DecisionListRow>> FindCaseDecisionList(storage::Tx& tx, std::int64_t case_id,
                                                              const std::string& list_name);

}  // namespace jumys
