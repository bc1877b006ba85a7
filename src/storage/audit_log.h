#pragma once
// The audit trail: every state change appends an event whose SHA-256 hash chains to the
// previous one over a canonical serialisation. audit_head keeps the last link, so deleting
// the newest rows is detected too.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct AuditEvent {
  std::string at;  // RFC 3339 UTC
  std::string actor;
  std::string action;  // e.g. "person.read", "person.upsert", "session.login"
  std::string entity;
  std::string entity_id;
  std::string office_id;
  nlohmann::json data = nlohmann::json::object();
};

inline constexpr const char* kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hash of one link: SHA-256 over prev_hash, "\n" and the canonical JSON of the event with
// its seq (`canonical_data`: CanonicalJson(event.data); event.data itself is not read).
std::string AuditLinkHash(std::int64_t seq, const AuditEvent& event,
                          std::string_view canonical_data, const std::string& prev_hash);

// Appends inside the caller's write transaction, so the change and its event commit together.
Status AppendAudit(Tx& tx, const AuditEvent& event);
Status AppendAudit(Tx& tx, const std::vector<AuditEvent>& events);

struct AuditVerification {
  bool ok = true;
  std::int64_t events = 0;
  std::optional<std::int64_t> broken_seq;  // first link that does not verify
  std::string reason;
};
Expected<AuditVerification> VerifyAudit(Database& db);

// Reads of personal records are logged without a write transaction per request: events queue
// here and a background thread appends them in batches (at most `interval` later; flushed on
// destruction).
class AuditReadLog {
 public:
  AuditReadLog(Database& db, std::chrono::milliseconds interval);
  ~AuditReadLog();
  AuditReadLog(const AuditReadLog&) = delete;
  AuditReadLog& operator=(const AuditReadLog&) = delete;

  void Record(AuditEvent event);
  // Appends everything queued so far before returning.
  Status Flush();

 private:
  void Run();

  Database& db_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::mutex flush_mutex_;
  std::condition_variable wake_;
  std::vector<AuditEvent> pending_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jumys::storage
