#include "services/delegations/delegation_service.h"

#include "engine/case_results.h"
#include "storage/audit_log.h"
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::delegations {

namespace {

bool Delegable(Role role) { return role == Role::kHead || role == Role::kUnitHead; }

Error NoSuchDelegation() {
  return Error::NotFound("delegation.not_found"_msg, "no such delegation");
}

Expected<std::string> NameOf(storage::Tx& tx, const std::string& login) {
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, login));
  return user ? user->full_name : login;
}

std::string StatusOn(const storage::DelegationRow& d, const std::string& today) {
  if (d.revoked_at) return "revoked";
  if (today < d.starts_on) return "scheduled";
  if (today > d.ends_on) return "ended";
  return "in_force";
}

Expected<Delegation> Describe(storage::Tx& tx, const storage::DelegationRow& d,
                              const std::string& today) {
  Delegation out;
  out.id = d.id;
  out.office_id = d.office_id;
  out.role = d.role;
  out.delegator = d.delegator;
  JUMYS_ASSIGN_OR_RETURN(out.delegator_name, NameOf(tx, d.delegator));
  out.delegate = d.delegate;
  JUMYS_ASSIGN_OR_RETURN(out.delegate_name, NameOf(tx, d.delegate));
  out.starts_on = d.starts_on;
  out.ends_on = d.ends_on;
  out.created_by = d.created_by;
  out.created_at = d.created_at;
  out.revoked_at = d.revoked_at;
  out.revoked_by = d.revoked_by;
  out.status = StatusOn(d, today);
  return out;
}

Expected<Date> DateField(const std::string& field, const std::string& text) {
  auto date = ParseDate(text);
  if (!date) {
    Error e = AtField(field, date.error());
    e.code = ErrorCode::kUnprocessable;
    return e;
  }
  return *date;
}

}  // namespace

DelegationService::DelegationService(storage::Database& db, const OfficeDirectory& offices,
                                     Clock clock)
    : db_(db), offices_(offices), clock_(std::move(clock)) {}

Expected<Delegation> DelegationService::Create(const Actor& actor, const NewDelegation& request) {
  auto role = ParseRole(request.role);
  if (!role) {
    return FieldError(ErrorCode::kUnprocessable, "role", "role.unknown"_msg,
                      "unknown role '{role}'", {{"role", request.role}});
  }
  if (actor.applicant || !actor.roles.Has(*role)) {
    return Error::Forbidden("delegation.role_not_held"_msg,
                            "you may delegate only a role you hold yourself: {role}",
                            {{"role", request.role}});
  }
  if (!Delegable(*role)) {
    return Error::Forbidden("delegation.role_not_delegable"_msg,
                            "the role {role} is not delegated; only head and unit_head are",
                            {{"role", request.role}});
  }
  auto office = offices_.Find(actor.office_id);
  if (!office) return Error::Internal("actor office " + actor.office_id + " is not loaded");
  JUMYS_ASSIGN_OR_RETURN(const Date starts, DateField("starts_on", request.starts_on));
  JUMYS_ASSIGN_OR_RETURN(const Date ends, DateField("ends_on", request.ends_on));
  if (ends < starts) {
    return FieldError(ErrorCode::kUnprocessable, "ends_on", "delegation.ends_before_start"_msg,
                      "the period ends before it starts");
  }
  const Instant now = clock_();
  const std::string today = FormatDate(OfficeDate(*office, now));
  if (FormatDate(ends) < today) {
    return FieldError(ErrorCode::kUnprocessable, "ends_on", "delegation.in_past"_msg,
                      "the period has ended already");
  }
  if (request.delegate == actor.login) {
    return FieldError(ErrorCode::kUnprocessable, "delegate", "delegation.to_self"_msg,
                      "you may not delegate to yourself");
  }
  storage::DelegationRow row;
  row.office_id = office->id;
  row.role = RoleName(*role);
  row.delegator = actor.login;
  row.delegate = request.delegate;
  row.starts_on = FormatDate(starts);
  row.ends_on = FormatDate(ends);
  row.created_by = actor.login;
  row.created_at = FormatRfc3339(now);
  Delegation out;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto delegate, storage::FindUserByLogin(tx, request.delegate));
    // Another office's staff answer as an unknown login: the list of colleagues is the scope.
    if (!delegate || delegate->kind != "staff" || !delegate->active ||
        delegate->office_id != office->id) {
      return FieldError(ErrorCode::kUnprocessable, "delegate", "delegation.not_colleague"_msg,
                        "'{login}' is not an active staff member of your office",
                        {{"login", request.delegate}});
    }
    auto held = RoleSet::Parse(delegate->roles);
    if (held && held->Has(*role)) {
      return FieldError(ErrorCode::kUnprocessable, "delegate", "delegation.holds_role"_msg,
                        "'{login}' holds the role {role} already",
                        {{"login", request.delegate}, {"role", row.role}});
    }
    JUMYS_ASSIGN_OR_RETURN(
        auto overlapping,
        storage::ListOverlappingDelegations(tx, actor.login, row.role, row.starts_on, row.ends_on));
    if (!overlapping.empty()) {
      return Error::Conflict(
          "delegation.overlaps"_msg, "the period overlaps your delegation from {from} to {to}",
          {{"from", overlapping.front().starts_on}, {"to", overlapping.front().ends_on}});
    }
    JUMYS_ASSIGN_OR_RETURN(row.id, storage::InsertDelegation(tx, row));
    JUMYS_TRY(storage::AppendAudit(tx, {row.created_at,
                                        actor.login,
                                        "delegation.create",
                                        "delegation",
                                        std::to_string(row.id),
                                        row.office_id,
                                        {{"role", row.role},
                                         {"delegate", row.delegate},
                                         {"starts_on", row.starts_on},
                                         {"ends_on", row.ends_on}}}));
    JUMYS_ASSIGN_OR_RETURN(out, Describe(tx, row, today));
    return {};
  }));
  return out;
}

