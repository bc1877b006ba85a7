#pragma once
// The fixture of the API suites that run on either store: a harness on the parameter's backend,
// and the number of audit events once the read log is flushed and the chain verified.
#include <gtest/gtest.h>

#include "server/testing/api_harness.h"
#include "storage/audit_log.h"

namespace jumys::testing {

class ApiFixture : public ::testing::TestWithParam<Backend> {
 protected:
  ApiFixture() : api_(GetParam()) {}

  std::int64_t AuditCount() {
    auto flushed = api_.runtime().read_log().Flush();
    EXPECT_TRUE(flushed.has_value());
    auto v = storage::VerifyAudit(api_.runtime().db());
    EXPECT_TRUE(v.has_value());
    return v->events;
  }

  ApiHarness api_;
};

}  // namespace jumys::testing
