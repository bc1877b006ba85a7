// `one_open_case: true` (S1, S2): one applicant, at most one open case of the process; the
// second filing is refused naming the first, a case that ended does not count. The loader
// makes the key the engine's check `one_open_case`, run first at filing.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/identifiers.h"
#include "engine/case_test_support.h"

namespace jumys::testing {
namespace {

CaseService::StartRequest Filing(const std::string& process, const std::string& iin,
                                 bool complete = true) {
  CaseService::StartRequest r;
  r.process = process;
  r.applicant_iin = iin;
  r.documents = {{"identity_document", *ParseDate("2030-01-01")}};
  if (complete) r.documents.push_back({"application", {}});
  return r;
}

TEST(OneOpenCase, TheShippedDefinitionsSayWhichHaveOne) {
  EngineFixture engine;
  const auto& catalog = engine.cases().catalog();
  for (const auto& def : catalog.All()) {
    const bool expected =
        def->code == "job-seeker-registration" || def->code == "unemployed-registration";
    const auto& checks = def->intake.checks;
    const bool has = std::find(checks.begin(), checks.end(), "one_open_case") != checks.end();
    EXPECT_EQ(has, expected) << def->code;
    if (has) EXPECT_EQ(checks.front(), "one_open_case") << "checked first";
  }
}

TEST(OneOpenCase, ASecondOpenCaseIsRefusedNamingTheFirst) {
  EngineFixture engine;
  const std::string iin = *AppendCheckDigit("90051530013");
  auto first = engine.cases().Start(engine.As("clerk"), Filing("job-seeker-registration", iin));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  auto loaded = engine.cases().Load(*first);
  ASSERT_TRUE(loaded.has_value());

  auto second = engine.cases().Start(engine.As("clerk"), Filing("job-seeker-registration", iin));
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(second.error().key, "case.one_open_case");
  const auto param = [&](const std::string& name) {
    for (const auto& [k, v] : second.error().params)
      if (k == name) return v;
    return std::string("(none)");
  };
  EXPECT_EQ(param("case"), std::to_string(*first));
  EXPECT_EQ(param("number"), loaded->kase.number);

  // Another person, or another process for the same person, is not held back.
  auto other = engine.cases().Start(
      engine.As("clerk"), Filing("job-seeker-registration", *AppendCheckDigit("90051530014")));
  EXPECT_TRUE(other.has_value()) << other.error().message;
  auto s2 = engine.cases().Start(engine.As("clerk"), Filing("unemployed-registration", iin));
  EXPECT_TRUE(s2.has_value()) << s2.error().message;
  auto s2_again = engine.cases().Start(engine.As("clerk"), Filing("unemployed-registration", iin));
  ASSERT_FALSE(s2_again.has_value());
  EXPECT_EQ(s2_again.error().key, "case.one_open_case");
}

TEST(OneOpenCase, ACaseThatEndedDoesNotCount) {
  EngineFixture engine;
  const std::string iin = *AppendCheckDigit("90051530015");
  // An incomplete set is refused at filing: that case is closed at once.
  auto refused =
      engine.cases().Start(engine.As("clerk"), Filing("job-seeker-registration", iin, false));
  ASSERT_TRUE(refused.has_value()) << refused.error().message;
  ASSERT_EQ(engine.cases().Load(*refused)->kase.status, "refused");
  auto again = engine.cases().Start(engine.As("clerk"), Filing("job-seeker-registration", iin));
  EXPECT_TRUE(again.has_value()) << again.error().message;
}

}  // namespace
}  // namespace jumys::testing