Expected<std::optional<RecordOwner>> DelegationService::DelegationOwner(std::int64_t id) const {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindDelegation(tx, id));
    if (row) owner = RecordOwner{{row->office_id}, "", "", ""};
    return {};
  }));
  return owner;
}

Expected<Delegation> DelegationService::Revoke(const Actor& actor, std::int64_t id) {
  std::shared_ptr<const Office> office;
  if (!actor.applicant) office = offices_.Find(actor.office_id);
  if (!office) return NoSuchDelegation();
  const Instant now = clock_();
  const std::string at = FormatRfc3339(now);
  const std::string today = FormatDate(OfficeDate(*office, now));
  Delegation out;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindDelegation(tx, id));
    if (!row || row->office_id != office->id) return NoSuchDelegation();
    auto role = ParseRole(row->role);
    if (row->delegator != actor.login && (!role || !actor.roles.Has(*role))) {
      return Error::Forbidden("delegation.revoke_by_holder"_msg,
                              "a delegation is revoked by its delegator or another {role}",
                              {{"role", row->role}});
    }
    JUMYS_ASSIGN_OR_RETURN(const bool revoked, storage::RevokeDelegation(tx, id, at, actor.login));
    if (!revoked) {
      return Error::Conflict("delegation.revoked_already"_msg,
                             "the delegation was revoked already");
    }
    row->revoked_at = at;
    row->revoked_by = actor.login;
    JUMYS_TRY(storage::AppendAudit(tx, {at,
                                        actor.login,
                                        "delegation.revoke",
                                        "delegation",
                                        std::to_string(id),
                                        row->office_id,
                                        {{"role", row->role}, {"delegate", row->delegate}}}));
    JUMYS_ASSIGN_OR_RETURN(out, Describe(tx, *row, today));
    return {};
  }));
  return out;
}

Expected<std::vector<Delegation>> DelegationService::List(const Actor& actor) const {
  std::vector<Delegation> out;
  std::shared_ptr<const Office> office;
  if (!actor.applicant) office = offices_.Find(actor.office_id);
  if (!office) return out;
  const std::string today = FormatDate(OfficeDate(*office, clock_()));
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, storage::ListOfficeDelegations(tx, office->id));
    for (const auto& r : rows) {
      JUMYS_ASSIGN_OR_RETURN(auto d, Describe(tx, r, today));
      out.push_back(std::move(d));
    }
    return {};
  }));
  return out;
}

}  // namespace jumys::delegations
