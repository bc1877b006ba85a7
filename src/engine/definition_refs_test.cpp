// Every step of S1-S4 with its ref, role and limit, transcribed from the regulations (seeds 003
// and 004), compared with the shipped definitions in both directions.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/source_dir.h"
#include "engine/definition_loader.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;

struct Row {
  const char* code;
  const char* channel;
  const char* ref;
  const char* role;
  const char* limit;  // "" for the applicant's submission (the channel's entry)
};

constexpr const char* S1 = "job-seeker-registration";
constexpr const char* S2 = "unemployed-registration";
constexpr const char* S3 = "active-measures-referral";
constexpr const char* S4a = "foreign-labour-permit";
constexpr const char* S4b = "foreign-labour-permit-reissue";
constexpr const char* S4c = "foreign-labour-permit-extension";
constexpr const char* S4d = "ict-permit";
constexpr const char* S4e = "ict-permit-renewal";

// S4 portal (item 9): 9.2, then the office steps 6.2-6.8 (issue) or 6.2-6.6 (the others),
// then 9.4; the permit reaches the cabinet, so the office's collection wait and post are not
// in the portal flow.
const std::vector<Row> kRows = {
    // S1, office (item 6) and portal (item 9).
    {S1, "office", "6.1", "applicant", ""},
    {S1, "office", "6.2", "office_clerk", "20min"},
    {S1, "office", "6.3", "head", "20min"},
    {S1, "office", "6.4", "executor", "30min"},
    {S1, "office", "6.5", "head", "20min"},
    {S1, "office", "6.6", "office_clerk", "30min"},
    {S1, "portal", "9.1", "applicant", ""},
    {S1, "portal", "9.2", "office_clerk", "20min"},
    {S1, "portal", "9.3", "head", "20min"},
    {S1, "portal", "9.4", "executor", "30min"},
    {S1, "portal", "9.5", "head", "20min"},
    // S2, office only.
    {S2, "office", "6.1", "applicant", ""},
    {S2, "office", "6.2", "office_clerk", "20min"},
    {S2, "office", "6.3", "head", "30min"},
    {S2, "office", "6.4", "executor", "30min"},
    {S2, "office", "6.5", "head", "30min"},
    {S2, "office", "6.6", "office_clerk", "20min"},
    // S3.
    {S3, "office", "6.1", "applicant", ""},
    {S3, "office", "6.2", "office_clerk", "5min"},
    {S3, "office", "6.3", "head", "5min"},
    {S3, "office", "6.4", "executor", "10min"},
    {S3, "office", "6.5", "head", "5min"},
    {S3, "office", "6.6", "office_clerk", "5min"},
    {S3, "portal", "9.1", "applicant", ""},
    {S3, "portal", "9.2", "office_clerk", "20min"},
    {S3, "portal", "9.3", "head", "20min"},
    {S3, "portal", "9.4", "executor", "20min"},
    {S3, "portal", "9.5", "head", "20min"},
    {S3, "portal", "9.6", "office_clerk", "20min"},
    // S4a: 6.8 is four limits: notify 1wd, fee 10wd (recorded by the clerk), collection 2wd,
    // hand to the clerk 30min.
    {S4a, "office", "6.1", "applicant", ""},
    {S4a, "office", "6.2", "office_clerk", "20min"},
    {S4a, "office", "6.3", "head", "30min"},
    {S4a, "office", "6.4", "executor", "6wd"},
    {S4a, "office", "6.5", "commission_secretary", "1wd"},
    {S4a, "office", "6.6", "executor", "2h"},
    {S4a, "office", "6.7", "head", "30min"},
    {S4a, "office", "6.8", "executor", "1wd"},
    {S4a, "office", "6.8", "office_clerk", "10wd"},
    {S4a, "office", "6.8", "executor", "2wd"},
    {S4a, "office", "6.8", "executor", "30min"},
    {S4a, "office", "6.9", "office_clerk", "1wd"},
    {S4a, "portal", "9.1", "applicant", ""},
    {S4a, "portal", "9.2", "executor", "20min"},
    {S4a, "portal", "6.2", "office_clerk", "20min"},
    {S4a, "portal", "6.3", "head", "30min"},
    {S4a, "portal", "6.4", "executor", "6wd"},
    {S4a, "portal", "6.5", "commission_secretary", "1wd"},
    {S4a, "portal", "6.6", "executor", "2h"},
    {S4a, "portal", "6.7", "head", "30min"},
    {S4a, "portal", "6.8", "executor", "1wd"},
    {S4a, "portal", "6.8", "office_clerk", "10wd"},
    {S4a, "portal", "9.4", "executor", "20min"},
    // S4b reissue.
    {S4b, "office", "6.1", "applicant", ""},
    {S4b, "office", "6.2", "office_clerk", "20min"},
    {S4b, "office", "6.3", "head", "5wd"},
    {S4b, "office", "6.4", "executor", "2h"},
    {S4b, "office", "6.5", "head", "30min"},
    {S4b, "office", "6.6", "office_clerk", "1wd"},
    {S4b, "portal", "9.1", "applicant", ""},
    {S4b, "portal", "9.2", "executor", "20min"},
    {S4b, "portal", "6.2", "office_clerk", "20min"},
    {S4b, "portal", "6.3", "head", "5wd"},
    {S4b, "portal", "6.4", "executor", "2h"},
    {S4b, "portal", "6.5", "head", "30min"},
    {S4b, "portal", "6.6", "office_clerk", "1wd"},
    {S4b, "portal", "9.4", "executor", "20min"},
    // S4c extension: 6.6 is notify 1wd, fee 10wd, collection 2wd, hand to the clerk 30min.
    {S4c, "office", "6.1", "applicant", ""},
    {S4c, "office", "6.2", "office_clerk", "20min"},
    {S4c, "office", "6.3", "head", "3wd"},
    {S4c, "office", "6.4", "executor", "2h"},
    {S4c, "office", "6.5", "head", "30min"},
    {S4c, "office", "6.6", "executor", "1wd"},
    {S4c, "office", "6.6", "office_clerk", "10wd"},
    {S4c, "office", "6.6", "executor", "2wd"},
    {S4c, "office", "6.6", "executor", "30min"},
    {S4c, "office", "6.7", "office_clerk", "1wd"},
    {S4c, "portal", "9.1", "applicant", ""},
    {S4c, "portal", "9.2", "executor", "20min"},
    {S4c, "portal", "6.2", "office_clerk", "20min"},
    {S4c, "portal", "6.3", "head", "3wd"},
    {S4c, "portal", "6.4", "executor", "2h"},
    {S4c, "portal", "6.5", "head", "30min"},
    {S4c, "portal", "6.6", "executor", "1wd"},
    {S4c, "portal", "6.6", "office_clerk", "10wd"},
    {S4c, "portal", "9.4", "executor", "20min"},
    // S4d ICT permit.
    {S4d, "office", "6.1", "applicant", ""},
    {S4d, "office", "6.2", "office_clerk", "20min"},
    {S4d, "office", "6.3", "head", "7wd"},
    {S4d, "office", "6.4", "executor", "2h"},
    {S4d, "office", "6.5", "head", "30min"},
    {S4d, "office", "6.6", "executor", "30min"},
    {S4d, "office", "6.7", "office_clerk", "1wd"},
    {S4d, "portal", "9.1", "applicant", ""},
    {S4d, "portal", "9.2", "executor", "20min"},
    {S4d, "portal", "6.2", "office_clerk", "20min"},
    {S4d, "portal", "6.3", "head", "7wd"},
    {S4d, "portal", "6.4", "executor", "2h"},
    {S4d, "portal", "6.5", "head", "30min"},
    {S4d, "portal", "6.6", "executor", "30min"},
    {S4d, "portal", "9.4", "executor", "20min"},
    // S4e ICT reissue or extension: as S4d, the decision within 5 wd.
    {S4e, "office", "6.1", "applicant", ""},
    {S4e, "office", "6.2", "office_clerk", "20min"},
    {S4e, "office", "6.3", "head", "5wd"},
    {S4e, "office", "6.4", "executor", "2h"},
    {S4e, "office", "6.5", "head", "30min"},
    {S4e, "office", "6.6", "executor", "30min"},
    {S4e, "office", "6.7", "office_clerk", "1wd"},
    {S4e, "portal", "9.1", "applicant", ""},
    {S4e, "portal", "9.2", "executor", "20min"},
    {S4e, "portal", "6.2", "office_clerk", "20min"},
    {S4e, "portal", "6.3", "head", "5wd"},
    {S4e, "portal", "6.4", "executor", "2h"},
    {S4e, "portal", "6.5", "head", "30min"},
    {S4e, "portal", "6.6", "executor", "30min"},
    {S4e, "portal", "9.4", "executor", "20min"},
};

