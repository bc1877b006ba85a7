#pragma once
// Public vacancy search on both stores, without HTTP (docs/VACANCY_SEARCH.md): words as prefixes
// in Kazakh and Russian in any case, code prefixes, the other filters, only published vacancies,
// and keyset paging that stays stable while vacancies are added. Include from one test file per
// binary and instantiate VacancySearchSuite.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "services/demo/demo_data.h"
#include "services/testing/demo_store.h"
#include "services/vacancies/vacancy_search.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::testing {

class VacancySearchSuite : public ::testing::TestWithParam<Backend> {
 protected:
  VacancySearchSuite()
      : store_(GetParam()),
        now_(store_.Now()),
        service_(store_.db(), store_.offices(), {14, 30}, [this] { return now_; }),
        search_(store_.db(), [this] { return now_; }) {}

  struct Entry {
    std::string title, description = "Жұмыс";
    std::string nkz = "7212", kato = "431010000";
    std::int64_t wage_tiyn = 200'000'00;
    std::string working_time = "full_time";
    bool disability_suitable = false;
  };

  vacancies::Vacancy Draft(const Entry& e) {
    vacancies::VacancyDraft d;
    d.employer_bin = demo::kDemoEmployerBin;
    d.title = e.title;
    d.description = e.description;
    d.nkz = e.nkz;
    d.kato = e.kato;
    d.wage_tiyn = e.wage_tiyn;
    d.working_time = e.working_time;
    d.disability_suitable = e.disability_suitable;
    return Must(service_.Create(store_.As("employer"), d));
  }
  std::int64_t Published(const Entry& e) {
    const auto v = Draft(e);
    return Must(service_.Act(store_.As("employer"), v.id, VacancyAction::kPublish)).id;
  }

  // The ids found with these request parameters, newest first.
  std::vector<std::int64_t> Ids(std::map<std::string, std::string> params) {
    auto page = Find(std::move(params));
    std::vector<std::int64_t> ids;
    for (const auto& v : page.items) ids.push_back(v.id);
    return ids;
  }
  vacancies::SearchPage Find(std::map<std::string, std::string> params, int limit = 50) {
    auto query = Parse(params);
    if (!query) throw std::runtime_error(query.error().key + ": " + query.error().message);
    query->limit = limit;
    auto page = search_.Search(*query);
    if (!page) throw std::runtime_error(page.error().key + ": " + page.error().internal);
    return *page;
  }
  static Expected<vacancies::SearchQuery> Parse(const std::map<std::string, std::string>& params) {
    return vacancies::ParseSearchQuery([&](const char* name) -> std::optional<std::string> {
      auto it = params.find(name);
      if (it == params.end()) return std::nullopt;
      return it->second;
    });
  }

  static vacancies::Vacancy Must(Expected<vacancies::Vacancy> v) {
    if (!v) throw std::runtime_error(v.error().key + ": " + v.error().message);
    return std::move(*v);
  }

  using Ids_ = std::vector<std::int64_t>;
  DemoStore store_;
  Instant now_;
  vacancies::VacancyService service_;
  vacancies::VacancySearch search_;
};

TEST_P(VacancySearchSuite, WordsMatchAsPrefixesInTitleAndDescriptionInAnyCase) {
  const auto welder = Published({"Электрогазосварщик", "Сварка металлоконструкций"});
  const auto kk_welder = Published({"Дәнекерлеуші", "Металл құрылымдарын дәнекерлеу"});
  const auto accountant = Published({"Бухгалтер", "Учёт и отчётность, 1С"});
  EXPECT_EQ(Ids({{"q", "электрогазосварщик"}}), Ids_{welder});
  EXPECT_EQ(Ids({{"q", "ЭЛЕКТРОГАЗО"}}), Ids_{welder});
  EXPECT_EQ(Ids({{"q", "металл"}}), (Ids_{kk_welder, welder}));  // prefix of both descriptions
  EXPECT_EQ(Ids({{"q", "ДӘНЕКЕР"}}), Ids_{kk_welder});
  EXPECT_EQ(Ids({{"q", "құрылым"}}), Ids_{kk_welder});
  EXPECT_EQ(Ids({{"q", "учёт"}}), Ids_{accountant});
  // Every word must match, in any order and with any punctuation between.
  EXPECT_EQ(Ids({{"q", "сварка, электро!"}}), Ids_{welder});
  EXPECT_TRUE(Ids({{"q", "сварка бухгалтер"}}).empty());
  // A word is matched from its start only.
  EXPECT_TRUE(Ids({{"q", "сварщик"}}).empty());
  // Punctuation alone is no word: everything published.
  EXPECT_EQ(Ids({{"q", " ,.!"}}).size(), 3u);
}

