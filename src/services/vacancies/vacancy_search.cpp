#include "services/vacancies/vacancy_search.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>
#include <utility>

#include "core/text_fold.h"
#include "services/vacancies/vacancy_terms.h"

namespace jumys::vacancies {

namespace {

constexpr std::size_t kMaxQueryChars = 200;
constexpr std::size_t kMaxCodeDigits = 10;
constexpr std::int64_t kMaxWageTiyn = 1'000'000'000'000;  // ten billion tenge: beyond any wage

// A code point that belongs to a word for both stores' tokenizers: ASCII letters and digits,
// Latin-1 and Latin Extended letters, Greek, Cyrillic with the Kazakh letters.
bool WordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  return (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F);
}

// The code point at `i` and its byte length; length 1 and a non-word code for invalid bytes.
std::pair<char32_t, std::size_t> Decode(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t n = lead < 0x80           ? 1
                        : (lead >> 5) == 0x6  ? 2
                        : (lead >> 4) == 0xE  ? 3
                        : (lead >> 3) == 0x1E ? 4
                                              : 0;
  if (n == 0 || i + n > s.size()) return {0xFFFD, 1};
  char32_t c = n == 1 ? lead : lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    c = (c << 6) | (b & 0x3F);
  }
  return {c, n};
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += Decode(s, i).second) ++n;
  return n;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty() || s.size() > 18 || !AllDigits(s)) return std::nullopt;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

Error BadCursor() {
  return FieldError(ErrorCode::kInvalidInput, "cursor", "field.bad_cursor"_msg,
                    "is not the next_cursor of a page");
}

// "<published_at>/<id>" of a page's last vacancy.
Expected<std::pair<Instant, std::int64_t>> ParseCursor(std::string_view text) {
  const auto slash = text.rfind('/');
  if (slash == std::string_view::npos) return BadCursor();
  auto at = ParseRfc3339(text.substr(0, slash));
  auto id = ParseInt(text.substr(slash + 1));
  if (!at || !id || *id <= 0) return BadCursor();
  return std::make_pair(*at, *id);
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view q) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < q.size();) {
    const auto [c, n] = Decode(q, i);
    if (WordChar(c)) {
      word.append(q.substr(i, n));
    } else if (!word.empty()) {
      words.push_back(LowerUtf8(word));
      word.clear();
    }
    i += n;
  }
  if (!word.empty()) words.push_back(LowerUtf8(word));
  return words;
}

Expected<SearchQuery> ParseSearchQuery(const ParamReader& param) {
  SearchQuery query;
  std::vector<ErrorDetail> bad;
  const auto text = [&](const char* name) { return param(name).value_or(""); };

  const std::string q = text("q");
  if (CodePoints(q) > kMaxQueryChars) {
    bad.push_back({"q",
                   "field.too_long"_msg,
                   "must be at most {max} characters",
                   {{"max", std::to_string(kMaxQueryChars)}}});
  } else {
    query.words = SearchWords(q);
  }
  for (const auto& [name, target] :
       {std::pair<const char*, std::string*>{"nkz", &query.nkz}, {"kato", &query.kato}}) {
    const std::string code = text(name);
    if (code.empty()) continue;
    if (!AllDigits(code) || code.size() > kMaxCodeDigits) {
      bad.push_back({name, "field.code_prefix"_msg, "must be a code or its first digits"});
    } else {
      *target = code;
    }
  }
  for (const auto& [name, target] :
       {std::pair<const char*, std::optional<std::int64_t>*>{"wage_min", &query.wage_min},
        {"wage_max", &query.wage_max}}) {
    const std::string value = text(name);
    if (value.empty()) continue;
    const auto amount = ParseInt(value);
    if (!amount || *amount > kMaxWageTiyn) {
      bad.push_back({name,
                     "field.out_of_range"_msg,
                     "must be between {min} and {max}",
                     {{"min", "0"}, {"max", std::to_string(kMaxWageTiyn)}}});
    } else {
      *target = amount;
    }
  }
  if (query.wage_min && query.wage_max && *query.wage_min > *query.wage_max) {
    bad.push_back({"wage_max", "field.wage_range"_msg, "must not be less than the lowest wage"});
  }
  query.working_time = text("working_time");
  if (!query.working_time.empty() && !OneOf(kWorkingTimes, query.working_time)) {
    bad.push_back({"working_time",
                   "field.not_one_of"_msg,
                   "must be one of: {allowed}",
                   {{"allowed", Listed(kWorkingTimes)}}});
  }
  if (const std::string d = text("disability_suitable"); !d.empty()) {
    if (d == "true") {
      query.disability_suitable = true;
    } else if (d == "false") {
      query.disability_suitable = false;
    } else {
      bad.push_back({"disability_suitable", "field.not_boolean"_msg, "must be true or false"});
    }
  }
  if (const std::string since = text("published_since"); !since.empty()) {
    if (auto date = ParseDate(since)) {
      query.published_since = Instant{std::chrono::sys_days{*date}};
    } else if (auto at = ParseRfc3339(since)) {
      query.published_since = *at;
    } else {
      bad.push_back({"published_since", "field.not_date"_msg, "must be a date: YYYY-MM-DD"});
    }
  }
  if (!bad.empty()) {
    return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(bad));
  }
  if (const std::string cursor = text("cursor"); !cursor.empty()) {
    JUMYS_ASSIGN_OR_RETURN(auto after, ParseCursor(cursor));
    query.after = after;
  }
  return query;
}

