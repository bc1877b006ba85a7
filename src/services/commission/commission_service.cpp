#include "services/commission/commission_service.h"

#include <algorithm>
#include <map>

#include "core/blank.h"
#include "engine/case_results.h"
#include "engine/case_store.h"
#include "security/access.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::commission {

namespace {

// An active staff member of `office` holding `role`; 422 naming them (at `field`) otherwise.
Status CheckSeat(storage::Tx& tx, const std::string& field, const std::string& login,
                 const std::string& office, Role role) {
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, login));
  auto roles = user ? RoleSet::Parse(user->roles) : std::nullopt;
  if (!user || user->kind != "staff" || !user->active || user->office_id != office || !roles ||
      !roles->Has(role)) {
    return FieldError(ErrorCode::kUnprocessable, field, "commission.not_seated"_msg,
                      "'{login}' is not an active {role} of {office}",
                      {{"login", login}, {"role", RoleName(role)}, {"office", office}});
  }
  return {};
}

}  // namespace

nlohmann::json CommissionJson(const CommissionRow& c) {
  return {{"id", c.id},           {"office", c.office_id},
          {"name", c.name},       {"secretary", c.secretary},
          {"members", c.members}, {"created_at", c.created_at}};
}

nlohmann::json MeetingJson(const Meeting& m) {
  return {{"id", m.id}, {"commission", m.commission_id}, {"held_on", FormatDate(m.held_on)}};
}

nlohmann::json VoteJson(const CastVote& v) {
  return {{"case_id", v.case_id},
          {"member", v.member},
          {"vote", v.vote},
          {"reasons", v.reasons},
          {"at", v.at}};
}

CommissionService::CommissionService(storage::Database& db, const OfficeDirectory& offices,
                                     std::function<Instant()> clock)
    : db_(db), offices_(offices), clock_(std::move(clock)) {}

Expected<std::vector<CommissionRow>> CommissionService::VisibleIn(storage::Tx& tx,
                                                                  const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto all, ListCommissions(tx));
  std::vector<CommissionRow> out;
  for (auto& c : all) {
    const bool admin =
        actor.roles.Has(Role::kAdmin) && CanAccessOffice(actor, offices_, c.office_id);
    if (admin || c.Sits(actor.login)) out.push_back(std::move(c));
  }
  return out;
}

Expected<std::optional<RecordOwner>> CommissionService::CommissionOwner(
    std::int64_t commission_id) {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto c, FindCommission(tx, commission_id));
    if (c) owner = RecordOwner{{c->office_id}, "", "", ""};
    return {};
  }));
  return owner;
}

Expected<std::vector<CommissionRow>> CommissionService::Visible(const Actor& actor) {
  std::vector<CommissionRow> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, VisibleIn(tx, actor));
    return {};
  }));
  return out;
}

Expected<CommissionRow> CommissionService::Create(const Actor& actor, NewCommission request) {
  if (!actor.roles.Has(Role::kAdmin)) {
    return Error::Forbidden("commission.admin_only"_msg,
                            "a commission is set up by an administrator");
  }
  CommissionRow c;
  c.name = std::move(request.name);
  c.secretary = std::move(request.secretary);
  c.members = std::move(request.members);
  for (const auto& [field, value] : {std::pair{"name", &c.name}, {"secretary", &c.secretary}}) {
    if (IsBlank(*value)) {
      return FieldError(ErrorCode::kUnprocessable, field, "field.empty"_msg, "must not be empty");
    }
  }
  if (c.members.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "members", "commission.no_members"_msg,
                      "must be a non-empty list of logins");
  }
  std::sort(c.members.begin(), c.members.end());
  if (std::adjacent_find(c.members.begin(), c.members.end()) != c.members.end()) {
    return FieldError(ErrorCode::kUnprocessable, "members", "commission.member_twice"_msg,
                      "a login is listed twice");
  }
  auto office = offices_.Find(actor.office_id);
  if (!office || !office->oblast_level) {
    return Error::Unprocessable("commission.oblast_only"_msg,
                                "a commission is set up at the oblast department");
  }
  c.office_id = office->id;
  c.created_at = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(CheckSeat(tx, "secretary", c.secretary, c.office_id, Role::kCommissionSecretary));
    for (const auto& m : c.members) {
      JUMYS_TRY(CheckSeat(tx, "members", m, c.office_id, Role::kCommissionMember));
    }
    JUMYS_ASSIGN_OR_RETURN(c.id, InsertCommission(tx, c));
    return storage::AppendAudit(tx, {c.created_at, actor.login, "commission.create", "commission",
                                     std::to_string(c.id), c.office_id, CommissionJson(c)});
  }));
  return c;
}

