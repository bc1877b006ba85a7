#include "storage/audit_log.h"

#include <spdlog/spdlog.h>

#include "core/canonical_json.h"
#include "core/sha256.h"

namespace jumys::storage {

std::string AuditLinkHash(std::int64_t seq, const AuditEvent& e, std::string_view canonical_data,
                          const std::string& prev_hash) {
  // CanonicalJson of {"seq", "at", "actor", "action", "entity", "entity_id", "office_id",
  // "data"}, written out in its key order with the data already canonical.
  auto text = [](const std::string& s) { return CanonicalJson(s); };
  std::string link = prev_hash;
  link += "\n{\"action\":" + text(e.action) + ",\"actor\":" + text(e.actor) +
          ",\"at\":" + text(e.at) + ",\"data\":";
  link += canonical_data;
  link += ",\"entity\":" + text(e.entity) + ",\"entity_id\":" + text(e.entity_id) +
          ",\"office_id\":" + text(e.office_id) + ",\"seq\":" + std::to_string(seq) + "}";
  return Sha256Hex(link);
}

Status AppendAudit(Tx& tx, const std::vector<AuditEvent>& events) {
  if (events.empty()) return {};
  // The no-op update takes the head's row lock first (PostgreSQL), serialising appenders.
  JUMYS_TRY(tx.Exec("UPDATE audit_head SET seq = seq WHERE id = 1"));
  JUMYS_ASSIGN_OR_RETURN(auto head, tx.Query("SELECT seq, hash FROM audit_head WHERE id = 1"));
  if (head.empty()) return Error::Internal("audit_head row missing");
  std::int64_t seq = head.Int(0, 0);
  std::string hash = head.Text(0, 1);
  for (const auto& e : events) {
    ++seq;
    std::string data = CanonicalJson(e.data);
    std::string next = AuditLinkHash(seq, e, data, hash);
    JUMYS_TRY(tx.Exec(
        "INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, office_id, data, "
        "prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
        {seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.office_id, std::move(data), hash,
         next}));
    hash = std::move(next);
  }
  JUMYS_TRY(tx.Exec("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", {seq, hash}));
  return {};
}

Status AppendAudit(Tx& tx, const AuditEvent& event) {
  return AppendAudit(tx, std::vector<AuditEvent>{event});
}

Expected<AuditVerification> VerifyAudit(Database& db) {
  AuditVerification v;
  constexpr std::int64_t kPage = 5000;
  auto status = db.Read([&](Tx& tx) -> Status {
    std::string prev = kAuditGenesisHash;
    std::int64_t expected_seq = 1;
    for (;;) {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows,
          tx.Query("SELECT seq, at, actor, action, entity, entity_id, office_id, data, "
                   "prev_hash, hash FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2",
                   {expected_seq, kPage}));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::int64_t seq = rows.Int(r, 0);
        auto broken = [&](std::int64_t at, std::string reason) {
          v.ok = false;
          v.broken_seq = at;
          v.reason = std::move(reason);
        };
        if (seq != expected_seq) {
          broken(expected_seq, "event " + std::to_string(expected_seq) + " is missing");
          return {};
        }
        const AuditEvent e{rows.Text(r, 1),         rows.Text(r, 2), rows.Text(r, 3),
                           rows.Text(r, 4),         rows.Text(r, 5), rows.Text(r, 6),
                           nlohmann::json::object()};
        const auto parsed = nlohmann::json::parse(rows.Text(r, 7), nullptr, false);
        if (parsed.is_discarded()) {
          broken(seq, "event " + std::to_string(seq) + " has unreadable data");
          return {};
        }
        if (rows.Text(r, 8) != prev) {
          broken(seq, "event " + std::to_string(seq) + " does not link to its predecessor");
          return {};
        }
        const std::string recomputed = AuditLinkHash(seq, e, CanonicalJson(parsed), prev);
        if (recomputed != rows.Text(r, 9)) {
          broken(seq, "event " + std::to_string(seq) + " was altered");
          return {};
        }
        prev = recomputed;
        ++expected_seq;
        ++v.events;
      }
      if (static_cast<std::int64_t>(rows.size()) < kPage) break;
    }
    JUMYS_ASSIGN_OR_RETURN(auto head, tx.Query("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (head.empty() || head.Int(0, 0) != v.events || head.Text(0, 1) != prev) {
      v.ok = false;
      v.broken_seq = v.events + 1;
      v.reason = "the newest events were removed or the chain head was altered";
    }
    return {};
  });
  if (!status) return status.error();
  return v;
}

AuditReadLog::AuditReadLog(Database& db, std::chrono::milliseconds interval)
    : db_(db), interval_(interval), thread_([this] { Run(); }) {}

AuditReadLog::~AuditReadLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  auto status = Flush();
  if (!status)
    spdlog::error(R"({{"name":"audit_read_log_flush_failed","final":true,"error":{}}})",
                  nlohmann::json(status.error().internal).dump());
}

void AuditReadLog::Record(AuditEvent event) {
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(event));
}

Status AuditReadLog::Flush() {
  std::lock_guard flush_lock(flush_mutex_);  // keeps batches in order
  std::vector<AuditEvent> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return {};
  auto status = db_.Write([&](Tx& tx) { return AppendAudit(tx, batch); });
  if (!status) {
    // Put them back in front so nothing is lost; the next flush retries.
    std::lock_guard lock(mutex_);
    pending_.insert(pending_.begin(), std::make_move_iterator(batch.begin()),
                    std::make_move_iterator(batch.end()));
  }
  return status;
}

void AuditReadLog::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    auto status = Flush();
    if (!status) {
      spdlog::error(R"({{"name":"audit_read_log_flush_failed","error":{}}})",
                    nlohmann::json(status.error().internal).dump());
    }
    lock.lock();
  }
}

}  // namespace jumys::storage
