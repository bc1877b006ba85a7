#pragma once
// The regulations' actors as roles. A user holds a set; routes declare which roles may call them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jumys {

enum class Role : std::uint8_t {
  kJobSeeker,
  kEmployer,
  kOfficeClerk,
  kHead,
  kExecutor,
  kEmploymentSpecialist,
  kEmployerSpecialist,
  kUnitHead,
  kAnalyst,
  kCommissionMember,
  kCommissionSecretary,
  kAdmin,
  kNationalAdmin,  // the national working calendar
};
inline constexpr int kRoleCount = 13;

const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();
bool IsApplicantRole(Role role);

class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) Add(r);
  }
  void Add(Role r) { bits_ |= Bit(r); }
  bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  bool Intersects(RoleSet other) const { return (bits_ & other.bits_) != 0; }
  bool empty() const { return bits_ == 0; }
  std::vector<Role> ToVector() const;
  // Comma-separated role names, the storage form.
  std::string ToString() const;
  static std::optional<RoleSet> Parse(std::string_view comma_separated);

 private:
  static std::uint32_t Bit(Role r) { return 1u << static_cast<unsigned>(r); }
  std::uint32_t bits_ = 0;
};

// Every role that is not an applicant's: the office's and the oblast's staff.
RoleSet StaffRoles();

}  // namespace jumys
