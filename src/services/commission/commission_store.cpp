#include "services/commission/commission_store.h"

#include <algorithm>
#include <map>

#include "storage/database.h"

namespace jumys::commission {

namespace {

constexpr const char* kAgendaColumns =
    "SELECT a.case_id, a.meeting_id, m.commission_id, m.held_on, a.added_at, a.recommendation, "
    "a.reasons, a.recorded_by, a.recorded_at FROM commission_agenda a "
    "JOIN commission_meetings m ON m.id = a.meeting_id ";

std::string Placeholders(std::size_t count) {
  std::string out;
  for (std::size_t i = 1; i <= count; ++i) out += (i > 1 ? ",$" : "$") + std::to_string(i);
  return out;
}

// The votes of every item, in one query rather than one per item.
Status ReadVotes(storage::Tx& tx, std::vector<AgendaRow>& items) {
  if (items.empty()) return {};
  storage::Params ids;
  std::map<std::int64_t, AgendaRow*> by_case;
  for (auto& item : items) {
    ids.push_back(item.case_id);
    by_case.emplace(item.case_id, &item);
  }
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT case_id, member, vote, reasons, at FROM "
                                  "commission_votes WHERE case_id IN (" +
                                      Placeholders(ids.size()) + ") ORDER BY case_id, member",
                                  ids));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto item = by_case.find(rows.Int(r, 0));
    if (item == by_case.end()) continue;
    item->second->votes.push_back(
        {rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3), rows.Text(r, 4)});
  }
  return {};
}

Expected<std::vector<AgendaRow>> ReadAgenda(storage::Tx& tx, const storage::Rows& rows) {
  std::vector<AgendaRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    AgendaRow a;
    a.case_id = rows.Int(r, 0);
    a.meeting_id = rows.Int(r, 1);
    a.commission_id = rows.Int(r, 2);
    a.held_on = rows.Text(r, 3);
    a.added_at = rows.Text(r, 4);
    a.recommendation = rows.Optional(r, 5);
    a.reasons = rows.Text(r, 6);
    a.recorded_by = rows.Text(r, 7);
    a.recorded_at = rows.Text(r, 8);
    out.push_back(std::move(a));
  }
  JUMYS_TRY(ReadVotes(tx, out));
  return out;
}

Expected<std::vector<CommissionRow>> ReadCommissions(storage::Tx& tx, const std::string& where,
                                                     const storage::Params& params) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, office_id, name, secretary, created_at "
                                             "FROM commissions " +
                                                 where + " ORDER BY id",
                                             params));
  std::vector<CommissionRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    CommissionRow c{rows.Int(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3), {},
                    rows.Text(r, 4)};
    JUMYS_ASSIGN_OR_RETURN(auto members, tx.Query("SELECT login FROM commission_members WHERE "
                                                  "commission_id = $1 ORDER BY login",
                                                  {c.id}));
    for (std::size_t m = 0; m < members.size(); ++m) c.members.push_back(members.Text(m, 0));
    out.push_back(std::move(c));
  }
  return out;
}

Expected<std::optional<CommissionRow>> First(Expected<std::vector<CommissionRow>> list) {
  if (!list) return list.error();
  if (list->empty()) return std::optional<CommissionRow>{};
  return std::optional<CommissionRow>{std::move(list->front())};
}

}  // namespace

bool CommissionRow::Sits(const std::string& login) const {
  return login == secretary || std::find(members.begin(), members.end(), login) != members.end();
}

Expected<std::int64_t> InsertCommission(storage::Tx& tx, const CommissionRow& c) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("INSERT INTO commissions (office_id, name, secretary, "
                                             "created_at) VALUES ($1,$2,$3,$4) RETURNING id",
                                             {c.office_id, c.name, c.secretary, c.created_at}));
  const std::int64_t id = rows.Int(0, 0);
  for (const auto& m : c.members) {
    JUMYS_TRY(
        tx.Exec("INSERT INTO commission_members (commission_id, login) VALUES ($1,$2)", {id, m}));
  }
  return id;
}

