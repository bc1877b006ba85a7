// The hooks every definition may name, as the services register them: each under its kind
// and with the file that implements it (the regulation index links to it).
#include "services/case_hooks.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/source_dir.h"
#include "engine/definition_vocabulary.h"

namespace jumys::services {
namespace {

// It validates the filed application and changes nothing: a check, run at intake, not an
// effect of a step. Registered as an effect again, intake would no longer find it.
TEST(CaseHooksKinds, CheckPermitApplicationIsACheck) {
  const CaseHooks hooks = DefaultCaseHooks();
  EXPECT_NE(hooks.FindCheck("check_permit_application"), nullptr);
  EXPECT_EQ(hooks.FindEffect("check_permit_application"), nullptr);
  EXPECT_EQ(hooks.FindGuard("check_permit_application"), nullptr);
  EXPECT_EQ(hooks.SourceOf(HookKind::kCheck, "check_permit_application"),
            "src/services/permits/permit_hooks.cpp");
  EXPECT_EQ(hooks.SourceOf(HookKind::kEffect, "check_permit_application"), "");

  const DefinitionVocabulary vocabulary = DefaultDefinitionVocabulary();
  EXPECT_TRUE(vocabulary.checks.contains("check_permit_application"));
  EXPECT_FALSE(vocabulary.effects.contains("check_permit_application"));
}

TEST(CaseHooksKinds, NoNameIsOfTwoKinds) {
  const DefinitionVocabulary v = DefaultDefinitionVocabulary();
  for (const auto& c : v.checks) {
    EXPECT_FALSE(v.guards.contains(c)) << c;
    EXPECT_FALSE(v.effects.contains(c)) << c;
  }
  for (const auto& g : v.guards) EXPECT_FALSE(v.effects.contains(g)) << g;
}

// The index's links must lead somewhere: every registration names a file of this tree.
TEST(CaseHooksKinds, EveryRegistrationNamesItsSourceFile) {
  const CaseHooks hooks = DefaultCaseHooks();
  const std::filesystem::path root = jumys::SourceDir();
  auto expect_file = [&](HookKind kind, const std::set<std::string>& names) {
    for (const auto& name : names) {
      const std::string source = hooks.SourceOf(kind, name);
      EXPECT_TRUE(source.starts_with("src/")) << name << ": " << source;
      EXPECT_TRUE(std::filesystem::is_regular_file(root / source)) << name << ": " << source;
    }
  };
  expect_file(HookKind::kGuard, hooks.GuardNames());
  expect_file(HookKind::kCheck, hooks.CheckNames());
  expect_file(HookKind::kEffect, hooks.EffectNames());
  EXPECT_EQ(hooks.SourceOf(HookKind::kGuard, "quota_available"),
            "src/services/permits/permit_hooks.cpp");
  EXPECT_EQ(hooks.SourceOf(HookKind::kEffect, "issue_result"), "src/engine/case_results.cpp");
}

}  // namespace
}  // namespace jumys::services
