#pragma once
// Public vacancy search (docs/VACANCY_SEARCH.md): published vacancies only, by words of the
// title and description (prefixes, any case, Kazakh and Russian letters alike), occupation (NKZ)
// and place (KATO) by code prefix, wage range, working time, suitability for persons with
// disabilities and publication date; newest publication first, paged by a keyset cursor that
// stays stable while vacancies are added. Same answers on SQLite (FTS5) and PostgreSQL
// (tsvector). Only public fields leave: no office, author, case or requirements.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::vacancies {

struct SearchQuery {
  std::vector<std::string> words;                  // lower-cased; each matches as a word prefix
  std::string nkz, kato;                           // code prefixes, digits
  std::optional<std::int64_t> wage_min, wage_max;  // tiyn, inclusive
  std::string working_time;
  std::optional<bool> disability_suitable;
  std::optional<Instant> published_since;
  int limit = 20;
  // Where the previous page ended: its last vacancy's publication and id.
  std::optional<std::pair<Instant, std::int64_t>> after;
};

// A query parameter by name, nullopt when absent.
using ParamReader = std::function<std::optional<std::string>(const char* name)>;

// The query from request parameters q, nkz, kato, wage_min, wage_max (tiyn), working_time,
// disability_suitable (true/false), published_since (YYYY-MM-DD or RFC 3339) and cursor; the
// caller sets the limit. 422 data.invalid with one detail per bad parameter; 400
// field.bad_cursor for a cursor that is not a page's next_cursor.
Expected<SearchQuery> ParseSearchQuery(const ParamReader& param);

// The words of `q` as both stores' tokenizers see them: runs of letters and digits, lower-cased.
std::vector<std::string> SearchWords(std::string_view q);

struct LocalName {
  std::string kk, ru, en;
};

struct PublicVacancy {
  std::int64_t id = 0;
  std::string title, nkz, kato, working_time;
  std::string employer_bin, employer_name;
  std::int64_t wage_tiyn = 0, workplaces = 0;
  bool disability_suitable = false;
  std::string programme;  // "" or the programme it serves: P1 marks a relocation vacancy
  std::string published_at;
  std::optional<LocalName> place;       // the KATO code's names, when the classifier has it
  std::optional<LocalName> occupation;  // the NKZ code's names, likewise
};

struct SearchPage {
  std::vector<PublicVacancy> items;
  std::string next_cursor;  // "" on the last page
};

class VacancySearch {
 public:
  explicit VacancySearch(storage::Database& db, Clock clock = SystemNow);
  Expected<SearchPage> Search(const SearchQuery& query) const;

 private:
  storage::Database& db_;
  Clock clock_;
};

}  // namespace jumys::vacancies