Expected<std::vector<CommissionRow>> ListCommissions(storage::Tx& tx) {
  return ReadCommissions(tx, "", {});
}

Expected<std::optional<CommissionRow>> FindCommission(storage::Tx& tx, std::int64_t id) {
  return First(ReadCommissions(tx, "WHERE id = $1", {id}));
}

Expected<std::optional<CommissionRow>> CommissionOfOffice(storage::Tx& tx,
                                                          const std::string& office_id) {
  return First(ReadCommissions(tx, "WHERE office_id = $1", {office_id}));
}

Expected<std::int64_t> InsertMeeting(storage::Tx& tx, std::int64_t commission_id,
                                     const std::string& held_on, const std::string& by,
                                     const std::string& at) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("INSERT INTO commission_meetings (commission_id, held_on, "
                                  "created_by, created_at) VALUES ($1,$2,$3,$4) RETURNING id",
                                  {commission_id, held_on, by, at}));
  return rows.Int(0, 0);
}

Expected<std::optional<std::int64_t>> NextMeeting(storage::Tx& tx, std::int64_t commission_id,
                                                  const std::string& day) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM commission_meetings WHERE "
                                             "commission_id = $1 AND held_on >= $2 "
                                             "ORDER BY held_on, id LIMIT 1",
                                             {commission_id, day}));
  if (rows.empty()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{rows.Int(0, 0)};
}

Status AddToAgenda(storage::Tx& tx, std::int64_t case_id, std::int64_t meeting_id,
                   const std::string& at) {
  JUMYS_TRY(
      tx.Exec("INSERT INTO commission_agenda (case_id, meeting_id, added_at) "
              "VALUES ($1,$2,$3)",
              {case_id, meeting_id, at}));
  return {};
}

Expected<std::optional<AgendaRow>> FindAgendaItem(storage::Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query(std::string(kAgendaColumns) + "WHERE a.case_id = $1", {case_id}));
  JUMYS_ASSIGN_OR_RETURN(auto items, ReadAgenda(tx, rows));
  if (items.empty()) return std::optional<AgendaRow>{};
  return std::optional<AgendaRow>{std::move(items.front())};
}

Expected<std::vector<AgendaRow>> ListAgenda(storage::Tx& tx,
                                            const std::vector<std::int64_t>& commission_ids) {
  if (commission_ids.empty()) return std::vector<AgendaRow>{};
  storage::Params ids(commission_ids.begin(), commission_ids.end());
  // One query for every commission, in the order of their ids as before.
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string(kAgendaColumns) + "WHERE m.commission_id IN (" +
                   Placeholders(ids.size()) + ") ORDER BY m.commission_id, m.held_on, a.case_id",
               ids));
  return ReadAgenda(tx, rows);
}

Status PutVote(storage::Tx& tx, std::int64_t case_id, const VoteRow& v) {
  JUMYS_TRY(tx.Exec("DELETE FROM commission_votes WHERE case_id = $1 AND member = $2",
                    {case_id, v.member}));
  JUMYS_TRY(
      tx.Exec("INSERT INTO commission_votes (case_id, member, vote, reasons, at) "
              "VALUES ($1,$2,$3,$4,$5)",
              {case_id, v.member, v.vote, v.reasons, v.at}));
  return {};
}

Expected<bool> RecordRecommendation(storage::Tx& tx, std::int64_t case_id,
                                    const std::string& recommendation, const std::string& reasons,
                                    const std::string& by, const std::string& at) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE commission_agenda SET recommendation = $1, reasons = $2, recorded_by = $3, "
              "recorded_at = $4 WHERE case_id = $5 AND recommendation IS NULL",
              {recommendation, reasons, by, at, case_id}));
  return changed == 1;
}

}  // namespace jumys::commission
