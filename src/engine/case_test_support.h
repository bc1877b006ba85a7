#pragma once
// The case engine on a throwaway store with the demo offices and accounts, the real calendar
// and an adjustable clock, called without HTTP: what the table-driven engine tests run on.
// Header-only, for *_test.cpp and *_pgtest.cpp files.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "core/calendar_loader.h"
#include "core/source_dir.h"
#include "engine/case_service.h"
#include "engine/definition_loader.h"
#include "services/case_hooks.h"
#include "services/testing/demo_store.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

class EngineFixture {
 public:
  // 2026-11-23 10:00 in Kyzylorda (UTC+5), a Monday.
  static constexpr std::int64_t kMonday10Local = kHarnessMonday10Local;

  // The shipped processes/ by default; or a scratch tree of definitions, with extra hooks.
  explicit EngineFixture(Backend backend = Backend::kSqlite,
                         std::filesystem::path processes = (jumys::SourceDir() / "processes"),
                         std::filesystem::path reference = (jumys::SourceDir() / "reference"),
                         const DefinitionVocabulary& vocabulary = DefaultDefinitionVocabulary(),
                         const std::function<void(CaseHooks&)>& extra_hooks = {})
      : now_(kMonday10Local), store_(backend, Now()) {
    auto calendar = LoadCalendarDir(jumys::SourceDir() / "reference/calendar");
    Must(calendar, "calendar");
    calendar_ = std::make_unique<CalendarService>(std::move(*calendar));
    auto catalog = LoadProcessCatalog(processes, reference, vocabulary);
    Must(catalog, "catalog");
    catalog_ = std::move(*catalog);
    hooks_ = services::DefaultCaseHooks();
    if (extra_hooks) extra_hooks(hooks_);
    cases_ = std::make_unique<CaseService>(store_.db(), catalog_, store_.offices(), *calendar_,
                                           hooks_, [this] { return Now(); });
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
  storage::Database& db() { return store_.db(); }
  const CalendarService& calendar() const { return *calendar_; }
  const OfficeDirectory& offices() const { return store_.offices(); }

  // The open task of a case's step (a test failure and an empty row when there is none).
  TaskRow OpenTask(std::int64_t case_id, const std::string& step) {
    auto detail = cases_->Load(case_id);
    EXPECT_TRUE(detail.has_value());
    if (detail) {
      for (const auto& t : detail->tasks)
        if (t.step == step && t.open()) return t;
    }
    ADD_FAILURE() << "no open task " << step << " in case " << case_id;
    return {};
  }

  // The signed-in account as the API would resolve it.
  Actor As(const std::string& login) { return store_.As(login); }

  // Adds a staff account (a second executor, say).
  void AddStaff(const std::string& login, const std::string& office, const std::string& roles) {
    store_.AddStaff(login, office, roles);
  }

  template <typename T>
  static void Must(const T& result, const char* what) {
    DemoStore::Must(result, what);
  }

 private:
  std::atomic<std::int64_t> now_;
  DemoStore store_;
  std::unique_ptr<CalendarService> calendar_;
  ProcessCatalog catalog_;
  CaseHooks hooks_;
  std::unique_ptr<CaseService> cases_;
};

}  // namespace jumys::testing
