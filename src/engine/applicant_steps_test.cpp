#include "engine/applicant_steps_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, ApplicantStepsSuite, ::testing::Values(Backend::kSqlite));

// An employer's step names the case's applicant only where the definition says who applies.
TEST(ApplicantStepsLoader, AnApplicantRoleStepNeedsTheDefinitionsApplicantKind) {
  for (const std::string& header : {std::string("applicant: person\n"), std::string("")}) {
    DefinitionTree tree;
    tree.Definition("cabinet", "v1",
                    Mutate(applicant_steps::kDefinition, "applicant: employer\n", header));
    tree.Grounds("cabinet", applicant_steps::kGrounds);
    auto loaded =
        LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
    ASSERT_FALSE(loaded.has_value()) << header;
    EXPECT_NE(loaded.error().message.find("needs 'applicant: employer'"), std::string::npos)
        << loaded.error().message;
  }
  DefinitionTree tree;
  tree.Definition("cabinet", "v1", applicant_steps::kDefinition);
  tree.Grounds("cabinet", applicant_steps::kGrounds);
  auto loaded =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
}

}  // namespace jumys::testing
