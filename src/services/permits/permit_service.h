#pragma once
// The permit registry, the oblast quotas and a permit case's coupon as the API offers them:
// who may see which permit, which office keeps the caller's quotas, what a quota may be set
// to, and the audit event of setting it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/case_service.h"  // Clock
#include "services/permits/permit_store.h"

namespace jumys::storage {
class Database;
}

namespace jumys::permits {

// A permit as a reader sees it: its status on the oblast's today and who holds it.
struct PermitEntry {
  PermitRow row;
  std::string status;         // valid | reissued | extended | expired
  std::string employer_name;  // "" for the earlier permits of a chain
};

struct PermitQuery {
  std::string bin;     // a checked BIN, "" any
  std::string number;  // "" any
  std::string status;  // valid | reissued | extended | expired, "" any
  int limit = 100;
};

// A permit with the chain of permits it reissued or extended, newest first.
struct PermitRecord {
  PermitEntry permit;
  std::vector<PermitEntry> previous;
};

struct SetQuotaRequest {
  int year = 0;
  int category = 0;
  std::int64_t quota = 0;
};

class PermitService {
 public:
  PermitService(storage::Database& db, const OfficeDirectory& offices, Clock clock);

  // The permits the actor may see (an employer its own, staff their oblast's); 422 for an
  // unknown status.
  Expected<std::vector<PermitEntry>> ListPermits(const Actor& actor, const PermitQuery& q) const;
  // Who a permit belongs to, for the router's scope check: staff of the issuing office's oblast
  // and the employer holding it; nullopt when there is no such permit.
  Expected<std::optional<RecordOwner>> PermitOwner(const std::string& number) const;
  // 404 when there is no such permit or the actor may not see it.
  Expected<PermitRecord> FindPermit(const Actor& actor, const std::string& number) const;

  // The quotas kept by the oblast department of the actor's oblast (404 if none keeps them).
  Expected<std::vector<QuotaRow>> ListQuotas(const Actor& actor, std::optional<int> year) const;
  // Sets a quota of the actor's oblast, with its audit event; 422 for a year outside
  // 2000-2100, a category outside 1-4, a quota outside 0-1000000 or below what is used.
  Expected<QuotaRow> SetQuota(const Actor& actor, const SetQuotaRequest& r) const;

  // The coupon or, failing that, the receipt the case was registered with, its "kind" added;
  // 404 when it has neither. Whether the caller may see the case is the caller's check.
  Expected<nlohmann::json> CaseCoupon(std::int64_t case_id) const;

 private:
  std::string OblastOf(const Actor& actor) const;
  Expected<std::shared_ptr<const Office>> PermitOffice(const Actor& actor) const;
  Date Today() const;
  bool MaySee(const Actor& actor, const PermitRow& p) const;

  storage::Database& db_;
  const OfficeDirectory& offices_;
  Clock clock_;
};

}  // namespace jumys::permits
