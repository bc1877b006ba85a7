#include "storage/schema/vacancy_bank_migrations.h"

namespace jumys::storage::vacancy_bank {

namespace {

// The codes of a row (`row`: new or old, or none for bare column names) as facet tokens, one per
// prefix (nkz7 nkz72 nkz721 nkz7212 kato4 ... kato431010000), so that a code prefix is one exact
// token in the index. A shorter code repeats its last token, which changes nothing.
std::string VacancyFacets(const std::string& row, const std::string& separator = " || ' ' || ") {
  const std::string qualifier = row.empty() ? "" : row + ".";
  std::string out;
  for (const auto& [name, digits] : {std::pair<std::string, int>{"nkz", 10}, {"kato", 9}}) {
    for (int n = 1; n <= digits; ++n) {
      out += std::string(out.empty() ? "" : separator) + "'" + name + "' || substr(" + qualifier +
             name + ", 1, " + std::to_string(n) + ")";
    }
  }
  return out;
}

}  // namespace

// Migration 17: reference classifiers loaded from CSV (issue 17, item 1): NKZ occupations and
// KATO places, one table with `kind`. A code that leaves the classifier is marked inactive, never
// deleted: records keep referring to it. `search` is the lower-cased code and names, computed by
// the server, so a search reads the same on both stores. Imports keep their outcome.
const char* const kReferenceCodes = R"sql(
CREATE TABLE reference_codes (
  kind TEXT NOT NULL CHECK (kind IN ('nkz', 'kato')),
  code TEXT NOT NULL,
  parent TEXT,
  level INTEGER NOT NULL,
  name_kk TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
  search TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, code)
);
CREATE INDEX reference_codes_parent ON reference_codes(kind, parent, code);
CREATE TABLE reference_imports (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('nkz', 'kato')),
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  rows_total BIGINT NOT NULL,
  rows_done BIGINT NOT NULL DEFAULT 0,
  added BIGINT NOT NULL DEFAULT 0,
  updated BIGINT NOT NULL DEFAULT 0,
  deactivated BIGINT NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
)sql";

// Migration 18: the vacancy bank's records (docs/VACANCIES.md). A vacancy belongs to an
// employer and is kept at the employer's office; its status moves by the rules of
// domain/vacancy_lifecycle.h, and `next_change_at` (indexed) is when time alone next moves it,
// for the sweep. Requirements are a JSON object {must: [...], nice: [...]}.
const char* const kVacancies = R"sql(
CREATE TABLE vacancies (
  id BIGSERIAL PRIMARY KEY,
  employer_bin TEXT NOT NULL REFERENCES employers(bin),
  office_id TEXT NOT NULL REFERENCES offices(id),
  title TEXT NOT NULL CHECK (length(title) > 0),
  description TEXT NOT NULL,
  nkz TEXT NOT NULL,
  kato TEXT NOT NULL,
  wage_tiyn BIGINT NOT NULL CHECK (wage_tiyn >= 0),
  working_time TEXT NOT NULL,
  workplaces BIGINT NOT NULL CHECK (workplaces > 0),
  workplaces_filled BIGINT NOT NULL DEFAULT 0 CHECK (workplaces_filled >= 0),
  requirements TEXT NOT NULL,
  disability_suitable BIGINT NOT NULL CHECK (disability_suitable IN (0, 1)),
  programme TEXT,
  case_id BIGINT REFERENCES cases(id),
  status TEXT NOT NULL CHECK (status IN
    ('draft', 'scheduled', 'published', 'stale', 'closed', 'expired')),
  publish_at TEXT,
  relevant_since TEXT,
  stale_since TEXT,
  next_change_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  row_version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX vacancies_employer ON vacancies(employer_bin, id);
CREATE INDEX vacancies_office_status ON vacancies(office_id, status, id);
CREATE INDEX vacancies_next_change ON vacancies(next_change_at);
)sql";

// Migration 19: public vacancy search (docs/VACANCY_SEARCH.md). Words of the title and the
// description are indexed on each store its own way, matched as prefixes and case-insensitively
// on both. SQLite: a contentless FTS5 table kept in step by triggers (unicode61 without
// diacritic removal, so Kazakh letters and й, ё stay letters of their own, as in PostgreSQL's
// 'simple'), whose `facets` column also holds each prefix of the codes as a token (nkz7,
// nkz72, ...) so that a search with code prefixes intersects inside the index. PostgreSQL: a
// generated tsvector of the words and the same facet tokens with a GIN index, and code indexes
// for prefix searches without words. The partial index serves the public order, newest first.

// PostgreSQL holds the same facet tokens as lexemes beside the words, so a search with words and
// code prefixes intersects them inside the GIN index too.
std::string VacancySearchPostgres() {
  return R"sql(
ALTER TABLE vacancies ADD COLUMN search_words tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || description) ||
    array_to_tsvector(ARRAY[)sql" +
         VacancyFacets("", ", ") + R"sql(])) STORED;
CREATE INDEX vacancies_search_words ON vacancies USING GIN (search_words);
CREATE INDEX vacancies_published ON vacancies(relevant_since DESC, id DESC)
  WHERE status = 'published';
CREATE INDEX vacancies_published_nkz ON vacancies(nkz text_pattern_ops) WHERE status = 'published';
CREATE INDEX vacancies_published_kato ON vacancies(kato text_pattern_ops)
  WHERE status = 'published';
)sql";
}

