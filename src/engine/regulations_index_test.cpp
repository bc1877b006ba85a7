#include "engine/regulations_index.h"

#include <gtest/gtest.h>

#include <map>

#include "core/source_dir.h"
#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

using testing::DefinitionTree;

// The demo definition with a catalogue number and an intake check.
std::string NumberedDemo() {
  std::string text = testing::DemoDefinition();
  text.replace(text.find("version:"), 0, "number: X9\n");
  text.replace(text.find("  refusal:"), 0,
               "  checks: [{name: check_permit_application, source: \"Later rules\"}]\n");
  text.replace(text.find("    ref: \"6.3\"\n"), 0, "    source: \"Order No. 7\"\n");
  return text;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class RegulationsIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.Definition("demo", "v1", NumberedDemo());
    tree_.Grounds("demo", testing::DemoGrounds());
    auto catalog =
        LoadProcessCatalog(tree_.processes(), tree_.reference(), DefaultDefinitionVocabulary());
    ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
    catalog_.emplace(std::move(*catalog));
    hooks_.AddGuard("has_employment_card", "test.guard"_msg, "no card",
                    [](HookContext&) { return true; });
    hooks_.AddCheck("check_permit_application", [](HookContext&) -> Status { return {}; });
    hooks_.AddEffect("upsert_employment_card", [](HookContext&) -> Status { return {}; });
  }

  std::string Index(const std::vector<TestFile>& tests) {
    return RegulationsIndex(*catalog_, hooks_, tests, tree_.processes().parent_path());
  }

  DefinitionTree tree_;
  std::optional<ProcessCatalog> catalog_;
  CaseHooks hooks_;
};

TEST_F(RegulationsIndexTest, ListsStepsHooksWithTheirFilesAndTests) {
  const std::string index = Index({{"src/a/demo_test.cpp", "Start(\"demo\", ...)"},
                                   {"src/a/other_test.cpp", "demo-two, X9a, AX9"},
                                   {"tests/blackbox/test_x.py", "# X9: the demo"}});
  EXPECT_TRUE(Has(index,
                  "| [X9](#x9) | `demo` | Demo | v1 | active | "
                  "[processes/demo/v1.yaml](../processes/demo/v1.yaml) |"))
      << index;
  EXPECT_TRUE(Has(index, "<a id=\"x9\"></a>\n\n## X9. Demo\n")) << index;
  EXPECT_TRUE(Has(index, "- Legal source: Test act\n")) << index;
  EXPECT_TRUE(Has(index, "- Items: 6.1, 6.2, 6.3, 6.4, 6.5\n")) << index;
  EXPECT_TRUE(Has(index, "| `register` | 6.2 | Register | user | all | office_clerk | 20min |"))
      << index;
  // A rule from later law names its act; one of the regulation's own shows "-".
  EXPECT_TRUE(Has(index,
                  "| `check_permit_application` | check | intake | Later rules | "
                  "[src/engine/regulations_index_test.cpp]"
                  "(../src/engine/regulations_index_test.cpp) |"))
      << index;
  EXPECT_TRUE(Has(index, "| `has_employment_card` | guard | review | - | [src/engine/")) << index;
  // The act with its own dates, the service term, and a step beyond the seed.
  EXPECT_TRUE(Has(index, "- Act: No. 1 of 2019-12-01\n")) << index;
  EXPECT_TRUE(Has(index, "- Service term: office 1wd\n")) << index;
  EXPECT_TRUE(Has(index, "| `assign` | 6.3 | Assign (beyond the seed: Order No. 7) |")) << index;
  EXPECT_TRUE(Has(index, "| `upsert_employment_card` | effect | review/approve | - | [src/"))
      << index;
  EXPECT_TRUE(Has(index,
                  "| `issue_result` | effect | sign/signed | - | none in this build: the process "
                  "is not offered |"))
      << index;
  EXPECT_TRUE(Has(index,
                  "### Tests\n\n- [src/a/demo_test.cpp](../src/a/demo_test.cpp)\n"
                  "- [tests/blackbox/test_x.py](../tests/blackbox/test_x.py)\n"))
      << index;
  EXPECT_FALSE(Has(index, "other_test.cpp")) << index;
}

TEST_F(RegulationsIndexTest, SameInputSameText) {
  EXPECT_EQ(Index({}), Index({}));
  EXPECT_TRUE(Has(Index({}), "### Tests\n\nNone name it yet.\n"));
}

// The index is keyed by number: every shipped process has one, and no two processes share it.
TEST(RegulationsIndexTests, EveryShippedProcessHasItsOwnNumber) {
  const std::filesystem::path root = jumys::SourceDir();
  auto catalog =
      LoadProcessCatalog(root / "processes", root / "reference", DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
  std::map<std::string, std::string> code_of;
  for (const auto& def : catalog->All()) {
    EXPECT_FALSE(def->number.empty()) << def->file;
    auto [it, fresh] = code_of.emplace(def->number, def->code);
    EXPECT_EQ(it->second, def->code) << def->number << " names two processes";
  }
  EXPECT_EQ(code_of["S4a"], "foreign-labour-permit");
}

TEST(RegulationsIndexTests, MentionsAreWholeWords) {
  const std::vector<TestFile> tests = {
      {"a_test.cpp", "\"ict-permit-renewal\" and S4ab"},
      {"b_test.cpp", "processes/ict-permit/kzo.yaml"},
      {"c_test.cpp", "S4a-S4e"},
      {"d_test.cpp", "xS4a, S4a_1"},
  };
  EXPECT_EQ(TestsMentioning(tests, "S4d", "ict-permit"), std::vector<std::string>{"b_test.cpp"});
  EXPECT_EQ(TestsMentioning(tests, "S4a", "foreign-labour-permit"),
            std::vector<std::string>{"c_test.cpp"});
  EXPECT_TRUE(TestsMentioning(tests, "", "").empty());
}

TEST(RegulationsIndexTests, ScansTestFilesOnly) {
  DefinitionTree tree;
  const auto root = tree.processes().parent_path();
  DefinitionTree::Write(root / "src/x/foo_test.cpp", "S1");
  DefinitionTree::Write(root / "src/x/foo_pgtest.cpp", "S1");
  DefinitionTree::Write(root / "src/x/foo_suite.h", "S1");
  DefinitionTree::Write(root / "src/x/foo.cpp", "S1");
  DefinitionTree::Write(root / "tests/blackbox/test_cli.py", "S1");
  DefinitionTree::Write(root / "tests/browser/node_modules/dep/index.js", "S1");
  std::vector<std::string> paths;
  for (const auto& f : ScanTestFiles(root)) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"src/x/foo_pgtest.cpp", "src/x/foo_suite.h",
                                             "src/x/foo_test.cpp", "tests/blackbox/test_cli.py"}));
}

}  // namespace
}  // namespace jumys
