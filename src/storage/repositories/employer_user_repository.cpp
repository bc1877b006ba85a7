#include "storage/repositories/employer_user_repository.h"

namespace jumys::storage {

namespace {

constexpr const char* kSelect =
    "SELECT e.user_id, u.login, u.full_name, u.active, e.bin, e.capacity, e.person_iin, "
    "e.created_by, e.created_at, e.deactivated_at FROM employer_users e JOIN users u ON u.id = "
    "e.user_id WHERE ";

std::vector<EmployerUserRow> RowsOf(const Rows& rows) {
  std::vector<EmployerUserRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EmployerUserRow u;
    u.user_id = rows.Int(r, 0);
    u.login = rows.Text(r, 1);
    u.full_name = rows.Text(r, 2);
    u.active = rows.Bool(r, 3);
    u.bin = rows.Text(r, 4);
    u.capacity = rows.Text(r, 5);
    u.person_iin = rows.Text(r, 6);
    u.created_by = rows.Text(r, 7);
    u.created_at = rows.Text(r, 8);
    u.deactivated_at = rows.Optional(r, 9);
    out.push_back(std::move(u));
  }
  return out;
}

Expected<std::optional<EmployerUserRow>> One(Tx& tx, const std::string& where, const Params& p) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelect) + where, p));
  auto all = RowsOf(rows);
  if (all.empty()) return std::optional<EmployerUserRow>{};
  return std::optional<EmployerUserRow>{std::move(all.front())};
}

}  // namespace

Status InsertEmployerUser(Tx& tx, const EmployerUserRow& u) {
  JUMYS_TRY(
      tx.Exec("INSERT INTO employer_users (user_id, bin, capacity, person_iin, created_by, "
              "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
              {u.user_id, u.bin, u.capacity, u.person_iin, u.created_by, u.created_at}));
  return {};
}

Expected<std::optional<EmployerUserRow>> FindEmployerUser(Tx& tx, std::int64_t user_id) {
  return One(tx, "e.user_id = $1", {user_id});
}

Expected<std::optional<EmployerUserRow>> FindEmployerUserByLogin(Tx& tx, const std::string& login) {
  return One(tx, "u.login = $1", {login});
}

Expected<std::vector<EmployerUserRow>> ListEmployerUsers(Tx& tx, const std::string& bin) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query(std::string(kSelect) + "e.bin = $1 ORDER BY e.user_id", {bin}));
  return RowsOf(rows);
}

Status DeactivateEmployerUser(Tx& tx, std::int64_t user_id, const std::string& at) {
  JUMYS_TRY(tx.Exec("UPDATE users SET active = 0 WHERE id = $1", {user_id}));
  JUMYS_TRY(tx.Exec(
      "UPDATE employer_users SET deactivated_at = $2 WHERE user_id = $1 AND deactivated_at IS NULL",
      {user_id, at}));
  return {};
}

}  // namespace jumys::storage
