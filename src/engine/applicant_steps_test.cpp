#include "engine/applicant_steps_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, ApplicantStepsSuite, ::testing::Values(Backend::kSqlite));

// An employer's step names the case's applicant only where the definition says who applies; in
// a person's case it is the employer party's (P1's employer signing the social contract).
TEST(ApplicantStepsLoader, AnApplicantRoleStepNeedsTheDefinitionsApplicantKind) {
  DefinitionTree unsaid;
  unsaid.Definition("cabinet", "v1",
                    Mutate(applicant_steps::kDefinition, "applicant: employer\n", ""));
  unsaid.Grounds("cabinet", applicant_steps::kGrounds);
  auto refused =
      LoadProcessCatalog(unsaid.processes(), unsaid.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("needs 'applicant: employer'"), std::string::npos)
      << refused.error().message;
  DefinitionTree party;
  party.Definition(
      "cabinet", "v1",
      Mutate(applicant_steps::kDefinition, "applicant: employer\n", "applicant: person\n"));
  party.Grounds("cabinet", applicant_steps::kGrounds);
  auto party_loaded =
      LoadProcessCatalog(party.processes(), party.reference(), DefaultDefinitionVocabulary());
  EXPECT_TRUE(party_loaded.has_value()) << party_loaded.error().message;
  DefinitionTree tree;
  tree.Definition("cabinet", "v1", applicant_steps::kDefinition);
  tree.Grounds("cabinet", applicant_steps::kGrounds);
  auto loaded =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
}

}  // namespace jumys::testing
