// The keys of a definition that say where it comes from: `act`, `service_term`, `beyond_seed`,
// a step's `source` and the `{name, source}` form of a guard or check (processes/README.md).
#include <gtest/gtest.h>

#include <set>

#include "core/source_dir.h"
#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;
using jumys::testing::Day;
using jumys::testing::DefinitionTree;
using jumys::testing::DemoDefinition;
using jumys::testing::DemoGrounds;
using jumys::testing::LineOf;
using jumys::testing::Mutate;

const fs::path kProcesses = jumys::SourceDir() / "processes";
const fs::path kReference = jumys::SourceDir() / "reference";

Expected<ProcessCatalog> LoadDemo(const DefinitionTree& tree, const std::string& text) {
  tree.Grounds("demo", DemoGrounds());
  tree.Definition("demo", "v1", text);
  return LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
}

const std::string kAct = R"(act: {number: "1", adopted: 2019-12-01})";
const std::string kTerm = "service_term: {office: 1wd}";
const std::string kGuard = "guards: [has_employment_card]";

struct BadKey {
  const char* name;
  std::string from, to;
  std::string at;  // the line the error names contains this (in the mutated text)
  std::string reason;
};

std::vector<BadKey> BadKeys() {
  return {
      {"act_missing", kAct + "\n", "", "code: demo", "missing 'act'"},
      {"act_not_a_map", kAct, "act: 1057", "act: 1057", "'act' must be a map"},
      {"act_unknown_key", kAct, R"(act: {number: "1", adopted: 2019-12-01, signed: 2019-12-02})",
       "act:", "unknown key 'signed'"},
      {"act_bad_number", kAct, R"(act: {number: "No 1", adopted: 2019-12-01})",
       "act:", "bad act number 'No 1'"},
      {"act_bad_date", kAct, R"(act: {number: "1", adopted: 2019-13-01})", "act:", "bad date"},
      {"act_no_adopted", kAct, R"(act: {number: "1"})", "act:", "missing 'adopted' in 'act'"},
      {"act_registered_before_adopted", kAct,
       R"(act: {number: "1", adopted: 2019-12-01, registered: 2019-11-30})",
       "act:", "'registered' is before 'adopted'"},
      {"act_registration_number_alone", kAct,
       R"(act: {number: "1", adopted: 2019-12-01, registration_number: "6196"})",
       "act:", "'registration_number' needs 'registered'"},
      {"act_repealed_without_date", kAct,
       R"(act: {number: "1", adopted: 2019-12-01, repealed_by: {number: "163"}})",
       "act:", "missing 'date' in 'repealed_by'"},
      {"act_repealed_before_adopted", kAct,
       R"(act: {number: "1", adopted: 2019-12-01, repealed_by: {number: "163", date: 2019-01-01}})",
       "act:", "'repealed_by' is dated before 'adopted'"},
      {"term_missing", kTerm + "\n", "", "code: demo", "missing 'service_term'"},
      {"term_bad_limit", kTerm, "service_term: {office: 5days}", "service_term:", "bad limit"},
      {"term_not_a_map", kTerm, "service_term: 5wd",
       "service_term:", "'service_term' must map each channel"},
      {"term_unknown_channel", kTerm, "service_term: {office: 1wd, post: 2wd}",
       "service_term:", "unknown channel 'post'"},
      {"term_channel_not_offered", kTerm, "service_term: {office: 1wd, portal: 1wd}",
       "service_term:", "service_term for channel portal, which is not offered"},
      {"term_channel_missing", "  office: {ref: \"6.1\", start: register}\n",
       "  office: {ref: \"6.1\", start: register}\n  portal: {ref: \"9.1\", start: register}\n",
       "service_term:", "service_term has no term for channel portal"},
      {"beyond_seed_not_a_flag", kAct, kAct + "\nbeyond_seed: maybe",
       "beyond_seed:", "'beyond_seed' must be true or false"},
      {"guard_entry_without_source", kGuard, "guards: [{name: has_employment_card}]",
       "guards:", "missing 'source'"},
      {"guard_entry_unknown_key", kGuard,
       "guards: [{name: has_employment_card, source: Law, why: x}]",
       "guards:", "unknown key 'why'"},
      {"guard_entry_unknown_guard", kGuard, "guards: [{name: has_card, source: Law}]",
       "guards:", "unknown guard 'has_card'"},
      {"later_law_guard_without_source", kGuard, "guards: [has_employment_card, quota_available]",
       "guards:", "guard 'quota_available' comes from law later than the regulation"},
      {"later_law_check_without_source", "intake:\n",
       "intake:\n  checks: [check_permit_application]\n",
       "checks:", "check 'check_permit_application' comes from law later than the regulation"},
      {"step_source_not_text", "    ref: \"6.3\"\n", "    ref: \"6.3\"\n    source: [a, b]\n",
       "source: [a, b]", "'source' must be text"},
  };
}

