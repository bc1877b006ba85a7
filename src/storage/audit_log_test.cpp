#include "storage/audit_log.h"

#include <gtest/gtest.h>

#include "core/canonical_json.h"
#include "core/sha256.h"

namespace jumys::storage {
namespace {

AuditEvent SampleEvent() {
  return {
      "2026-11-23T10:00:00Z",
      "clerk",
      "task.complete",
      "case",
      "42",
      "kzo-city",
      {{"outcome", "accepted"}, {"note", "Қызылорда \"1\"\\ \t"}, {"n", 2.0}, {"list", {1, 2}}}};
}

// Chains already stored were linked by this formula: it must not change.
TEST(AuditLinkHashTest, HashesThePreviousLinkAndTheCanonicalEvent) {
  const AuditEvent e = SampleEvent();
  const std::string link = AuditLinkHash(7, e, CanonicalJson(e.data), kAuditGenesisHash);
  // sha256 of the genesis hash, "\n" and the event as JSON with sorted keys (computed apart).
  EXPECT_EQ(link, "070d8192ed43c41b2455611dd7ea00ca96349310de7af3533ae9c0666624ab03");
  const nlohmann::json whole = {{"seq", 7},
                                {"at", e.at},
                                {"actor", e.actor},
                                {"action", e.action},
                                {"entity", e.entity},
                                {"entity_id", e.entity_id},
                                {"office_id", e.office_id},
                                {"data", e.data}};
  EXPECT_EQ(link, Sha256Hex(std::string(kAuditGenesisHash) + "\n" + CanonicalJson(whole)));
}

TEST(AuditLinkHashTest, EveryFieldAndThePredecessorCount) {
  const AuditEvent e = SampleEvent();
  const std::string data = CanonicalJson(e.data);
  const std::string base = AuditLinkHash(7, e, data, kAuditGenesisHash);
  EXPECT_NE(AuditLinkHash(8, e, data, kAuditGenesisHash), base);
  EXPECT_NE(AuditLinkHash(7, e, data, base), base);
  EXPECT_NE(AuditLinkHash(7, e, R"({"outcome":"refused"})", kAuditGenesisHash), base);
  for (std::string AuditEvent::*field :
       {&AuditEvent::at, &AuditEvent::actor, &AuditEvent::action, &AuditEvent::entity,
        &AuditEvent::entity_id, &AuditEvent::office_id}) {
    AuditEvent changed = e;
    changed.*field += "x";
    EXPECT_NE(AuditLinkHash(7, changed, data, kAuditGenesisHash), base);
  }
}

}  // namespace
}  // namespace jumys::storage