VacancySearch::VacancySearch(storage::Database& db, Clock clock)
    : db_(db), clock_(std::move(clock)) {}

Expected<SearchPage> VacancySearch::Search(const SearchQuery& query) const {
  const bool postgres = db_.dialect() == storage::Dialect::kPostgres;
  storage::Params params;
  const auto p = [&](storage::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  // Published, and not already past its relevance while the sweep has yet to mark it stale.
  std::string sql =
      "SELECT v.id, v.title, v.nkz, v.kato, v.working_time, v.employer_bin, e.name, v.wage_tiyn, "
      "v.workplaces, v.disability_suitable, v.relevant_since, "
      "k.name_kk, k.name_ru, k.name_en, n.name_kk, n.name_ru, n.name_en, v.programme "
      "FROM vacancies v JOIN employers e ON e.bin = v.employer_bin "
      "LEFT JOIN reference_codes k ON k.kind = 'kato' AND k.code = v.kato "
      "LEFT JOIN reference_codes n ON n.kind = 'nkz' AND n.code = v.nkz "
      "WHERE v.status = 'published' AND (v.next_change_at IS NULL OR v.next_change_at > ";
  sql += p(FormatRfc3339(clock_())) + ")";
  if (!query.words.empty()) {
    // Every word as a prefix (on PostgreSQL every prefix of a word is a token of its own); the
    // words hold letters and digits only, so nothing needs quoting beyond the store's own word
    // syntax. The code prefixes join the match as facet tokens, so the index intersects them
    // with the words before any row is read.
    std::string match;
    for (const auto& w : query.words) {
      if (!match.empty()) match += postgres ? " & " : " AND ";
      match += postgres ? w : "{title description}: \"" + w + "\"*";
    }
    const std::string facet_and = postgres ? " & " : " AND facets: ";
    if (!query.nkz.empty()) match += facet_and + "nkz" + query.nkz;
    if (!query.kato.empty()) match += facet_and + "kato" + query.kato;
    sql += postgres ? " AND vacancy_search_tokens(v.title, v.description, v.nkz, v.kato) @@ "
                      "to_tsquery('simple', " +
                          p(match) + ")"
                    : " AND v.id IN (SELECT rowid FROM vacancy_words WHERE vacancy_words MATCH " +
                          p(match) + ")";
  } else {
    // Without words the code prefixes are ranges of the codes' own indexes.
    if (!query.nkz.empty()) sql += " AND v.nkz LIKE " + p(query.nkz + "%");
    if (!query.kato.empty()) sql += " AND v.kato LIKE " + p(query.kato + "%");
  }
  if (query.wage_min) sql += " AND v.wage_tiyn >= " + p(*query.wage_min);
  if (query.wage_max) sql += " AND v.wage_tiyn <= " + p(*query.wage_max);
  if (!query.working_time.empty()) sql += " AND v.working_time = " + p(query.working_time);
  if (query.disability_suitable) {
    sql += " AND v.disability_suitable = " + p(std::int64_t{*query.disability_suitable ? 1 : 0});
  }
  if (query.published_since) {
    sql += " AND v.relevant_since >= " + p(FormatRfc3339(*query.published_since));
  }
  if (query.after) {
    const std::string at = p(FormatRfc3339(query.after->first));
    sql += " AND (v.relevant_since < " + at + " OR (v.relevant_since = " + at + " AND v.id < " +
           p(query.after->second) + "))";
  }
  sql += " ORDER BY v.relevant_since DESC, v.id DESC LIMIT " + p(std::int64_t{query.limit + 1});

  SearchPage page;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    page.items.clear();
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      PublicVacancy v;
      v.id = rows.Int(r, 0);
      v.title = rows.Text(r, 1);
      v.nkz = rows.Text(r, 2);
      v.kato = rows.Text(r, 3);
      v.working_time = rows.Text(r, 4);
      v.employer_bin = rows.Text(r, 5);
      v.employer_name = rows.Text(r, 6);
      v.wage_tiyn = rows.Int(r, 7);
      v.workplaces = rows.Int(r, 8);
      v.disability_suitable = rows.Int(r, 9) != 0;
      v.published_at = rows.Text(r, 10);
      v.programme = rows.Optional(r, 17).value_or("");
      if (!rows.IsNull(r, 11))
        v.place = LocalName{rows.Text(r, 11), rows.Text(r, 12), rows.Text(r, 13)};
      if (!rows.IsNull(r, 14)) {
        v.occupation = LocalName{rows.Text(r, 14), rows.Text(r, 15), rows.Text(r, 16)};
      }
      page.items.push_back(std::move(v));
    }
    return {};
  }));
  if (page.items.size() > static_cast<std::size_t>(query.limit)) {
    page.items.resize(static_cast<std::size_t>(query.limit));
    const auto& last = page.items.back();
    page.next_cursor = last.published_at + "/" + std::to_string(last.id);
  }
  return page;
}

}  // namespace jumys::vacancies
