#pragma once
// A job seeker's card at the city centre written straight to the store, for API tests whose
// subject is not registration (S2 and S3 ask for a card; registering takes a whole S1 case).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "server/testing/api_harness.h"
#include "storage/repositories/employment_card_repository.h"

namespace jumys::testing {

inline void JobSeekerCard(ApiHarness& api, const std::string& iin) {
  EXPECT_TRUE(api.runtime()
                  .db()
                  .Write([&](storage::Tx& tx) -> Status {
                    JUMYS_TRY(storage::UpsertEmploymentCard(
                        tx, {iin, "kzo-city", "job_seeker", "2026-11-02", std::nullopt,
                             std::nullopt, "2026-11-02T05:00:00Z", "2026-11-02T05:00:00Z"}));
                    return {};
                  })
                  .has_value());
}

}  // namespace jumys::testing
