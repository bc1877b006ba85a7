#pragma once
// The oblast commission on foreign-labour permits: its members and secretary, meetings, the
// agenda of cases, members' votes and the recommendation the secretary records (migration 3).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace jumys::storage {
class Tx;
}

namespace jumys::commission {

struct CommissionRow {
  std::int64_t id = 0;
  std::string office_id;
  std::string name;
  std::string secretary;
  std::vector<std::string> members;
  std::string created_at;
  bool Sits(const std::string& login) const;
};

struct VoteRow {
  std::string member;
  std::string vote;  // grant | refuse
  std::string reasons;
  std::string at;
};

struct AgendaRow {
  std::int64_t case_id = 0;
  std::int64_t meeting_id = 0;
  std::int64_t commission_id = 0;
  std::string held_on;
  std::string added_at;
  std::optional<std::string> recommendation;  // grant | refuse, once recorded
  std::string reasons;
  std::string recorded_by;
  std::string recorded_at;
  std::vector<VoteRow> votes;
};

Expected<std::int64_t> InsertCommission(storage::Tx& tx, const CommissionRow& c);
Expected<std::vector<CommissionRow>> ListCommissions(storage::Tx& tx);
Expected<std::optional<CommissionRow>> FindCommission(storage::Tx& tx, std::int64_t id);
// The commission that reviews the cases of an office (the first one set up there).
Expected<std::optional<CommissionRow>> CommissionOfOffice(storage::Tx& tx,
                                                          const std::string& office_id);

Expected<std::int64_t> InsertMeeting(storage::Tx& tx, std::int64_t commission_id,
                                     const std::string& held_on, const std::string& by,
                                     const std::string& at);
// The earliest meeting held on `day` or later, if one is planned.
Expected<std::optional<std::int64_t>> NextMeeting(storage::Tx& tx, std::int64_t commission_id,
                                                  const std::string& day);

Status AddToAgenda(storage::Tx& tx, std::int64_t case_id, std::int64_t meeting_id,
                   const std::string& at);
Expected<std::optional<AgendaRow>> FindAgendaItem(storage::Tx& tx, std::int64_t case_id);
// The agenda of the given commissions (with the votes), by commission, meeting date and case;
// two queries however long it is.
Expected<std::vector<AgendaRow>> ListAgenda(storage::Tx& tx,
                                            const std::vector<std::int64_t>& commission_ids);
// A member's vote; it replaces the member's earlier vote on the case.
Status PutVote(storage::Tx& tx, std::int64_t case_id, const VoteRow& v);
// false when a recommendation was already recorded.
Expected<bool> RecordRecommendation(storage::Tx& tx, std::int64_t case_id,
                                    const std::string& recommendation, const std::string& reasons,
                                    const std::string& by, const std::string& at);

}  // namespace jumys::commission
