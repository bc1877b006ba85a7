#include "services/employers/employer_users.h"

#include "core/identifiers.h"
#include "security/password.h"
#include "security/token.h"
#include "storage/audit_log.h"
#include "storage/repositories/employer_user_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::employers {

namespace {

bool IsLogin(const std::string& s) {
  return s.size() >= 2 && s.size() <= 40 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-._") == std::string::npos;
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string MaskIin(const std::string& iin) {
  auto parsed = Iin::Parse(iin);
  return parsed ? parsed->Masked() : std::string();
}

EmployerUser UserOf(const storage::EmployerUserRow& r) {
  return {r.login,  r.full_name,  r.capacity,      MaskIin(r.person_iin),
          r.active, r.created_at, r.deactivated_at};
}

Error NoSuchUser() {
  return Error::NotFound("employer_user.not_found"_msg, "no such user of your employer");
}

// The office an employer's audit events are filed under ("" when it is not registered).
Expected<std::string> EmployerOffice(storage::Tx& tx, const std::string& bin) {
  JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, bin));
  return employer ? employer->office_id : std::string();
}

}  // namespace

EmployerUsers::EmployerUsers(storage::Database& db, const Accounts& accounts, Clock clock)
    : db_(db), accounts_(accounts), clock_(std::move(clock)) {}

Expected<std::string> EmployerUsers::CapacityOf(const Actor& actor) const {
  if (!actor.applicant || actor.bin.empty() || !actor.roles.Has(Role::kEmployer)) {
    return Error::Forbidden("employer_user.not_employer"_msg,
                            "only an employer's users act for an employer");
  }
  std::string capacity = kDirector;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindEmployerUser(tx, actor.user_id));
    if (row) capacity = row->capacity;
    return {};
  }));
  return capacity;
}

Status EmployerUsers::MustBeDirector(const Actor& actor) const {
  JUMYS_ASSIGN_OR_RETURN(auto capacity, CapacityOf(actor));
  if (capacity != kDirector) {
    return Error::Forbidden("employer_user.director_only"_msg,
                            "only the employer's director manages its users");
  }
  return {};
}

Expected<std::vector<EmployerUser>> EmployerUsers::List(const Actor& actor) const {
  JUMYS_TRY(MustBeDirector(actor));
  std::vector<storage::EmployerUserRow> rows;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(rows, storage::ListEmployerUsers(tx, actor.bin));
    return {};
  }));
  std::vector<EmployerUser> out;
  for (const auto& r : rows) out.push_back(UserOf(r));
  return out;
}

Expected<CreatedEmployerUser> EmployerUsers::Create(const Actor& actor,
                                                    const NewEmployerUser& request) {
  JUMYS_TRY(MustBeDirector(actor));
  if (!IsLogin(request.login)) {
    return FieldError(ErrorCode::kUnprocessable, "login", "account.login_format"_msg,
                      "must be 2-40 lower-case letters, digits, '-', '.' or '_'");
  }
  if (Blank(request.full_name)) {
    return FieldError(ErrorCode::kUnprocessable, "full_name", "field.empty"_msg,
                      "must not be empty");
  }
  auto iin = Iin::Parse(request.iin);
  if (!iin) return AtField("iin", iin.error());
  if (request.capacity != kSignatory && request.capacity != kDrafter) {
    return FieldError(ErrorCode::kUnprocessable, "capacity", "field.not_one_of"_msg,
                      "must be one of: {allowed}", {{"allowed", "signatory, drafter"}});
  }
  CreatedEmployerUser created;
  created.one_time_password = RandomHex(8);
  storage::UserRecord u;
  u.kind = "applicant";
  u.login = request.login;
  u.full_name = request.full_name;
  u.roles = RoleName(Role::kEmployer);
  u.bin = actor.bin;
  u.password_hash = HashPassword(created.one_time_password);
  u.must_change_password = true;  // the one-time password is for the first sign-in only
  storage::EmployerUserRow row;
  row.login = u.login;
  row.full_name = u.full_name;
  row.bin = actor.bin;
  row.capacity = request.capacity;
  row.person_iin = iin->str();
  row.created_by = actor.login;
  row.created_at = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindUserByLogin(tx, u.login));
    if (existing) {
      return FieldError(ErrorCode::kConflict, "login", "account.login_taken"_msg,
                        "'{login}' is already taken", {{"login", u.login}});
    }
    JUMYS_ASSIGN_OR_RETURN(row.user_id, storage::InsertUser(tx, u, row.created_at));
    JUMYS_TRY(storage::InsertEmployerUser(tx, row));
    JUMYS_ASSIGN_OR_RETURN(auto office, EmployerOffice(tx, actor.bin));
    // Names the account and capacity, never the person's IIN or the password.
    return storage::AppendAudit(tx, {row.created_at,
                                     actor.login,
                                     "employer_user.create",
                                     "user",
                                     u.login,
                                     office,
                                     {{"capacity", row.capacity}}});
  }));
  created.user = UserOf(row);
  return created;
}

Expected<std::optional<RecordOwner>> EmployerUsers::UserOwner(const std::string& login) const {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindEmployerUserByLogin(tx, login));
    if (row) owner = RecordOwner{{}, "", "", row->bin};
    return {};
  }));
  return owner;
}

Expected<EmployerUser> EmployerUsers::Deactivate(const Actor& actor, const std::string& login) {
  JUMYS_TRY(MustBeDirector(actor));
  const std::string now = FormatRfc3339(clock_());
  storage::EmployerUserRow row;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindEmployerUserByLogin(tx, login));
    if (!found || found->bin != actor.bin) return NoSuchUser();
    row = std::move(*found);
    if (!row.active) return {};  // already: nothing changes
    JUMYS_TRY(storage::DeactivateEmployerUser(tx, row.user_id, now));
    JUMYS_ASSIGN_OR_RETURN(auto ended, storage::RevokeUserSessions(tx, row.user_id, now));
    row.active = false;
    row.deactivated_at = now;
    JUMYS_ASSIGN_OR_RETURN(auto office, EmployerOffice(tx, actor.bin));
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "employer_user.deactivate",
                                     "user",
                                     row.login,
                                     office,
                                     {{"capacity", row.capacity}, {"sessions_revoked", ended}}});
  }));
  accounts_.ForgetUser(row.user_id);
  return UserOf(row);
}

}  // namespace jumys::employers
