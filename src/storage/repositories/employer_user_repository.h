#pragma once
// Named SQL for an employer's users (migration 7, table employer_users): the signatories and
// drafters a director added beside the account the employer registered with.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct EmployerUserRow {
  std::int64_t user_id = 0;
  std::string login;      // from users
  std::string full_name;  // from users
  bool active = true;     // from users
  std::string bin;
  std::string capacity;  // director | signatory | drafter
  std::string person_iin;
  std::string created_by, created_at;
  std::optional<std::string> deactivated_at;
};

Status InsertEmployerUser(Tx& tx, const EmployerUserRow& u);
// The row of an account, or none (then the account, if it is an employer's, is its director).
Expected<std::optional<EmployerUserRow>> FindEmployerUser(Tx& tx, std::int64_t user_id);
Expected<std::optional<EmployerUserRow>> FindEmployerUserByLogin(Tx& tx, const std::string& login);
// The employer's added users, oldest first.
Expected<std::vector<EmployerUserRow>> ListEmployerUsers(Tx& tx, const std::string& bin);
// Marks the account inactive (it can no longer sign in) and the row deactivated.
Status DeactivateEmployerUser(Tx& tx, std::int64_t user_id, const std::string& at);

}  // namespace jumys::storage