using Key = std::pair<std::string, std::string>;                  // code, channel
using Entry = std::tuple<std::string, std::string, std::string>;  // ref, role, limit

TEST(DefinitionRefsTest, EveryStepMatchesTheRegulation) {
  auto catalog =
      LoadProcessCatalog(jumys::SourceDir() / "processes", jumys::SourceDir() / "reference",
                         DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;

  std::map<Key, std::vector<Entry>> expected, actual;
  for (const Row& r : kRows) expected[{r.code, r.channel}].emplace_back(r.ref, r.role, r.limit);
  for (const auto& def : catalog->All()) {
    // The seeds' services (S1-S4e); what later law adds (U1, ...) has no seed table to match.
    if (!def->runnable() || !def->number.starts_with("S")) continue;
    for (const auto& entry : def->channels) {
      const Key key{def->code, ChannelName(entry.channel)};
      auto& steps = actual[key];
      steps.emplace_back(entry.ref, "applicant", "");
      for (const auto& step : def->steps) {
        if (!step.InChannel(entry.channel)) continue;
        // A step beyond the seed names its later act instead (S4a sign_permit).
        if (!step.source.empty()) continue;
        // Every step of S1-S4 is worked by someone within a legal limit.
        ASSERT_TRUE(step.role && step.limit) << def->code << " " << step.id;
        steps.emplace_back(step.ref, RoleName(*step.role), FormatLimit(*step.limit));
      }
    }
  }
  for (auto* table : {&expected, &actual})
    for (auto& [key, entries] : *table) std::sort(entries.begin(), entries.end());
  for (const auto& [key, entries] : expected) {
    EXPECT_EQ(actual[key], entries) << key.first << " " << key.second;
  }
  for (const auto& [key, entries] : actual) {
    EXPECT_TRUE(expected.count(key)) << "not in the table: " << key.first << " " << key.second;
  }
}

}  // namespace
}  // namespace jumys
