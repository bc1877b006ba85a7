// Walks every route x every demo account (every role, three offices, both applicants) and
// proves the one authorisation rule the router enforces from the route table: a record
// outside the caller's scope answers 404 exactly as a missing record; inside the scope a
// wrong role answers 403; inside the scope with the role, the route answers.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "server/access_matrix_samples_support.h"
#include "server/access_matrix_support.h"
#include "server/testing/api_harness.h"

namespace jumys::testing::access_matrix {
namespace {

using nlohmann::json;

const std::vector<Account> kAccounts = {
    {"clerk", "kzo-city"},
    {"head", "kzo-city"},
    {"executor", "kzo-city"},
    {"employment", "kzo-city"},
    {"employers", "kzo-city"},
    {"analyst", "kzo-city"},
    {"unit-head", "kzo-city"},
    {"member", "kzo-oblast"},
    {"clerk2", "kzo-aral"},
    {"head2", "kzo-aral"},
    {"executor2", "kzo-aral"},
    {"oblast-clerk", "kzo-oblast"},
    {"oblast-head", "kzo-oblast"},
    {"oblast-executor", "kzo-oblast"},
    {"commission", "kzo-oblast"},
    {"admin", "kzo-oblast"},
    {"national-admin", "kzo-oblast"},
    {"seeker", ""},
    {"employer", ""},
};

TEST(AccessMatrix, TheAccountsCoverEveryRole) {
  ApiHarness api(Backend::kSqlite);
  std::set<std::string> covered;
  for (const auto& a : kAccounts) {
    auto me = json::parse(api.Call("GET", "/api/v1/auth/me", "", api.Login(a.login)).body);
    for (const auto& r : me["roles"]) covered.insert(r.get<std::string>());
  }
  for (Role r : AllRoles()) EXPECT_TRUE(covered.count(RoleName(r))) << RoleName(r);
}

// A path parameter that names no record of anyone: reference data and public codes; and the
// caller's own inbox messages, which the service looks for only among the caller's.
const std::set<std::string> kNotRecords = {
    "POST /api/v1/inbox/{id}/read",
    "PUT /api/v1/calendar/days/{date}",
    "DELETE /api/v1/calendar/days/{date}",
    "GET /api/v1/verify/{code}",
    "GET /verify/{code}",
    "GET /api/v1/processes/{code}/bpmn",
    "PUT /api/v1/permit-quotas/{year}/{category}",
    "GET /api/v1/reference/{kind}",
    "GET /api/v1/reference/{kind}/{code}",
    "POST /api/v1/reference/{kind}/imports",
    "GET /api/v1/reference/{kind}/imports/{id}",
    // Public: a published vacancy is anyone's; the handler shows more to its owner and staff.
    "GET /api/v1/vacancies/{id}",
    // A process code: the service looks for the draft among the caller's own only.
    "GET /api/v1/drafts/{process}",
    "PUT /api/v1/drafts/{process}",
    "DELETE /api/v1/drafts/{process}",
};

TEST(AccessMatrix, EveryRecordParameterIsDeclared) {
  ApiHarness api(Backend::kSqlite);
  for (const auto& r : api.runtime().api().router().routes()) {
    const std::string name = r.method + " " + r.pattern;
    const auto open = r.pattern.find('{');
    if (open == std::string::npos || kNotRecords.count(name)) continue;
    // The first parameter names the record; later ones are parts of it ({doc_id} of a case).
    const std::string first = r.pattern.substr(open + 1, r.pattern.find('}', open) - open - 1);
    EXPECT_NE(r.record.kind, http::Record::kNone) << name << " names a record the router ignores";
    EXPECT_EQ(r.record.param, first) << name;
  }
}

TEST(AccessMatrix, EveryRouteEveryRoleEveryOffice) {
  ApiHarness api(Backend::kSqlite);
  const auto samples = Samples(api);
  std::vector<const http::Route*> routes;
  for (const auto& r : api.runtime().api().router().routes()) {
    ASSERT_TRUE(samples.count(r.method + " " + r.pattern))
        << "no sample for " << r.method << " " << r.pattern;
    if (!r.pattern.starts_with("/api/v1/auth/logout")) routes.push_back(&r);
  }
  for (const auto& r : api.runtime().api().router().routes()) {
    // Last: they end the session (logout-all every session of the account).
    if (r.pattern.starts_with("/api/v1/auth/logout")) routes.push_back(&r);
  }
  std::map<std::string, std::string> tokens;
  std::map<std::string, RoleSet> roles_of;
  for (const auto& a : kAccounts) {
    tokens[a.login] = api.Login(a.login);
    auto me = json::parse(api.Call("GET", "/api/v1/auth/me", "", tokens[a.login]).body);
    for (const auto& name : me["roles"]) roles_of[a.login].Add(*ParseRole(name.get<std::string>()));
  }

  int checked = 0;
  for (const http::Route* route : routes) {
    const std::string name = route->method + " " + route->pattern;
    const Sample& s = samples.at(name);
    const bool record = route->record.kind != http::Record::kNone;
    if (record) {
      ASSERT_FALSE(s.missing_target.empty()) << name << ": no missing_target";
    }
    int outside = 0, wrong_role = 0, admitted = 0;
    for (const auto& account : kAccounts) {
      SCOPED_TRACE(name + " as " + account.login);
      const bool with_token = route->scope != http::Scope::kPublic;
      const std::string token = with_token ? tokens[account.login] : "";
      const std::string target = s.fresh_target ? s.fresh_target() : s.target;
      auto response = api.Call(route->method, target, s.fresh_body ? s.fresh_body() : s.body, token,
                               s.content_type);
      ++checked;
      if (!with_token) {
        if (s.check) {
          s.check(account, response);
        } else {
          EXPECT_LT(response.status, 300) << response.body;
        }
        continue;
      }
      const bool role_ok = route->roles.empty() || route->roles.Intersects(roles_of[account.login]);
      if (record) {
        const bool in_scope = s.in_scope ? s.in_scope(account) : CityOrOblastStaff(account);
        if (!in_scope) {
          // Outside the scope: exactly the answer for a record that does not exist, whatever
          // the role.
          auto missing = api.Call(route->method, s.missing_target, s.body, token, s.content_type);
          EXPECT_EQ(missing.status, 404) << missing.body;
          EXPECT_EQ(response.status, 404) << response.body;
          EXPECT_EQ(response.body, missing.body);
          ++outside;
          continue;
        }
        if (!role_ok) {
          EXPECT_EQ(response.status, 403) << response.body;
          EXPECT_EQ(json::parse(response.body)["error"]["key"], "access.role") << response.body;
          ++wrong_role;
          continue;
        }
        ++admitted;
        if (s.check) {
          s.check(account, response);
        } else {
          EXPECT_LT(response.status, 300) << response.body;
        }
        continue;
      }
      if (!role_ok) {
        EXPECT_EQ(response.status, 403) << response.body;
        continue;
      }
      if (s.check) {
        s.check(account, response);
      } else {
        EXPECT_LT(response.status, 300) << response.body;
      }
    }
    if (record) {
      // Every record route shows all three answers over the demo accounts.
      EXPECT_GT(outside, 0) << name << ": no account outside the scope";
      bool every_staff_role = true;  // then no one in an office's scope has a wrong role
      for (Role r : AllRoles()) {
        if (!IsApplicantRole(r) && !route->roles.empty() && !route->roles.Has(r)) {
          every_staff_role = false;
        }
      }
      // A route only applicants may call has no staff in its scope: no wrong role to show.
      const bool applicants_only = !route->roles.empty() && [&] {
        for (Role r : route->roles.ToVector()) {
          if (!IsApplicantRole(r)) return false;
        }
        return true;
      }();
      if (!every_staff_role && !applicants_only) {
        EXPECT_GT(wrong_role, 0) << name << ": no account in scope with a wrong role";
      }
      EXPECT_GT(admitted, 0) << name << ": no account admitted";
    }
  }
  EXPECT_EQ(checked, static_cast<int>(routes.size() * kAccounts.size()));
}

}  // namespace
}  // namespace jumys::testing::access_matrix
