#pragma once
// Migration 29: what P3 (special workplaces, docs/SPECIAL_WORKPLACES.md) keeps beyond the
// contract and the payments: a person's recorded disability, a case's parties and links, the
// monthly reports, and placements that several referrals of one case may make. schema.cpp lists
// it with the others.
#include <string>

namespace jumys::storage::special_workplaces_schema {

extern const char* const kTables;
// placements: one per case and person (was: per case), rebuilt in SQLite, altered in PostgreSQL.
extern const char* const kPlacementsPerPersonPostgres;
extern const char* const kPlacementsPerPersonSqlite;

// Migration 30: monitoring visits; statement lines and the importing office.
extern const char* const kVisitsAndStatementLines;

}  // namespace jumys::storage::special_workplaces_schema