TEST_P(VacancySearchSuite, KazakhLettersStayTheirOwnAndIgnoreCase) {
  const auto v =
      Published({"Таңғы ауысым", "Әсем Ғалым Қала Өзен Ұста Үйші Һаким Іскер Ёлка Йогурт"});
  for (const char* q :
       {"әсем", "ӘСЕМ", "ғалым", "ҒАЛЫМ", "қала",  "ҚАЛА",  "өзен", "ӨЗЕН",  "ұста", "ҰСТА",
        "үйші", "ҮЙШІ", "һаким", "ҺАКИМ", "іскер", "ІСКЕР", "таң",  "ТАҢҒЫ", "ёлка", "йогурт"}) {
    EXPECT_EQ(Ids({{"q", q}}), Ids_{v}) << q;
  }
  // The Kazakh letters are not folded into the Russian ones nor these into others.
  for (const char* q : {"асем", "галым", "кала", "озен", "уста", "уйши", "хаким", "искер", "тан",
                        "елка", "иогурт"}) {
    EXPECT_TRUE(Ids({{"q", q}}).empty()) << q;
  }
}

TEST_P(VacancySearchSuite, CodesMatchByPrefixAndTheOtherFiltersNarrow) {
  const auto city_welder = Published({"Сварщик", "Жұмыс", "7212", "431010000", 300'000'00});
  const auto aral_welder =
      Published({"Сварщик", "Жұмыс", "7212", "433220100", 250'000'00, "shift", true});
  const auto driver =
      Published({"Водитель", "Жұмыс", "8322", "431010000", 180'000'00, "part_time"});
  EXPECT_EQ(Ids({{"nkz", "7"}}), (Ids_{aral_welder, city_welder}));
  EXPECT_EQ(Ids({{"nkz", "72"}, {"kato", "4332"}}), Ids_{aral_welder});
  EXPECT_EQ(Ids({{"kato", "431010000"}}), (Ids_{driver, city_welder}));
  EXPECT_TRUE(Ids({{"nkz", "9"}}).empty());
  EXPECT_EQ(Ids({{"wage_min", "25000000"}}), (Ids_{aral_welder, city_welder}));  // inclusive
  EXPECT_EQ(Ids({{"wage_min", "20000000"}, {"wage_max", "25000000"}}), Ids_{aral_welder});
  EXPECT_EQ(Ids({{"wage_max", "17999999"}}), Ids_{});
  EXPECT_EQ(Ids({{"working_time", "part_time"}}), Ids_{driver});
  EXPECT_EQ(Ids({{"disability_suitable", "true"}}), Ids_{aral_welder});
  EXPECT_EQ(Ids({{"disability_suitable", "false"}}), (Ids_{driver, city_welder}));
  EXPECT_EQ(Ids({{"q", "свар"}, {"nkz", "7"}, {"kato", "43"}, {"wage_min", "26000000"}}),
            Ids_{city_welder});
  // With words the code prefixes are matched as facet tokens of the word index.
  EXPECT_EQ(Ids({{"q", "свар"}, {"kato", "4332"}}), Ids_{aral_welder});
  EXPECT_EQ(Ids({{"q", "свар"}, {"nkz", "721"}, {"kato", "431010000"}}), Ids_{city_welder});
  EXPECT_EQ(Ids({{"q", "свар"}, {"nkz", "8"}}), Ids_{});
  EXPECT_EQ(Ids({{"q", "водит"}, {"kato", "4310100001"}}), Ids_{});
  // Only vacancies published on or after the day.
  now_ += std::chrono::days(3);
  const auto later = Published({"Сварщик"});
  const auto day = FormatDate(std::chrono::floor<std::chrono::days>(now_));
  EXPECT_EQ(Ids({{"published_since", day}}), Ids_{later});
  EXPECT_EQ(Ids({{"published_since", FormatRfc3339(now_ + std::chrono::seconds(1))}}), Ids_{});
}

TEST_P(VacancySearchSuite, OnlyPublishedVacanciesAppearWithTheirPublicFields) {
  const Entry welder{"Сварщик", "Жұмыс", "7212", "431010000"};
  Draft(welder);  // a draft
  const auto scheduled = Draft(welder);
  Must(service_.Act(store_.As("employer"), scheduled.id, VacancyAction::kPublish,
                    now_ + std::chrono::days(2)));
  const auto closed = Published(welder);
  Must(service_.Act(store_.As("employer"), closed, VacancyAction::kClose));
  const auto open = Published(welder);
  const auto page = Find({{"q", "сварщик"}});
  ASSERT_EQ(page.items.size(), 1u);
  const auto& v = page.items[0];
  EXPECT_EQ(v.id, open);
  EXPECT_EQ(v.title, "Сварщик");
  EXPECT_EQ(v.employer_bin, demo::kDemoEmployerBin);
  EXPECT_FALSE(v.employer_name.empty());
  EXPECT_EQ(v.wage_tiyn, 200'000'00);
  EXPECT_EQ(v.workplaces, 1);
  EXPECT_EQ(v.published_at, FormatRfc3339(now_));
  EXPECT_EQ(page.next_cursor, "");

  // 14 days unconfirmed: stale, hidden even before the sweep marks it so.
  now_ += std::chrono::days(14);
  EXPECT_TRUE(Ids({{"q", "сварщик"}}).empty());
  // The sweep marks it stale and publishes the scheduled one at its moment, two days in.
  ASSERT_TRUE(service_.Sweep().has_value());
  EXPECT_EQ(Ids({{"q", "сварщик"}}), Ids_{scheduled.id});
  // Confirmed again by its employer: public again, newest.
  Must(service_.Act(store_.As("employer"), open, VacancyAction::kConfirm));
  EXPECT_EQ(Ids({{"q", "сварщик"}}), (Ids_{open, scheduled.id}));
  // Expired after the further 30 days: gone for good.
  now_ += std::chrono::days(50);
  ASSERT_TRUE(service_.Sweep().has_value());
  EXPECT_TRUE(Ids({}).empty());
}

