#pragma once
// The oblast commission on foreign-labour permits: commissions with their secretary and
// members, meetings, the agenda of cases and members' votes. The recommendation itself is the
// secretary's task in the case (S4a step 6.5, see commission_hooks.h).
//
// Who sees what: an administrator the commissions of the offices they may access, everyone
// else the ones they sit on; a member only the agenda of the commissions they sit on. Every
// change writes its audit event in the same transaction.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/case_model.h"
#include "services/commission/commission_store.h"
#include "storage/database.h"

namespace jumys::commission {

struct NewCommission {
  std::string name;
  std::string secretary;             // an active commission secretary of the oblast office
  std::vector<std::string> members;  // active commission members of it, each once
};

struct Meeting {
  std::int64_t id = 0;
  std::int64_t commission_id = 0;
  Date held_on;
};

// A case on the agenda: the agenda item (meeting, votes, recommendation) and the case itself.
struct AgendaEntry {
  AgendaRow item;
  CaseRow kase;
};

struct VoteRequest {
  std::string vote;     // grant | refuse
  std::string reasons;  // required to refuse
};

struct CastVote {
  std::int64_t case_id = 0;
  std::string member;
  std::string vote;
  std::string reasons;
  std::string at;  // RFC 3339
};

class CommissionService {
 public:
  CommissionService(storage::Database& db, const OfficeDirectory& offices,
                    std::function<Instant()> clock);

  // Who a commission belongs to (its office), for the router's scope check; nullopt if none.
  Expected<std::optional<RecordOwner>> CommissionOwner(std::int64_t commission_id);

  // Administrators: the commissions of the offices they may access; others: the ones they sit on.
  Expected<std::vector<CommissionRow>> Visible(const Actor& actor);
  // An administrator sets up a commission at their oblast department. 422 for an empty or
  // repeated member list, a non-oblast office, or a seat the login may not take.
  Expected<CommissionRow> Create(const Actor& actor, NewCommission request);
  // The secretary (or an administrator) calls a meeting, not before the office's local today.
  // 404 for a commission the caller does not see.
  Expected<Meeting> CallMeeting(const Actor& actor, std::int64_t commission_id, Date held_on);
  // The agenda of the commissions the caller sits on, by meeting date then case.
  Expected<std::vector<AgendaEntry>> Agenda(const Actor& actor);
  // A member's vote on a case of their commission's agenda; replaces their earlier vote. 404
  // when the case is not on it, 409 once the recommendation is recorded.
  Expected<CastVote> Vote(const Actor& actor, std::int64_t case_id, VoteRequest request);

 private:
  Expected<std::vector<CommissionRow>> VisibleIn(storage::Tx& tx, const Actor& actor);

  storage::Database& db_;
  const OfficeDirectory& offices_;
  std::function<Instant()> clock_;
};

// The JSON forms the API answers with, which are also the data of the audit events
// commission.create, commission.meeting and commission.vote.
nlohmann::json CommissionJson(const CommissionRow& c);
nlohmann::json MeetingJson(const Meeting& m);
nlohmann::json VoteJson(const CastVote& v);

}  // namespace jumys::commission
