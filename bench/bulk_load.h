#pragma once
// Loading a benchmark's vacancies in bulk. On PostgreSQL the word index takes new rows straight
// in (migration 22), which is right for a clerk saving one vacancy but makes a million inserts
// slow; for the load it collects them in its pending list and merges them once at the end, then
// is set back as migrated, so the searches run against the index as production has it.
#include <functional>

#include "storage/database.h"

namespace jumys::bench {

inline Status LoadVacancies(storage::Database& db, const std::function<Status()>& load) {
  const bool postgres = db.dialect() == storage::Dialect::kPostgres;
  if (postgres) {
    JUMYS_TRY(db.ExecScript("ALTER INDEX vacancies_search_tokens SET (fastupdate = on)"));
  }
  JUMYS_TRY(load());
  if (postgres) {
    JUMYS_TRY(
        db.ExecScript("SELECT gin_clean_pending_list('vacancies_search_tokens'::regclass);"
                      "ALTER INDEX vacancies_search_tokens SET (fastupdate = off)"));
  }
  return db.ExecScript("ANALYZE");
}

}  // namespace jumys::bench
