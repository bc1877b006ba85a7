// `list:` and `decided_on_list:` in a definition: loaded, and refused with file, line and
// reason when a list is decided before it is made, by an applicant, or at a step taking data.
#include <gtest/gtest.h>

#include "core/source_dir.h"
#include "engine/decision_list_test_support.h"
#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"

namespace jumys::testing {
namespace {

struct BadList {
  const char* name;
  const char* from;
  const char* to;
  const char* at;  // a text on the line the error must name
  const char* reason;
  const char* from2 = nullptr;  // a second change, when one is not enough
  const char* to2 = nullptr;
};

class DecisionListDefinition : public ::testing::TestWithParam<BadList> {};

TEST(DecisionListDefinitionLoad, ListAndDecidingStepAreRead) {
  DefinitionTree tree;
  tree.Definition("listed", "v1", kListedDefinition);
  tree.Grounds("listed", kListedGrounds);
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  auto def = catalog->Find("listed", "v1");
  ASSERT_TRUE(def);
  const Step* check = (*def)->FindStep("check");
  const Step* decide = (*def)->FindStep("decide");
  EXPECT_EQ(check->list, "applications_review");
  EXPECT_FALSE(check->decided_on_list);
  ASSERT_TRUE(decide->decided_on_list);
  EXPECT_EQ(decide->decided_on_list->list, "applications_review");
  EXPECT_EQ(decide->decided_on_list->by, Role::kHead);
  EXPECT_TRUE(decide->ListDecides(*decide->FindOutcome("approved")));
  EXPECT_TRUE(decide->ListDecides(*decide->FindOutcome("rejected")));
  EXPECT_FALSE(decide->ListDecides(*decide->FindOutcome("withdrawn")));
  EXPECT_FALSE(check->ListDecides(check->outcomes.front()));
}

TEST(DecisionListDefinitionLoad, TheSubsidisedJobsSketchListsAtTwoFiveAndDecidesAtThreeOne) {
  auto catalog = LoadProcessCatalog(SourceDir() / "processes", SourceDir() / "reference",
                                    DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  auto def = catalog->Find("subsidised-jobs", "fk-b03");
  ASSERT_TRUE(def);
  EXPECT_EQ((*def)->FindStep("send_for_review")->list, "applications_review");
  const Step* decide = (*def)->FindStep("enter_decision");
  ASSERT_TRUE(decide->decided_on_list);
  EXPECT_EQ(decide->decided_on_list->by, Role::kHead);
}

TEST_P(DecisionListDefinition, RefusedWithFileLineAndReason) {
  const BadList& c = GetParam();
  DefinitionTree tree;
  tree.Grounds("listed", kListedGrounds);
  std::string text = Mutate(kListedDefinition, c.from, c.to);
  if (c.from2) text = Mutate(text, c.from2, c.to2);
  const auto file = tree.Definition("listed", "v1", text);
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(catalog) << c.name << " was accepted";
  const int line = LineOf(text, c.at);
  ASSERT_GT(line, 0) << c.at;
  const std::string& message = catalog.error().message;
  EXPECT_EQ(message.rfind(file.string() + ":" + std::to_string(line) + ": ", 0), 0u)
      << message << "\nexpected line " << line;
  EXPECT_NE(message.find(c.reason), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DecisionListDefinition,
    ::testing::Values(
        BadList{"no_list_step", "    list: applications_review\n", "",
                "decided_on_list:", "no step puts cases on list 'applications_review'"},
        BadList{"listed_after", "    list: applications_review\n", "",
                "decided_on_list:", "the list must be made before it is decided",
                "    title: {kk: а, ru: б, en: Follow up}\n",
                "    title: {kk: а, ru: б, en: Follow up}\n    list: applications_review\n"},
        BadList{"list_on_automatic", "    role: employer_specialist\n    limit: 1wd\n    list:",
                "    kind: automatic\n    list:", "    list: applications_review",
                "'list' is only for user steps"},
        BadList{"applicant_decides", "by: head}", "by: employer}", "by: employer",
                "'employer' cannot decide a list"},
        BadList{"unknown_role", "by: head}", "by: chief}", "by: chief", "unknown role 'chief'"},
        BadList{"no_by", ", by: head}", "}", "decided_on_list:", "needs 'by'"},
        BadList{"misspelt_key", "by: head}", "by: head, who: x}",
                "decided_on_list:", "unknown key"},
        BadList{"takes_data", "    decided_on_list: {list: applications_review, by: head}\n",
                "    decided_on_list: {list: applications_review, by: head}\n    fields:\n"
                "      - {name: note, type: text, label: {kk: а, ru: б, en: Note}}\n",
                "decided_on_list:", "takes no fields"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace jumys::testing
