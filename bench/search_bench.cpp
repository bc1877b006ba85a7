// Public vacancy search (issue 17, item 7, the search half): N published vacancies bulk-loaded
// into a fresh store, then a filtered search (words + NKZ prefix + KATO prefix + wage range,
// first page of 20) through VacancySearch, p50/p99 over Q queries, beside baselines measured in
// the same run: a primary-key lookup of one vacancy, and the same search with the words matched
// by a scan instead of the word index (fewer queries: it is slow by design). Prints the ratios
// and the process's RSS. Target: search p99 <= 20 ms.
#include <time.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "app/logging.h"
#include "bulk_load.h"
#include "services/demo/demo_data.h"
#include "services/vacancies/vacancy_search.h"
#include "storage/schema/schema.h"

namespace {

using namespace jumys;
using SteadyClock = std::chrono::steady_clock;

constexpr int kRowsPerStatement = 500;
constexpr int kRowsPerTransaction = 100'000;

// Occupations as employers write them, in Russian and Kazakh: the words searched for.
constexpr const char* kTitles[] = {"Электрогазосварщик",
                                   "Сварщик арматурщик",
                                   "Дәнекерлеуші",
                                   "Водитель категории C",
                                   "Жүргізуші",
                                   "Бухгалтер",
                                   "Есепші",
                                   "Продавец-консультант",
                                   "Сатушы",
                                   "Повар",
                                   "Аспаз",
                                   "Учитель математики",
                                   "Мұғалім",
                                   "Медицинская сестра",
                                   "Мейірбике",
                                   "Охранник",
                                   "Күзетші",
                                   "Электромонтёр",
                                   "Электрик",
                                   "Слесарь-ремонтник",
                                   "Токарь",
                                   "Тракторист",
                                   "Оператор котельной",
                                   "Механик",
                                   "Инженер-строитель",
                                   "Программист",
                                   "Бағдарламашы",
                                   "Кассир",
                                   "Официант",
                                   "Уборщик помещений",
                                   "Тазалаушы",
                                   "Грузчик",
                                   "Жүк тиеуші",
                                   "Швея",
                                   "Тігінші",
                                   "Строитель",
                                   "Құрылысшы",
                                   "Маляр-штукатур",
                                   "Сылақшы",
                                   "Каменщик"};
constexpr const char* kSentences[] = {
    "Полный социальный пакет, обучение на рабочем месте.",
    "Толық әлеуметтік пакет, жұмыс орнында оқыту.",
    "Опыт работы не менее года, знание техники безопасности.",
    "Бір жылдан кем емес жұмыс тәжірибесі, қауіпсіздік техникасын білу.",
    "Вахтовый метод, проживание и питание за счёт работодателя.",
    "Ауысымдық әдіс, тұру және тамақтану жұмыс беруші есебінен.",
    "Своевременная заработная плата, премии по итогам квартала.",
    "Жалақы уақтылы, тоқсан қорытындысы бойынша сыйақы."};
// KATO regions (two leading digits) and districts.
constexpr const char* kRegions[] = {"11", "15", "19", "23", "27", "31", "35", "39", "43",
                                    "47", "51", "55", "59", "63", "71", "75", "79"};
constexpr const char* kWorkingTimes[] = {"full_time", "part_time", "shift", "rotation", "remote"};
// The searches: a word's start as typed, most of them matching a few titles.
constexpr const char* kQueries[] = {"свар",    "дәнекер", "водит",  "жүргіз",   "бухгалт",
                                    "есеп",    "продав",  "сату",   "повар",    "аспаз",
                                    "учит",    "мұғал",   "электр", "слесар",   "токар",
                                    "инженер", "құрылыс", "строит", "оператор", "кассир"};

std::uint64_t Mix(std::uint64_t x) {  // splitmix64: the same rows on both stores, every run
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void Must(const Status& s, const char* what) {
  if (!s) {
    throw std::runtime_error(std::string(what) + ": " + s.error().message + " " +
                             s.error().internal);
  }
}

Status InsertRange(storage::Tx& tx, int first, int last, Instant base) {
  for (int from = first; from < last; from += kRowsPerStatement) {
    const int to = std::min(last, from + kRowsPerStatement);
    std::string sql =
        "INSERT INTO vacancies (id, employer_bin, office_id, title, description, nkz, kato, "
        "wage_tiyn, working_time, workplaces, requirements, disability_suitable, status, "
        "relevant_since, created_by, created_at, updated_at) VALUES ";
    storage::Params params;
    const auto p = [&](storage::Value v) {
      params.push_back(std::move(v));
      return "$" + std::to_string(params.size());
    };
    for (int i = from; i < to; ++i) {
      const std::uint64_t h = Mix(static_cast<std::uint64_t>(i));
      const bool city = h % 3 != 0;
      std::string description = kSentences[(h >> 8) % 8];
      description += " ";
      description += kSentences[(h >> 12) % 8];
      const std::string nkz = std::to_string(1000 + (h >> 16) % 9000);
      const std::string kato =
          std::string(kRegions[(h >> 24) % 17]) + std::to_string(10 + (h >> 30) % 80) + "00000";
      const std::int64_t wage = static_cast<std::int64_t>(85'000 + ((h >> 36) % 120) * 5'000) * 100;
      const std::string at = FormatRfc3339(base + std::chrono::seconds((h >> 40) % 7'776'000));
      if (i != from) sql += ',';
      sql += "(" + p(std::int64_t{i}) + "," +
             p(std::string(city ? demo::kDemoEmployerBin : "111240007891")) + "," +
             p(std::string(city ? "kzo-city" : "kzo-aral")) + "," +
             p(std::string(kTitles[h % 40])) + "," + p(description) + "," + p(nkz) + "," + p(kato) +
             "," + p(wage) + "," + p(std::string(kWorkingTimes[(h >> 44) % 5])) + ",1,'{}'," +
             p(std::int64_t{(h >> 48) % 10 == 0 ? 1 : 0}) + ",'published'," + p(at) + ",'bench'," +
             p(at) + "," + p(at) + ")";
    }
    JUMYS_TRY(tx.Exec(sql, params));
  }
  return {};
}

// This thread's CPU time: on a shared machine the wall time also counts waiting for a core.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Ms(SteadyClock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

std::string Rss() {
  std::ifstream in("/proc/self/status");
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0 || line.rfind("VmHWM:", 0) == 0) {
      out += (out.empty() ? "" : "; ") + line;
    }
  }
  return out;
}