Expected<Meeting> CommissionService::CallMeeting(const Actor& actor, std::int64_t commission_id,
                                                 Date held_on) {
  const Instant now = clock_();
  Meeting meeting{0, commission_id, held_on};
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto list, VisibleIn(tx, actor));
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const auto& c) { return c.id == commission_id; });
    if (it == list.end()) return Error::NotFound("commission.not_found"_msg, "no such commission");
    if (it->secretary != actor.login && !actor.roles.Has(Role::kAdmin)) {
      return Error::Forbidden("commission.secretary_calls"_msg,
                              "meetings are called by the commission's secretary");
    }
    // "The past" is the office's: its local date, not the server's.
    auto office = offices_.Find(it->office_id);
    if (office && held_on < OfficeDate(*office, now)) {
      return FieldError(ErrorCode::kUnprocessable, "held_on", "commission.meeting_in_past"_msg,
                        "a meeting is not called in the past");
    }
    const std::string at = FormatRfc3339(now);
    JUMYS_ASSIGN_OR_RETURN(meeting.id,
                           InsertMeeting(tx, commission_id, FormatDate(held_on), actor.login, at));
    return storage::AppendAudit(
        tx, {at, actor.login, "commission.meeting", "commission", std::to_string(commission_id),
             it->office_id, MeetingJson(meeting)});
  }));
  return meeting;
}

Expected<std::vector<AgendaEntry>> CommissionService::Agenda(const Actor& actor) {
  std::vector<AgendaEntry> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto all, ListCommissions(tx));
    std::vector<std::int64_t> mine;
    for (const auto& c : all) {
      if (c.Sits(actor.login)) mine.push_back(c.id);
    }
    JUMYS_ASSIGN_OR_RETURN(auto agenda, ListAgenda(tx, mine));
    std::vector<std::int64_t> ids;
    ids.reserve(agenda.size());
    for (const auto& a : agenda) ids.push_back(a.case_id);
    // Every case of the agenda in one read rather than one per item.
    JUMYS_ASSIGN_OR_RETURN(auto cases, FindCases(tx, ids));
    std::map<std::int64_t, CaseRow*> by_id;
    for (auto& k : cases) by_id.emplace(k.id, &k);
    out.reserve(agenda.size());
    for (auto& a : agenda) {
      auto found = by_id.find(a.case_id);
      if (found == by_id.end()) continue;
      out.push_back({std::move(a), std::move(*found->second)});
    }
    return {};
  }));
  return out;
}

Expected<CastVote> CommissionService::Vote(const Actor& actor, std::int64_t case_id,
                                           VoteRequest request) {
  if (request.vote != "grant" && request.vote != "refuse") {
    return FieldError(ErrorCode::kUnprocessable, "vote", "field.not_one_of"_msg,
                      "must be one of: {allowed}", {{"allowed", "grant, refuse"}});
  }
  if (request.vote == "refuse" && request.reasons.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "reasons", "commission.refusal_needs_reasons"_msg,
                      "a vote to refuse gives its reasons");
  }
  CastVote v{case_id, actor.login, std::move(request.vote), std::move(request.reasons),
             FormatRfc3339(clock_())};
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto item, FindAgendaItem(tx, case_id));
    std::optional<CommissionRow> c;
    if (item) {
      JUMYS_ASSIGN_OR_RETURN(c, FindCommission(tx, item->commission_id));
    }
    // Not on the caller's agenda: as if it did not exist.
    if (!item || !c ||
        std::find(c->members.begin(), c->members.end(), actor.login) == c->members.end()) {
      return Error::NotFound("commission.not_on_agenda"_msg,
                             "no such case on your commission's agenda");
    }
    if (item->recommendation) {
      return Error::Conflict("commission.already_recommended"_msg,
                             "the recommendation is already recorded");
    }
    JUMYS_TRY(PutVote(tx, case_id, {v.member, v.vote, v.reasons, v.at}));
    return storage::AppendAudit(tx, {v.at, actor.login, "commission.vote", "case",
                                     std::to_string(case_id), c->office_id, VoteJson(v)});
  }));
  return v;
}

}  // namespace jumys::commission
