#include "domain/roles.h"

#include <array>

namespace jumys {

namespace {
constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "job_seeker",
    "employer",
    "office_clerk",
    "head",
    "executor",
    "employment_specialist",
    "employer_specialist",
    "unit_head",
    "analyst",
    "commission_member",
    "commission_secretary",
    "admin",
    "national_admin",
};
}  // namespace

const char* RoleName(Role role) { return kRoleNames[static_cast<std::size_t>(role)].data(); }

std::optional<Role> ParseRole(std::string_view name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = [] {
    std::vector<Role> all;
    for (int i = 0; i < kRoleCount; ++i) all.push_back(static_cast<Role>(i));
    return all;
  }();
  return kAll;
}

bool IsApplicantRole(Role role) { return role == Role::kJobSeeker || role == Role::kEmployer; }

RoleSet StaffRoles() {
  RoleSet set;
  for (Role r : AllRoles()) {
    if (!IsApplicantRole(r)) set.Add(r);
  }
  return set;
}

std::vector<Role> RoleSet::ToVector() const {
  std::vector<Role> out;
  for (Role r : AllRoles()) {
    if (Has(r)) out.push_back(r);
  }
  return out;
}

std::string RoleSet::ToString() const {
  std::string out;
  for (Role r : ToVector()) {
    if (!out.empty()) out += ',';
    out += RoleName(r);
  }
  return out;
}

std::optional<RoleSet> RoleSet::Parse(std::string_view text) {
  RoleSet set;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto name = text.substr(0, comma);
    auto role = ParseRole(name);
    if (!role) return std::nullopt;
    set.Add(*role);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return set;
}

}  // namespace jumys
