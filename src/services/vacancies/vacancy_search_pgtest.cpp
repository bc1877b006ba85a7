// Public vacancy search on PostgreSQL (JUMYS_PG_URL, see scripts/with-postgres).
#include "services/vacancies/vacancy_search_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, VacancySearchSuite, ::testing::Values(Backend::kPostgres));

// A GIN index with fast update makes every search read its pending list of new rows whole.
TEST(VacancySearchIndex, NewVacanciesGoStraightIntoTheWordIndex) {
  DemoStore store(Backend::kPostgres);
  std::string options;
  ASSERT_TRUE(store.db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class "
                            "WHERE relname = 'vacancies_search_tokens'"));
    if (rows.size() == 1) options = rows.Text(0, 0);
    return {};
  }));
  EXPECT_EQ(options, "fastupdate=off");
}

}  // namespace jumys::testing