TEST_P(VacancySearchSuite, AnEditedDraftIsFoundByItsNewWordsOnly) {
  auto d = Draft({"Официант", "Кафе"});
  vacancies::VacancyDraft edit = d.draft;
  edit.title = "Бариста";
  edit.description = "Кофейня";
  edit.nkz = "5120";
  edit.kato = "433200000";
  d = Must(service_.Update(store_.As("employer"), d.id, d.row_version, edit));
  Must(service_.Act(store_.As("employer"), d.id, VacancyAction::kPublish));
  EXPECT_EQ(Ids({{"q", "бариста кофе"}}), Ids_{d.id});
  // Its new codes go with its words, its old ones are gone.
  EXPECT_EQ(Ids({{"q", "бариста"}, {"nkz", "51"}, {"kato", "4332"}}), Ids_{d.id});
  EXPECT_TRUE(Ids({{"q", "бариста"}, {"nkz", "72"}}).empty());
  EXPECT_TRUE(Ids({{"q", "бариста"}, {"kato", "4310"}}).empty());
  EXPECT_TRUE(Ids({{"q", "официант"}}).empty());
  EXPECT_TRUE(Ids({{"q", "кафе"}}).empty());
}

TEST_P(VacancySearchSuite, PagesFollowTheCursorNewestFirstAndStayStableUnderInserts) {
  std::vector<std::int64_t> all;
  for (int i = 0; i < 5; ++i) {
    all.insert(all.begin(), Published({"Сварщик " + std::to_string(i)}));
    if (i % 2 == 1) now_ += std::chrono::minutes(1);  // ties in time are ordered by id
  }
  auto first = Find({{"q", "сварщик"}}, 2);
  ASSERT_EQ(first.items.size(), 2u);
  ASSERT_FALSE(first.next_cursor.empty());
  // Published meanwhile: newer than the cursor, so not on the following pages.
  const auto newcomer = Published({"Сварщик новый"});
  std::vector<std::int64_t> seen = {first.items[0].id, first.items[1].id};
  std::string cursor = first.next_cursor;
  while (!cursor.empty()) {
    auto page = Find({{"q", "сварщик"}, {"cursor", cursor}}, 2);
    for (const auto& v : page.items) seen.push_back(v.id);
    cursor = page.next_cursor;
  }
  EXPECT_EQ(seen, all);
  EXPECT_EQ(Ids({{"q", "сварщик"}}).front(), newcomer);
  // A limit equal to what is left ends without a cursor.
  EXPECT_EQ(Find({}, 6).next_cursor, "");
  EXPECT_FALSE(Find({}, 5).next_cursor.empty());
}

TEST_P(VacancySearchSuite, BadParametersAreRefusedEachNamed) {
  auto bad = Parse({{"nkz", "7a"},
                    {"kato", "43-1"},
                    {"wage_min", "-5"},
                    {"wage_max", "1.5"},
                    {"working_time", "night"},
                    {"disability_suitable", "yes"},
                    {"published_since", "yesterday"},
                    {"q", std::string(201, 'a')}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnprocessable);
  std::set<std::string> fields;
  for (const auto& d : bad.error().details) fields.insert(d.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"q", "nkz", "kato", "wage_min", "wage_max", "working_time",
                                   "disability_suitable", "published_since"}));
  auto range = Parse({{"wage_min", "500"}, {"wage_max", "100"}});
  ASSERT_FALSE(range.has_value());
  EXPECT_EQ(range.error().details.at(0).key, "field.wage_range");
  for (const char* cursor : {"x", "2026-01-01T00:00:00Z/0", "2026-01-01T00:00:00Z/", "nope/5",
                             "2026-01-01T00:00:00Z/5; DROP TABLE vacancies"}) {
    auto c = Parse({{"cursor", cursor}});
    ASSERT_FALSE(c.has_value()) << cursor;
    EXPECT_EQ(c.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(c.error().details.at(0).key, "field.bad_cursor");
  }
  // Words are letters and digits only: quotes and the stores' search syntax are separators.
  EXPECT_EQ(vacancies::SearchWords("\"Сварщик\"* OR:* & Қ-1С!"),
            (std::vector<std::string>{"сварщик", "or", "қ", "1с"}));
  const auto v = Published({"Сварщик"});
  EXPECT_EQ(Ids({{"q", "\"свар\"* & | ! :* ( ) NEAR"}}), Ids_{});  // "near" is not in it
  EXPECT_EQ(Ids({{"q", "\"свар\"* & | ! :* ( )"}}), Ids_{v});
}

}  // namespace jumys::testing
