#include "domain/vacancy_matching.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/source_dir.h"

namespace jumys {
namespace {

using std::chrono::hours;

const Instant kNow = *ParseRfc3339("2027-01-11T05:00:00Z");

const MatchingWeights& Shipped() {
  static const MatchingWeights w = [] {
    std::ifstream in(SourceDir() / "reference/vacancies/matching.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = ParseMatchingWeights(text.str());
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return *parsed;
  }();
  return w;
}

SeekerProfile Welder() {
  SeekerProfile p;
  p.occupations = {"7212"};
  p.skills = {"Дәнекерлеу", "MIG"};
  p.education = "vocational";
  p.experience = {{"7212", 4}};
  p.languages = {{"kk", "native"}, {"ru", "fluent"}};
  p.wage_tiyn = 300'000'00;
  p.working_times = {"full_time", "shift"};
  p.mobility = Mobility::kNone;
  p.home_kato = "431010000";  // Kyzylorda city
  p.driving_licences = {"B"};
  return p;
}

MatchVacancy Job(std::int64_t id = 1) {
  MatchVacancy v;
  v.id = id;
  v.status = VacancyStatus::kPublished;
  v.next_change_at = kNow + hours(24 * 7);
  v.nkz = "7212";
  v.kato = "431010000";
  v.working_time = "full_time";
  v.wage_tiyn = 350'000'00;
  v.requirements = {{"must",
                     {{{"kind", "skill"}, {"value", "дәнекерлеу"}},
                      {{"kind", "education"}, {"value", "general_secondary"}},
                      {{"kind", "experience"}, {"value", "3"}},
                      {{"kind", "language"}, {"value", "ru:fluent"}}}},
                    {"nice", {{{"kind", "driving_licence"}, {"value", "C"}}}}};
  return v;
}

const MatchReason& ReasonFor(const MatchResult& r, const std::string& factor) {
  for (const auto& reason : r.reasons) {
    if (reason.factor == factor) return reason;
  }
  throw std::runtime_error("no reason " + factor);
}

TEST(VacancyMatching, TheShippedWeightsLoadAndAMissingEntryIsNamed) {
  EXPECT_EQ(Shipped().points.at("occupation.same_code"), 40);
  auto bad = ParseMatchingWeights("weights: {must: 3}\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().internal.find("weights.occupation.same_code"), std::string::npos)
      << bad.error().internal;
}

TEST(VacancyMatching, EveryFactorGivesAReasonInThreeLanguages) {
  auto r = ScoreMatch(Welder(), Job(), Shipped(), kNow);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->reasons.size(), 7u);  // no disability: that factor is left out
  for (const auto& reason : r->reasons) {
    EXPECT_FALSE(reason.text.kk.empty()) << reason.factor;
    EXPECT_FALSE(reason.text.ru.empty()) << reason.factor;
    EXPECT_NE(reason.text.kk, reason.text.en) << reason.factor;
    EXPECT_EQ(reason.text.en.find('{'), std::string::npos) << reason.text.en;
  }
  EXPECT_TRUE(ReasonFor(*r, "must").met);
  EXPECT_EQ(ReasonFor(*r, "must").text.en, "All 4 must-have requirements met");
  EXPECT_FALSE(ReasonFor(*r, "nice").met);
  EXPECT_EQ(ReasonFor(*r, "nice").text.en,
            "0 of 1 nice-to-have requirements met; missing: driving licence C");
  EXPECT_EQ(ReasonFor(*r, "nice").text.ru,
            "Выполнено 0 из 1 желательных требований; не хватает: водительские права C");
  EXPECT_EQ(ReasonFor(*r, "wage").text.en,
            "The wage, 350 000 ₸, is at least your desired 300 000 ₸");
  EXPECT_EQ(ReasonFor(*r, "place").text.kk, "Өз елді мекеніңізде (431010000)");
  // The settlement by its name where reference data has the code.
  auto named = Job();
  named.place = LocalText{"Қызылорда қаласы", "город Кызылорда", "Kyzylorda city"};
  const auto with_name = ScoreMatch(Welder(), named, Shipped(), kNow);
  ASSERT_TRUE(with_name.has_value());
  EXPECT_EQ(ReasonFor(*with_name, "place").text.ru, "В вашем населённом пункте (город Кызылорда)");
  EXPECT_EQ(ReasonFor(*with_name, "place").text.kk, "Өз елді мекеніңізде (Қызылорда қаласы)");
  EXPECT_EQ(ReasonFor(*r, "working_time").text.ru, "График работы (полный день) вам подходит");
  EXPECT_EQ(ReasonFor(*r, "language").text.en,
            "You speak the languages required: Russian (fluent)");
  EXPECT_EQ(ReasonFor(*r, "language").text.ru,
            "Вы владеете требуемыми языками: русский (свободно)");
  EXPECT_GT(r->score, 80);
  EXPECT_LT(r->score, 100);  // the nice-to-have is missing
}

TEST(VacancyMatching, AFullMustHaveMatchOutranksAPartialOneAndSaysWhatIsMissing) {
  const auto full = ScoreMatch(Welder(), Job(), Shipped(), kNow);
  auto p = Welder();
  p.experience = {{"7212", 1}};  // 3 years asked
  const auto partial = ScoreMatch(p, Job(), Shipped(), kNow);
  ASSERT_TRUE(full && partial);
  EXPECT_GT(full->score, partial->score);
  const auto& must = ReasonFor(*partial, "must");
  EXPECT_FALSE(must.met);
  EXPECT_EQ(must.text.en, "3 of 4 must-have requirements met; missing: experience, years 3");
  EXPECT_EQ(must.text.kk, "4 міндетті талаптың 3 орындалды; жетіспейді: жұмыс өтілі, жыл 3");
  // Even a better wage and place elsewhere do not lift a partial match over a full one.
  auto v = Job();
  v.wage_tiyn = 900'000'00;
  const auto richer_partial = ScoreMatch(p, v, Shipped(), kNow);
  auto far = Job();
  far.kato = "433200000";  // Aral district, same oblast
  const auto full_farther = ScoreMatch(Welder(), far, Shipped(), kNow);
  ASSERT_TRUE(richer_partial && full_farther);
  EXPECT_GT(full_farther->score, richer_partial->score);
}

// Requirements compare as the rest of the system compares names (core/text_fold.h): any
// letter's case, the Kazakh and Latin-1 ones too, and white space at the ends.
TEST(VacancyMatching, ARequirementMatchesWhateverCaseItIsWrittenIn) {
  auto v = Job();
  v.requirements = {{"must",
                     {{{"kind", "skill"}, {"value", "CAFÉ ӁУР\t"}},
                      {{"kind", "driving_licence"}, {"value", "b"}}}}};
  auto p = Welder();
  p.skills = {"café ӂур"};
  const auto r = ScoreMatch(p, v, Shipped(), kNow);
  ASSERT_TRUE(r);
  EXPECT_TRUE(ReasonFor(*r, "must").met) << ReasonFor(*r, "must").text.en;
}

TEST(VacancyMatching, OnlyAPublishedRelevantVacancyIsEverOffered) {
  for (auto s : {VacancyStatus::kDraft, VacancyStatus::kScheduled, VacancyStatus::kStale,
                 VacancyStatus::kClosed, VacancyStatus::kExpired}) {
    auto v = Job();
    v.status = s;
    EXPECT_FALSE(ScoreMatch(Welder(), v, Shipped(), kNow).has_value()) << VacancyStatusName(s);
  }
  // Published but its relevance ran out and no sweep has marked it stale yet.
  auto unswept = Job();
  unswept.next_change_at = kNow - hours(1);
  EXPECT_FALSE(ScoreMatch(Welder(), unswept, Shipped(), kNow).has_value());
  auto no_period = Job();
  no_period.next_change_at.reset();
  EXPECT_TRUE(ScoreMatch(Welder(), no_period, Shipped(), kNow).has_value());
}

TEST(VacancyMatching, ANonMoverNeverGetsAnotherOblast) {
  auto astana = Job();
  astana.kato = "711000000";
  astana.wage_tiyn = 2'000'000'00;
  for (auto m : {Mobility::kNone, Mobility::kOblast}) {
    auto p = Welder();
    p.mobility = m;
    EXPECT_FALSE(ScoreMatch(p, astana, Shipped(), kNow).has_value()) << MobilityName(m);
  }
  auto mover = Welder();
  mover.mobility = Mobility::kAnywhere;
  const auto r = ScoreMatch(mover, astana, Shipped(), kNow);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(ReasonFor(*r, "place").met);
  EXPECT_EQ(ReasonFor(*r, "place").text.en,
            "In another oblast (711000000); you are willing to move");
  // Closer is better, other things equal.
  const auto home = ScoreMatch(mover, Job(), Shipped(), kNow);
  auto aral = Job();
  aral.kato = "433200000";
  auto aral_r = ScoreMatch(mover, aral, Shipped(), kNow);
  auto astana_same_wage = astana;
  astana_same_wage.wage_tiyn = Job().wage_tiyn;
  auto far_r = ScoreMatch(mover, astana_same_wage, Shipped(), kNow);
  ASSERT_TRUE(home && aral_r && far_r);
  EXPECT_GT(home->score, aral_r->score);
  EXPECT_GT(aral_r->score, far_r->score);
}

TEST(VacancyMatching, OccupationLevelsFollowTheNkzHierarchy) {
  std::vector<int> scores;
  for (const char* code : {"7212", "7213", "7223", "7311", "7999", "8111"}) {
    auto v = Job();
    v.nkz = code;
    v.requirements = nlohmann::json::object();
    auto r = ScoreMatch(Welder(), v, Shipped(), kNow);
    if (std::string(code) == "8111") {
      EXPECT_FALSE(r.has_value());  // no digit in common: another major group
      continue;
    }
    ASSERT_TRUE(r.has_value()) << code;
    scores.push_back(r->score);
  }
  // 7212 the same code; 7213 shares 3 digits (minor group), 7223 two, 7311 and 7999 one.
  EXPECT_GT(scores[0], scores[1]);
  EXPECT_GT(scores[1], scores[2]);
  EXPECT_GT(scores[2], scores[3]);
  EXPECT_EQ(scores[3], scores[4]);
  auto v = Job();
  v.nkz = "7213";
  EXPECT_EQ(ReasonFor(*ScoreMatch(Welder(), v, Shipped(), kNow), "occupation").text.en,
            "Occupation 7213 is in the same minor group as your desired 7212");
  // A desired group holds every code inside it.
  auto group = Welder();
  group.occupations = {"72"};
  auto in = ScoreMatch(group, Job(), Shipped(), kNow);
  ASSERT_TRUE(in.has_value());
  EXPECT_TRUE(ReasonFor(*in, "occupation").met);
  EXPECT_EQ(ReasonFor(*in, "occupation").text.ru, "Профессия 7212 входит в желаемую группу 72");
}

TEST(VacancyMatching, ASeekerWithADisabilityIsToldWhetherTheWorkplaceSuitsThem) {
  auto p = Welder();
  p.disability = true;
  p.adaptations = {"wheelchair_access"};
  auto suitable = Job();
  suitable.disability_suitable = true;
  const auto yes = ScoreMatch(p, suitable, Shipped(), kNow);
  const auto no = ScoreMatch(p, Job(), Shipped(), kNow);
  ASSERT_TRUE(yes && no);
  EXPECT_TRUE(ReasonFor(*yes, "disability").met);
  EXPECT_FALSE(ReasonFor(*no, "disability").met);
  EXPECT_GT(yes->score, no->score);
}

TEST(VacancyMatching, WageBelowTheDesiredOneCountsInProportionAndWorkingTimeMatters) {
  auto low = Job();
  low.wage_tiyn = 150'000'50;
  auto r = ScoreMatch(Welder(), low, Shipped(), kNow);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(ReasonFor(*r, "wage").met);
  EXPECT_EQ(ReasonFor(*r, "wage").text.en,
            "The wage, 150 000,50 ₸, is below your desired 300 000 ₸");
  auto remote = Job();
  remote.working_time = "remote";
  auto rr = ScoreMatch(Welder(), remote, Shipped(), kNow);
  ASSERT_TRUE(rr.has_value());
  EXPECT_FALSE(ReasonFor(*rr, "working_time").met);
  EXPECT_EQ(ReasonFor(*rr, "working_time").text.kk,
            "Жұмыс уақыты (қашықтан) сіз таңдағандардан емес");
}

}  // namespace
}  // namespace jumys
