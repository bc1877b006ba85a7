#pragma once
// The case engine on a throwaway store with the demo offices and accounts, the real calendar
// and an adjustable clock, called without HTTP: what the table-driven engine tests run on.
// Header-only, for *_test.cpp and *_pgtest.cpp files.
#include <atomic>
#include <stdexcept>
#include <string>

#include "core/calendar_loader.h"
#include "engine/case_service.h"
#include "engine/definition_loader.h"
#include "security/password.h"
#include "services/case_hooks.h"
#include "services/demo/demo_data.h"
#include "storage/migrations.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"
#include "storage/schema/schema.h"
#include "storage/testing/test_databases.h"

namespace jumys::testing {

class EngineFixture {
 public:
  // 2026-11-23 10:00 in Kyzylorda (UTC+5), a Monday.
  static constexpr std::int64_t kMonday10Local = kHarnessMonday10Local;

  // The shipped processes/ by default; or a scratch tree of definitions, with extra hooks.
  explicit EngineFixture(Backend backend = Backend::kSqlite,
                         std::filesystem::path processes = JUMYS_SOURCE_DIR "/processes",
                         std::filesystem::path reference = JUMYS_SOURCE_DIR "/reference",
                         const DefinitionVocabulary& vocabulary = DefaultDefinitionVocabulary(),
                         const std::function<void(CaseHooks&)>& extra_hooks = {})
      : now_(kMonday10Local) {
    db_ = MakeTestDatabase(backend);
    Must(storage::Migrate(*db_, storage::SchemaMigrations(db_->dialect())), "migrate");
    Must(demo::SeedDemo(*db_, Now()), "seed");
    Must(storage::LoadOffices(*db_, offices_), "offices");
    auto calendar = LoadCalendarDir(std::filesystem::path(JUMYS_SOURCE_DIR) / "reference/calendar");
    Must(calendar, "calendar");
    calendar_ = std::make_unique<CalendarService>(std::move(*calendar));
    auto catalog = LoadProcessCatalog(processes, reference, vocabulary);
    Must(catalog, "catalog");
    catalog_ = std::move(*catalog);
    hooks_ = services::DefaultCaseHooks();
    if (extra_hooks) extra_hooks(hooks_);
    cases_ = std::make_unique<CaseService>(*db_, catalog_, offices_, *calendar_, hooks_,
                                           [this] { return Now(); });
  }

  Instant Now() const { return Instant{std::chrono::seconds(now_.load())}; }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }
  // A wall-clock time in Kyzylorda (UTC+5) as the UTC text the store keeps.
  static std::string Local(const std::string& local) {
    auto t = ParseLocalTime(local);
    if (!t) throw std::invalid_argument("bad local time " + local);
    return FormatRfc3339(Instant{t->time_since_epoch() - std::chrono::hours(5)});
  }

  CaseService& cases() { return *cases_; }
  storage::Database& db() { return *db_; }
  const CalendarService& calendar() const { return *calendar_; }
  const OfficeDirectory& offices() const { return offices_; }

  // The signed-in account as the API would resolve it.
  Actor As(const std::string& login) {
    std::optional<storage::UserRecord> user;
    Must(db_->Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserByLogin(tx, login));
      return {};
    }),
         "user");
    if (!user) throw std::invalid_argument("no account " + login);
    Actor a;
    a.user_id = user->id;
    a.login = user->login;
    a.applicant = user->kind == "applicant";
    a.roles = *RoleSet::Parse(user->roles);
    a.office_id = user->office_id;
    a.iin = user->iin;
    a.bin = user->bin;
    if (auto office = offices_.Find(a.office_id)) {
      a.oblast_kato = office->oblast_kato;
      a.oblast_scope = office->oblast_level;
    }
    return a;
  }

  // Adds a staff account (a second executor, say).
  void AddStaff(const std::string& login, const std::string& office, const std::string& roles) {
    storage::UserRecord u;
    u.login = login;
    u.kind = "staff";
    u.full_name = login;
    u.office_id = office;
    u.roles = roles;
    u.password_hash = HashPassword("demo");
    Must(db_->Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(storage::InsertUser(tx, u, FormatRfc3339(Now())));
      return {};
    }),
         "add staff");
  }

  template <typename T>
  static void Must(const T& result, const char* what) {
    if (!result) {
      throw std::runtime_error(std::string(what) + ": " + result.error().message + " " +
                               result.error().internal);
    }
  }

 private:
  std::atomic<std::int64_t> now_;
  std::unique_ptr<storage::Database> db_;
  OfficeDirectory offices_;
  std::unique_ptr<CalendarService> calendar_;
  ProcessCatalog catalog_;
  CaseHooks hooks_;
  std::unique_ptr<CaseService> cases_;
};

}  // namespace jumys::testing
