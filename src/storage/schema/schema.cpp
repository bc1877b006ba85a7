#include "storage/schema/schema.h"

#include <string>
#include <string_view>

#include "storage/schema/activity_migrations.h"
#include "storage/schema/analytics_migrations.h"
#include "storage/schema/casework_migrations.h"
#include "storage/schema/contract_migrations.h"
#include "storage/schema/decision_list_migrations.h"
#include "storage/schema/draft_migrations.h"
#include "storage/schema/foundation_migrations.h"
#include "storage/schema/payment_migrations.h"
#include "storage/schema/relocation_migrations.h"
#include "storage/schema/special_workplace_migrations.h"
#include "storage/schema/vacancy_bank_migrations.h"

namespace jumys::storage {

// Instants are stored as RFC 3339 UTC text ("2026-11-23T07:55:21Z"), which sorts correctly and
// reads the same in both dialects; dates as YYYY-MM-DD; money as integer tiyn.
namespace {

// The migrations' texts are PostgreSQL's; SQLite's follow by two rewrites: a BIGSERIAL key becomes
// an INTEGER PRIMARY KEY AUTOINCREMENT (the rowid), and BIGINT becomes INTEGER (SQLite's
// integers are 64-bit anyway, and only "INTEGER PRIMARY KEY" is the rowid).
std::string SqliteText(std::string sql) {
  const auto replace_all = [&sql](std::string_view from, std::string_view to) {
    for (auto pos = sql.find(from); pos != std::string::npos;
         pos = sql.find(from, pos + to.size())) {
      sql.replace(pos, from.size(), to);
    }
  };
  replace_all("BIGSERIAL PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all("BIGINT", "INTEGER");
  return sql;
}

// Triggers refusing UPDATE and DELETE on `table`: what was written there stays as written.
std::string AppendOnlyTriggers(Dialect dialect, const std::string& table) {
  const std::string refusal = "'" + table + " is append-only'";
  if (dialect == Dialect::kSqlite) {
    return "\nCREATE TRIGGER " + table + "_no_update BEFORE UPDATE ON " + table +
           "\nBEGIN SELECT RAISE(ABORT, " + refusal + "); END;\nCREATE TRIGGER " + table +
           "_no_delete BEFORE DELETE ON " + table + "\nBEGIN SELECT RAISE(ABORT, " + refusal +
           "); END;\n";
  }
  return "\nCREATE FUNCTION " + table +
         "_append_only() RETURNS trigger AS $$\nBEGIN\n  RAISE EXCEPTION " + refusal +
         ";\nEND;\n$$ LANGUAGE plpgsql;\nCREATE TRIGGER " + table +
         "_no_change BEFORE UPDATE OR DELETE ON " + table + "\n  FOR EACH ROW EXECUTE FUNCTION " +
         table + "_append_only();\n";
}

}  // namespace

const std::vector<Migration>& SchemaMigrations(Dialect dialect) {
  using namespace foundation_schema;
  using namespace casework_schema;
  using namespace vacancy_bank;
  static const std::vector<Migration> kPostgres = {
      {1, "init", kInit},
      {2, "cases", kCases},
      {3, "permits", kPermits},
      {4, "documents", kDocuments},
      {5, "sign-in", kSignIn},
      {6, "challenges", kChallenges},
      {7, "delegation", kDelegation},
      {8, "transfers", kTransfers},
      {9, "notifications", kNotifications},
      {10, "task-alerts", kTaskAlerts},
      {11, "case-milestones", kCaseMilestones},
      {12, "card-deregistered", kCardDeregisteredPostgres},
      {13, "drafts-per-kind", kDraftsPerKind},
      {14, "document-annulments",
       kAnnulmentsTables + AppendOnlyTriggers(Dialect::kPostgres, "document_annulments")},
      {15, "case-subjects", kCaseSubjects},
      {16, "case-notes", kCaseNotesTable + AppendOnlyTriggers(Dialect::kPostgres, "case_notes")},
      {17, "reference-codes", kReferenceCodes},
      {18, "vacancies", kVacancies},
      {19, "vacancy-search", VacancySearchPostgres()},
      {20, "seeker-profiles", kSeekerProfiles},
      {21, "placements", kPlacements},
      {22, "vacancy-search-prefixes", VacancySearchPrefixesPostgres()},
      {23, "contracts", contracts_schema::kContracts},
      {24, "decision-lists", decision_lists::kDecisionLists},
      {25, "drafts", drafts_schema::kDrafts},
      {26, "vacancy-contract", kVacancyContract},
      {27, "payments", payments_schema::kPayments},
      {28, "payment-links", payments_schema::kPaymentLinks},
      {29, "special-workplaces",
       std::string(special_workplaces_schema::kTables) +
           special_workplaces_schema::kPlacementsPerPersonPostgres},
      {30, "visits-statement-lines", special_workplaces_schema::kVisitsAndStatementLines},
      {31, "relocation", relocation_schema::kTables},
      {32, "programme-activities", activities_schema::kActivities},
      {33, "analytics-indexes", analytics_schema::kIndexes},
      {34, "task-durations", analytics_schema::kTaskDurations}};
  static const std::vector<Migration> kSqlite = [] {
    std::vector<Migration> out = kPostgres;
    for (auto& m : out) {
      if (m.version == 12) {
        m.sql = kCardDeregisteredSqlite;
      } else if (m.version == 14) {
        m.sql = SqliteText(kAnnulmentsTables +
                           AppendOnlyTriggers(Dialect::kSqlite, "document_annulments"));
      } else if (m.version == 19) {
        m.sql = VacancySearchSqlite();
      } else if (m.version == 22) {
        m.sql = kVacancySearchPrefixesSqlite;
      } else if (m.version == 29) {
        m.sql = SqliteText(std::string(special_workplaces_schema::kTables) +
                           special_workplaces_schema::kPlacementsPerPersonSqlite);
      } else if (m.version == 16) {
        m.sql = SqliteText(kCaseNotesTable + AppendOnlyTriggers(Dialect::kSqlite, "case_notes"));
      } else {
        m.sql = SqliteText(m.sql);
      }
    }
    return out;
  }();
  return dialect == Dialect::kSqlite ? kSqlite : kPostgres;
}

Expected<std::unique_ptr<Database>> OpenMigratedDatabase(const std::string& url, int readers) {
  DatabaseOptions options;
  options.readers = readers;
  JUMYS_ASSIGN_OR_RETURN(auto db, OpenDatabase(url, options));
  JUMYS_TRY(Migrate(*db, SchemaMigrations(db->dialect())));
  return db;
}

}  // namespace jumys::storage