class BadHeaderKeyTest : public ::testing::TestWithParam<BadKey> {};

TEST_P(BadHeaderKeyTest, RefusedWithFileLineAndReason) {
  const BadKey& c = GetParam();
  DefinitionTree tree;
  const std::string text = Mutate(DemoDefinition(), c.from, c.to);
  auto catalog = LoadDemo(tree, text);
  ASSERT_FALSE(catalog) << c.name << " was accepted";
  const int line = LineOf(text, c.at);
  ASSERT_GT(line, 0) << c.at;
  const std::string prefix =
      (tree.processes() / "demo" / "v1.yaml").string() + ":" + std::to_string(line) + ": ";
  const std::string& message = catalog.error().message;
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << message << "\nexpected " << prefix;
  EXPECT_NE(message.find(c.reason), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(Cases, BadHeaderKeyTest, ::testing::ValuesIn(BadKeys()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DefinitionHeaderTest, KeepsTheActTheTermsAndEachSource) {
  DefinitionTree tree;
  std::string text = Mutate(DemoDefinition(), kAct,
                            "act:\n  number: \"1057\"\n  adopted: 2018-02-27\n"
                            "  registered: 2018-03-13\n  registration_number: \"6196\"\n"
                            "  amended_by: {number: \"1100\", date: 2019-01-10}\n"
                            "  repealed_by: {number: \"163\", date: 2020-02-06}");
  text = Mutate(text, kGuard,
                "guards: [has_employment_card, {name: quota_available, source: \"Later law\"}]");
  text = Mutate(text, "intake:\n",
                "intake:\n  checks: [{name: check_permit_application, source: \"Rules\"}]\n");
  text = Mutate(text, "    ref: \"6.3\"\n", "    ref: \"6.3\"\n    source: \"Order No. 7\"\n");
  auto catalog = LoadDemo(tree, text);
  ASSERT_TRUE(catalog) << catalog.error().message;
  const ProcessDefinition& def = *catalog->All().front();
  ASSERT_TRUE(def.act);
  EXPECT_EQ(def.act->number, "1057");
  EXPECT_EQ(def.act->adopted, Day(2018, 2, 27));
  EXPECT_EQ(def.act->registered, Day(2018, 3, 13));
  EXPECT_EQ(def.act->registration_number, "6196");
  ASSERT_TRUE(def.act->amended_by);
  EXPECT_EQ(def.act->amended_by->number, "1100");
  ASSERT_TRUE(def.act->repealed_by);
  EXPECT_EQ(def.act->repealed_by->number, "163");
  EXPECT_EQ(def.act->repealed_by->date, Day(2020, 2, 6));
  EXPECT_EQ(def.ServiceTermFor(Channel::kOffice), (Limit{Limit::kWorkingDays, 1}));
  EXPECT_FALSE(def.ServiceTermFor(Channel::kPortal));
  EXPECT_FALSE(def.beyond_seed);
  const Step* review = def.FindStep("review");
  EXPECT_EQ(review->guards, (std::vector<std::string>{"has_employment_card", "quota_available"}));
  EXPECT_EQ(review->guard_sources, (std::vector<std::string>{"", "Later law"}));
  EXPECT_EQ(def.intake.checks, std::vector<std::string>{"check_permit_application"});
  EXPECT_EQ(def.intake.check_sources, std::vector<std::string>{"Rules"});
  EXPECT_EQ(def.FindStep("assign")->source, "Order No. 7");
  EXPECT_EQ(def.FindStep("review")->source, "");
}

// A definition wholly beyond the seeds names its act in `source` and needs neither `act` nor
// `service_term`, nor a source on each later-law guard.
TEST(DefinitionHeaderTest, BeyondTheSeedNeedsOnlyItsSource) {
  DefinitionTree tree;
  std::string text = Mutate(DemoDefinition(), kAct + "\n" + kTerm + "\n", "beyond_seed: true\n");
  text = Mutate(text, kGuard, "guards: [quota_available]");
  auto catalog = LoadDemo(tree, text);
  ASSERT_TRUE(catalog) << catalog.error().message;
  const ProcessDefinition& def = *catalog->All().front();
  EXPECT_TRUE(def.beyond_seed);
  EXPECT_FALSE(def.act);
  EXPECT_TRUE(def.service_term.empty());
}

// The shipped definitions of seeds 003 and 004: their acts as the seeds head them, a term for
// every channel, and a source on every rule from later law.
TEST(DefinitionHeaderTest, ShippedDefinitionsRecordTheirActsAndTerms) {
  auto catalog = LoadProcessCatalog(kProcesses, kReference, DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  const std::set<std::string> seed003 = {"job-seeker-registration", "unemployed-registration",
                                         "active-measures-referral"};
  int checked = 0;
  for (const auto& def : catalog->All()) {
    // The programmes (P1-P3) come from functional maps, not from the repealed regulations.
    if (!def->runnable() || def->beyond_seed || def->number.starts_with("P")) continue;
    ++checked;
    ASSERT_TRUE(def->act) << def->code;
    ASSERT_TRUE(def->act->repealed_by) << def->code;
    EXPECT_EQ(def->act->repealed_by->number, "163") << def->code;
    EXPECT_EQ(def->act->repealed_by->date, Day(2020, 2, 6)) << def->code;
    if (seed003.count(def->code)) {
      EXPECT_EQ(def->act->number, "1057");
      EXPECT_EQ(def->act->adopted, Day(2018, 2, 27));
      EXPECT_EQ(def->act->registered, Day(2018, 3, 13));
      EXPECT_EQ(def->act->registration_number, "6196");
    } else {
      EXPECT_EQ(def->act->number, "125") << def->code;
      EXPECT_EQ(def->act->adopted, Day(2015, 8, 20));
      EXPECT_EQ(def->act->registered, Day(2015, 9, 8));
      EXPECT_EQ(def->act->registration_number, "5125");
      ASSERT_TRUE(def->act->amended_by);
      EXPECT_EQ(def->act->amended_by->number, "1054");
    }
    for (const auto& ch : def->channels) {
      EXPECT_TRUE(def->ServiceTermFor(ch.channel)) << def->code << " " << ChannelName(ch.channel);
    }
  }
  EXPECT_EQ(checked, 8);
  auto s4a = catalog->Find("foreign-labour-permit", "kzo-2018-1054");
  ASSERT_TRUE(s4a);
  EXPECT_EQ((*s4a)->ServiceTermFor(Channel::kOffice), (Limit{Limit::kWorkingDays, 9}));
  const Outcome* grant = (*s4a)->FindStep("prepare_notice")->FindOutcome("grant");
  ASSERT_NE(grant, nullptr);
  ASSERT_EQ(grant->guard_sources.size(), 2u);
  EXPECT_EQ(grant->guard_sources[0], "") << "the commission's recommendation is the seed's (6.6)";
  EXPECT_NE(grant->guard_sources[1].find("migration"), std::string::npos);
  EXPECT_NE((*s4a)->intake.check_sources.at(0).find("No. 559"), std::string::npos);
}

// Seed 003, regulations 2 and 3, item 6.2: the clerk registers the documents and passes them
// to the head; only regulation 1 (S1) lets the clerk refuse to accept at 6.2.
TEST(DefinitionHeaderTest, OnlyS1RefusesToAcceptAtTheClerksRegistration) {
  auto catalog = LoadProcessCatalog(kProcesses, kReference, DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  for (const char* code : {"unemployed-registration", "active-measures-referral"}) {
    auto def = catalog->Find(code, "kzo-2018-1057");
    ASSERT_TRUE(def) << code;
    for (const auto& step : (*def)->steps) {
      if (step.ref != "6.2" && step.ref != "9.2") continue;
      for (const auto& o : step.outcomes) {
        EXPECT_FALSE(o.decides && o.decides->kind == "acceptance_refusal")
            << code << " " << step.id << "/" << o.id;
        EXPECT_FALSE(o.requires_grounds) << code << " " << step.id << "/" << o.id;
      }
    }
    // The intake still refuses an incomplete or expired set at filing.
    ASSERT_TRUE((*def)->intake.refusal) << code;
    EXPECT_FALSE((*def)->GroundsFor("acceptance_refusal").empty()) << code;
  }
  auto s1 = catalog->Find("job-seeker-registration", "kzo-2018-1057");
  ASSERT_TRUE(s1);
  EXPECT_NE((*s1)->FindStep("register")->FindOutcome("refused_acceptance"), nullptr);
}

// `one_open_case: true` becomes the engine's check of that name, run before any other; a
// value that is not a flag is refused at its line.
TEST(DefinitionHeaderTest, OneOpenCaseIsTheFirstCheckAtFiling) {
  DefinitionTree tree;
  auto catalog = LoadDemo(tree, Mutate(DemoDefinition(), kAct, kAct + "\none_open_case: true"));
  ASSERT_TRUE(catalog) << catalog.error().message;
  const ProcessDefinition& def = *catalog->All().front();
  ASSERT_FALSE(def.intake.checks.empty());
  EXPECT_EQ(def.intake.checks.front(), "one_open_case");
  EXPECT_EQ(def.intake.checks.size(), def.intake.check_sources.size());

  DefinitionTree plain_tree;
  auto plain = LoadDemo(plain_tree, DemoDefinition());
  ASSERT_TRUE(plain) << plain.error().message;
  for (const auto& c : plain->All().front()->intake.checks) EXPECT_NE(c, "one_open_case");

  DefinitionTree bad_tree;
  auto bad = LoadDemo(bad_tree, Mutate(DemoDefinition(), kAct, kAct + "\none_open_case: maybe"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("one_open_case"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace jumys
