#pragma once
// The demo data (seed-demo) on a throwaway store, for service and engine tests without HTTP:
// offices kzo-city and kzo-aral under the oblast department kzo-oblast, with their accounts.
// Header-only. Failing to set up throws std::runtime_error, which gtest reports as a failure.
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "security/accounts.h"
#include "security/password.h"
#include "services/demo/demo_data.h"
#include "storage/migrations.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"
#include "storage/schema/schema.h"
#include "storage/testing/test_databases.h"

namespace jumys::testing {

// One audit event as stored, its data parsed.
struct AuditRow {
  std::string action, actor, entity, entity_id, office_id;
  nlohmann::json data;
};

class DemoStore {
 public:
  explicit DemoStore(Backend backend = Backend::kSqlite,
                     Instant seeded_at = Instant{std::chrono::seconds(kHarnessMonday10Local)})
      : db_(MakeTestDatabase(backend)), now_(seeded_at) {
    Must(storage::Migrate(*db_, storage::SchemaMigrations(db_->dialect())), "migrate");
    Must(demo::SeedDemo(*db_, now_), "seed");
    Must(storage::LoadOffices(*db_, offices_), "offices");
  }

  storage::Database& db() { return *db_; }
  // Mutable so that a test can reload or extend the directory the services were given.
  OfficeDirectory& offices() { return offices_; }
  const OfficeDirectory& offices() const { return offices_; }
  // The instant the demo data was seeded at.
  Instant Now() const { return now_; }

  // The signed-in account as a session of it would carry it (Accounts::ActorFor).
  Actor As(const std::string& login) {
    std::optional<storage::UserRecord> user;
    Must(db_->Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserByLogin(tx, login));
      return {};
    }),
         "user");
    if (!user) throw std::invalid_argument("no account " + login);
    const Accounts accounts(*db_, offices_, AccountPolicy{}, [this] { return now_; });
    auto actor = accounts.ActorFor(*user);
    Must(actor, "actor");
    return *actor;
  }

  // Adds a staff account (a second executor, say) that signs in with the demo password.
  void AddStaff(const std::string& login, const std::string& office, const std::string& roles,
                bool active = true) {
    storage::UserRecord u;
    u.login = login;
    u.kind = "staff";
    u.full_name = login;
    u.office_id = office;
    u.roles = roles;
    u.password_hash = HashPassword(demo::kDemoPassword);
    u.active = active;
    Must(db_->Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(storage::InsertUser(tx, u, FormatRfc3339(now_)));
      return {};
    }),
         "add staff");
  }

  // The audit events whose action is LIKE action_pattern ("calendar.%"), oldest first.
  std::vector<AuditRow> Audit(const std::string& action_pattern) {
    std::vector<AuditRow> out;
    Must(db_->Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto rows,
                             tx.Query("SELECT action, actor, entity, entity_id, office_id, data "
                                      "FROM audit_events WHERE action LIKE $1 ORDER BY seq",
                                      {action_pattern}));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        out.push_back({rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3),
                       rows.Text(r, 4), nlohmann::json::parse(rows.Text(r, 5))});
      }
      return {};
    }),
         "audit");
    return out;
  }

  template <typename T>
  static void Must(const T& result, const char* what) {
    if (!result) {
      throw std::runtime_error(std::string(what) + ": " + result.error().message + " " +
                               result.error().internal);
    }
  }

 private:
  std::unique_ptr<storage::Database> db_;
  Instant now_;
  OfficeDirectory offices_;
};

}  // namespace jumys::testing