struct Options {
  std::string db;
  int vacancies = 1'000'000;
  int queries = 1000;
  int scan_queries = 20;
};

vacancies::SearchQuery QueryNumber(std::mt19937_64& rng) {
  vacancies::SearchQuery q;
  q.words = {kQueries[rng() % std::size(kQueries)]};
  q.nkz = std::to_string(1 + rng() % 9);
  q.kato = kRegions[rng() % std::size(kRegions)];
  const std::int64_t low = static_cast<std::int64_t>(100'000 + (rng() % 20) * 10'000) * 100;
  q.wage_min = low;
  q.wage_max = low + 300'000'00;
  q.limit = 20;
  return q;
}

int Run(const Options& o) {
  auto opened = storage::OpenMigratedDatabase(o.db, 4);
  if (!opened) throw std::runtime_error(opened.error().message + " " + opened.error().internal);
  storage::Database& db = **opened;
  const Instant base = *ParseRfc3339("2026-09-01T04:00:00Z");
  const Instant now = base + std::chrono::days(91);
  Must(demo::SeedDemo(db, now).has_value() ? Status{} : Status{Error::Internal("seed")}, "seed");

  const auto t0 = SteadyClock::now();
  Must(bench::LoadVacancies(
           db,
           [&]() -> Status {
             for (int first = 1; first <= o.vacancies; first += kRowsPerTransaction) {
               const int last = std::min(o.vacancies + 1, first + kRowsPerTransaction);
               JUMYS_TRY(
                   db.Write([&](storage::Tx& tx) { return InsertRange(tx, first, last, base); }));
             }
             return {};
           }),
       "load");
  const double load_seconds = std::chrono::duration<double>(SteadyClock::now() - t0).count();

  vacancies::VacancySearch search(db, [now] { return now; });
  std::mt19937_64 rng(17);
  std::vector<double> pk, words, scan, words_cpu;
  std::size_t found = 0, full_pages = 0;
  for (int i = 0; i < o.queries; ++i) {
    const std::int64_t id = 1 + static_cast<std::int64_t>(rng() % o.vacancies);
    const auto s0 = SteadyClock::now();
    Must(db.Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto rows,
                             tx.Query("SELECT id, title, nkz, kato, wage_tiyn, relevant_since "
                                      "FROM vacancies WHERE id = $1",
                                      {id}));
      if (rows.size() != 1) return Error::Internal("no vacancy " + std::to_string(id));
      return {};
    }),
         "pk");
    pk.push_back(Ms(SteadyClock::now() - s0));
  }
  for (int i = 0; i < o.queries; ++i) {
    const auto q = QueryNumber(rng);
    const double c0 = CpuMs();
    const auto s0 = SteadyClock::now();
    auto page = search.Search(q);
    words.push_back(Ms(SteadyClock::now() - s0));
    words_cpu.push_back(CpuMs() - c0);
    if (!page) throw std::runtime_error("search: " + page.error().internal);
    found += page->items.size();
    if (page->items.size() == 20) ++full_pages;
  }
  // The same filters with the word matched by a scan of lower(title || description).
  for (int i = 0; i < o.scan_queries; ++i) {
    const auto q = QueryNumber(rng);
    const auto s0 = SteadyClock::now();
    Must(db.Read([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(
          tx.Query("SELECT id FROM vacancies WHERE status = 'published' AND "
                   "(' ' || lower(title) || ' ' || lower(description)) LIKE $1 AND nkz LIKE $2 AND "
                   "kato LIKE $3 AND wage_tiyn >= $4 AND wage_tiyn <= $5 "
                   "ORDER BY relevant_since DESC, id DESC LIMIT 21",
                   {"% " + q.words[0] + "%", q.nkz + "%", q.kato + "%", *q.wage_min, *q.wage_max}));
      return {};
    }),
         "scan");
    scan.push_back(Ms(SteadyClock::now() - s0));
  }

  const char* store = db.dialect() == storage::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
  std::printf("vacancy search with %d published vacancies on %s (loaded in %.1f s)\n", o.vacancies,
              store, load_seconds);
  std::printf("%-62s%8s%10s%10s\n", "query", "runs", "p50 ms", "p99 ms");
  std::printf("%-62s%8d%10.3f%10.3f\n", "vacancy by primary key (baseline)", o.queries,
              Percentile(pk, 0.5), Percentile(pk, 0.99));
  std::printf("%-62s%8d%10.3f%10.3f\n", "same filters, words by scan, no word index (baseline)",
              o.scan_queries, Percentile(scan, 0.5), Percentile(scan, 0.99));
  std::printf("%-62s%8d%10.3f%10.3f\n", "search: word + NKZ + KATO prefixes + wage, first 20",
              o.queries, Percentile(words, 0.5), Percentile(words, 0.99));
  std::printf("%-62s%8d%10.3f%10.3f\n", "search, CPU time of the searching thread", o.queries,
              Percentile(words_cpu, 0.5), Percentile(words_cpu, 0.99));
  std::printf("ratio search p99 / primary key p99: %.1f; scan p50 / search p50: %.1f\n",
              Percentile(words, 0.99) / Percentile(pk, 0.99),
              Percentile(scan, 0.5) / Percentile(words, 0.5));
  std::printf("vacancies per answer: %.1f; answers with a full page: %zu of %d\n",
              static_cast<double>(found) / o.queries, full_pages, o.queries);
  std::printf("process memory: %s\n", Rss().c_str());
  std::printf("target search p99 <= 20 ms: %s\n",
              Percentile(words, 0.99) <= 20.0 ? "met" : "NOT met");
  return found > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"vacancy search benchmark"};
  app.add_option("--db", o.db, "sqlite:PATH or postgresql://...")->required();
  app.add_option("--vacancies", o.vacancies);
  app.add_option("--queries", o.queries);
  app.add_option("--scan-queries", o.scan_queries);
  CLI11_PARSE(app, argc, argv);
  SetupLogging("error");
  try {
    return Run(o);
  } catch (const std::exception& e) {
    std::cerr << "search_bench: " << e.what() << "\n";
    return 1;
  }
}
