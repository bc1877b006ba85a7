#include "engine/decision_list_store.h"

#include <nlohmann/json.hpp>

#include "storage/sql_params.h"

namespace jumys {
namespace {

using storage::Rows;
using storage::Tx;

constexpr const char* kListColumns =
    "SELECT l.id, l.number, l.office_id, l.process, l.version, l.list_name, l.status, "
    "l.created_at, l.submitted_by, l.submitted_at, l.decided_by, l.decided_at, l.recorded_by, "
    "l.recorded_at, "
    "(SELECT COUNT(*) FROM decision_list_items i WHERE i.list_id = l.id) FROM decision_lists l ";

DecisionListRow ListAt(const Rows& rows, std::size_t r) {
  DecisionListRow l;
  l.id = rows.Int(r, 0);
  l.number = rows.Text(r, 1);
  l.office_id = rows.Text(r, 2);
  l.process = rows.Text(r, 3);
  l.version = rows.Text(r, 4);
  l.list_name = rows.Text(r, 5);
  l.status = rows.Text(r, 6);
  l.created_at = rows.Text(r, 7);
  const auto text = [&](std::size_t c) { return rows.IsNull(r, c) ? "" : rows.Text(r, c); };
  l.submitted_by = text(8);
  l.submitted_at = text(9);
  l.decided_by = text(10);
  l.decided_at = text(11);
  l.recorded_by = text(12);
  l.recorded_at = text(13);
  l.items = static_cast<int>(rows.Int(r, 14));
  return l;
}

std::vector<DecisionListRow> ListsFrom(const Rows& rows) {
  std::vector<DecisionListRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ListAt(rows, r));
  return out;
}

std::optional<DecisionListRow> FirstList(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return ListAt(rows, 0);
}

}  // namespace

Expected<std::optional<DecisionListRow>> FindOpenDecisionList(Tx& tx, const std::string& office_id,
                                                              const std::string& process,
                                                              const std::string& list_name) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kListColumns) +
                                                 "WHERE l.office_id = $1 AND l.process = $2 AND "
                                                 "l.list_name = $3 AND l.status = 'open'",
                                             {office_id, process, list_name}));
  return FirstList(rows);
}

Expected<std::int64_t> InsertDecisionList(Tx& tx, const DecisionListRow& row) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO decision_lists (number, office_id, process, version, list_name, "
               "status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               {row.number, row.office_id, row.process, row.version, row.list_name, row.status,
                row.created_at}));
  if (rows.empty()) return Error::Internal("decision list insert returned no id");
  return rows.Int(0, 0);
}

Expected<std::optional<DecisionListRow>> FindDecisionList(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kListColumns) + "WHERE l.id = $1", {id}));
  return FirstList(rows);
}

Expected<std::vector<DecisionListRow>> ListDecisionLists(Tx& tx,
                                                         const std::vector<std::string>& offices,
                                                         const std::string& status, int limit) {
  if (offices.empty()) return std::vector<DecisionListRow>{};
  storage::SqlParams p;
  std::string sql = std::string(kListColumns) + "WHERE l.office_id IN (" + p.BindAll(offices) + ")";
  if (!status.empty()) sql += " AND l.status = " + p.Bind(status);
  sql += " ORDER BY l.id DESC LIMIT " + p.Bind(std::int64_t{limit});
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, p.params()));
  return ListsFrom(rows);
}

Expected<bool> MoveDecisionList(Tx& tx, std::int64_t id, const std::string& from,
                                const std::string& to, const std::string& by,
                                const std::string& at) {
  // The column names come from our own constants, never from a request.
  std::string who;
  if (to == kListSubmitted) {
    who = "submitted";
  } else if (to == kListDecided) {
    who = "decided";
  } else if (to == kListRecorded) {
    who = "recorded";
  } else {
    return Error::Internal("no such decision list status " + to);
  }
  JUMYS_ASSIGN_OR_RETURN(
      auto n, tx.Exec("UPDATE decision_lists SET status = $1, " + who + "_by = $2, " + who +
                          "_at = $3 WHERE id = $4 AND status = $5",
                      {to, by, at, id, from}));
  return n == 1;
}

Status InsertDecisionListItem(Tx& tx, const DecisionListItemRow& item) {
  JUMYS_ASSIGN_OR_RETURN(
      auto n, tx.Exec("INSERT INTO decision_list_items (list_id, case_id, position, added_at, "
                      "added_by, remark) VALUES ($1, $2, $3, $4, $5, $6)",
                      {item.list_id, item.case_id, std::int64_t{item.position}, item.added_at,
                       item.added_by, item.remark}));
  (void)n;
  return {};
}

Expected<std::vector<DecisionListItemRow>> ListDecisionListItems(Tx& tx, std::int64_t list_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT list_id, case_id, position, added_at, added_by, remark, outcome, grounds "
               "FROM decision_list_items WHERE list_id = $1 ORDER BY position",
               {list_id}));
  std::vector<DecisionListItemRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    DecisionListItemRow i;
    i.list_id = rows.Int(r, 0);
    i.case_id = rows.Int(r, 1);
    i.position = static_cast<int>(rows.Int(r, 2));
    i.added_at = rows.Text(r, 3);
    i.added_by = rows.Text(r, 4);
    i.remark = rows.Text(r, 5);
    i.outcome = rows.Text(r, 6);
    auto grounds = nlohmann::json::parse(rows.Text(r, 7), nullptr, false);
    if (!grounds.is_array()) return Error::Internal("decision list item grounds are not a list");
    for (const auto& g : grounds)
      if (g.is_string()) i.grounds.push_back(g.get<std::string>());
    out.push_back(std::move(i));
  }
  return out;
}

Status SetDecisionListItem(Tx& tx, std::int64_t list_id, std::int64_t case_id,
                           const std::string& outcome, const std::vector<std::string>& grounds) {
  JUMYS_ASSIGN_OR_RETURN(auto n,
                         tx.Exec("UPDATE decision_list_items SET outcome = $1, grounds = "
                                 "$2 WHERE list_id = $3 AND case_id = $4",
                                 {outcome, nlohmann::json(grounds).dump(), list_id, case_id}));
  if (n != 1) return Error::Internal("decision list item to decide is missing");
  return {};
}

Status RemoveDecisionListItem(Tx& tx, std::int64_t list_id, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto n, tx.Exec("DELETE FROM decision_list_items WHERE list_id = $1 AND "
                                         "case_id = $2 AND outcome = ''",
                                         {list_id, case_id}));
  if (n != 1) return Error::Internal("decision list item to remove is missing");
  return {};
}

Expected<std::optional<DecisionListRow>> FindCaseDecisionList(Tx& tx, std::int64_t case_id,
                                                              const std::string& list_name) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string(kListColumns) +
                              "JOIN decision_list_items i ON i.list_id = l.id WHERE i.case_id = "
                              "$1 AND l.list_name = $2 ORDER BY l.id DESC LIMIT 1",
                          {case_id, list_name}));
  return FirstList(rows);
}

}  // namespace jumys