std::string VacancySearchSqlite() {
  const std::string fresh = VacancyFacets("new"), gone = VacancyFacets("old");
  return R"sql(
CREATE VIRTUAL TABLE vacancy_words USING fts5(title, description, facets, content='',
  tokenize='unicode61 remove_diacritics 0');
INSERT INTO vacancy_words(rowid, title, description, facets)
  SELECT id, title, description, )sql" +
         VacancyFacets("vacancies") + R"sql( FROM vacancies;
CREATE TRIGGER vacancy_words_insert AFTER INSERT ON vacancies BEGIN
  INSERT INTO vacancy_words(rowid, title, description, facets)
    VALUES (new.id, new.title, new.description, )sql" +
         fresh + R"sql();
END;
CREATE TRIGGER vacancy_words_delete AFTER DELETE ON vacancies BEGIN
  INSERT INTO vacancy_words(vacancy_words, rowid, title, description, facets)
    VALUES ('delete', old.id, old.title, old.description, )sql" +
         gone + R"sql();
END;
CREATE TRIGGER vacancy_words_update AFTER UPDATE OF title, description, nkz, kato ON vacancies
BEGIN
  INSERT INTO vacancy_words(vacancy_words, rowid, title, description, facets)
    VALUES ('delete', old.id, old.title, old.description, )sql" +
         gone + R"sql();
  INSERT INTO vacancy_words(rowid, title, description, facets)
    VALUES (new.id, new.title, new.description, )sql" +
         fresh + R"sql();
END;
CREATE INDEX vacancies_published ON vacancies(relevant_since DESC, id DESC)
  WHERE status = 'published';
)sql";
}
// Migration 20: the job seeker's profile (docs/MATCHING.md), one per person, the validated
// document as JSON with what matching filters on beside it: the home oblast and willingness to
// move, the desired wage, and the desired occupations' major groups (their first digits, "27").
// The vacancies' index serves matching's pre-filter: published, by occupation code, then place.
const char* const kSeekerProfiles = R"sql(
CREATE TABLE seeker_profiles (
  iin TEXT PRIMARY KEY,
  document TEXT NOT NULL,
  home_kato TEXT NOT NULL,
  home_oblast TEXT NOT NULL,
  mobility TEXT NOT NULL CHECK (mobility IN ('none', 'oblast', 'anywhere')),
  wage_tiyn BIGINT NOT NULL CHECK (wage_tiyn >= 0),
  major_groups TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  row_version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX seeker_profiles_place ON seeker_profiles(home_oblast, mobility);
CREATE INDEX vacancies_matching ON vacancies(status, kato, nkz);
)sql";

// Migration 21: placements (docs/PLACEMENTS.md). One row
// per S3 referral that names a vacancy, kept at the case's office and seen also by the
// vacancy's office (`case_id` unique: a referral is answered, and a hire
// counted, once), with the employer's answer: hired on a date, or not hired with a reason.
// `corrections` counts staff corrections of an answer (each on the audit chain).
const char* const kPlacements = R"sql(
CREATE TABLE placements (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL UNIQUE REFERENCES cases(id),
  vacancy_id BIGINT NOT NULL REFERENCES vacancies(id),
  person_iin TEXT NOT NULL,
  employer_bin TEXT NOT NULL,
  office_id TEXT NOT NULL REFERENCES offices(id),
  vacancy_office_id TEXT NOT NULL REFERENCES offices(id),
  status TEXT NOT NULL CHECK (status IN ('referred', 'hired', 'not_hired')),
  hired_on TEXT,
  reason TEXT,
  reason_text TEXT,
  answered_by TEXT,
  answered_at TEXT,
  corrections BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'hired') = (hired_on IS NOT NULL)),
  CHECK ((status = 'not_hired') = (reason IS NOT NULL))
);
CREATE INDEX placements_vacancy ON placements(vacancy_id, id);
CREATE INDEX placements_employer ON placements(employer_bin, id);
CREATE INDEX placements_office ON placements(office_id, status, id);
CREATE INDEX placements_vacancy_office ON placements(vacancy_office_id, id);
CREATE INDEX placements_person ON placements(person_iin, id);
)sql";

// Migration 22 (PostgreSQL): every prefix of every word becomes a token of the word index, so
// a word typed in part is one exact token, intersected with the code facets by skipping through
// their lists as whole words are. A `word:*` query instead first gathered every row of every
// lexeme with that start into a bitmap (75,000 rows for "электр"), most of a search's time.
// The index is on an expression, so the rows store nothing more, and migration 19's column
// goes. Without fast update: with it, new rows wait in an unsorted list that every search reads
// whole until a vacuum merges it; vacancies are written seldom and searched often.
std::string VacancySearchPrefixesPostgres() {
  return R"sql(
CREATE FUNCTION vacancy_search_tokens(title text, description text, nkz text, kato text)
  RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce((SELECT array_to_tsvector(array_agg(substr(w.lexeme, 1, n)))
                   FROM unnest(to_tsvector('simple', title || ' ' || description)) AS w,
                        generate_series(1, char_length(w.lexeme)) AS n), ''::tsvector)
    || array_to_tsvector(ARRAY[)sql" +
         VacancyFacets("", ", ") + R"sql(])
$$;
CREATE INDEX vacancies_search_tokens ON vacancies
  USING GIN (vacancy_search_tokens(title, description, nkz, kato)) WITH (fastupdate = off);
DROP INDEX vacancies_search_words;
ALTER TABLE vacancies DROP COLUMN search_words;
)sql";
}
const char* const kVacancySearchPrefixesSqlite = "-- FTS5 matches a word's start by its own means";

const char* const kVacancyContract = R"sql(
ALTER TABLE vacancies ADD COLUMN contract_id BIGINT;
)sql";

}  // namespace jumys::storage::vacancy_bank
