#pragma once
// The foreign-labour permit registry, the oblast quotas and what a permit case recorded along
// the way (coupon, receipt, decision notice, fee payment, postal dispatch): migration 3.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace jumys::storage {
class Tx;
}

namespace jumys::permits {

inline constexpr const char* kPermitValid = "valid";
inline constexpr const char* kPermitStandard = "standard";
inline constexpr const char* kPermitIct = "ict";

struct PermitRow {
  std::int64_t id = 0;
  std::string number;
  std::string kind = kPermitStandard;  // standard | ict (outside the quota)
  std::string employer_bin;
  std::string office_id;
  int category = 0;
  int workers = 0;
  std::string occupation;  // NKZ code
  std::string region;      // KATO
  std::string host_company;
  std::string valid_from;  // YYYY-MM-DD, both days included
  std::string valid_until;
  std::string status = kPermitValid;  // valid | reissued | extended | expired (as stored)
  int extensions = 0;                 // how many extensions the chain has had
  std::optional<std::int64_t> case_id;
  std::optional<std::int64_t> previous_id;
  std::string created_at;
  std::string updated_at;

  // The status a reader sees: a valid permit past its last day reads as expired.
  std::string StatusOn(Date today) const;
};

struct PermitFilter {
  std::string bin;
  std::string number;
  std::string status;  // as StatusOn reports it; "" any
  std::string office_id;
  int limit = 100;
};

Expected<std::int64_t> InsertPermit(storage::Tx& tx, const PermitRow& p);
Expected<std::optional<PermitRow>> FindPermit(storage::Tx& tx, const std::string& number);
Expected<std::optional<PermitRow>> FindPermitOfCase(storage::Tx& tx, std::int64_t case_id);
// Moves a valid permit on (reissued/extended); false when it was no longer valid.
Expected<bool> SupersedePermit(storage::Tx& tx, std::int64_t id, const std::string& status,
                               const std::string& at);
// The permits `p` reissued or extended, newest first.
Expected<std::vector<PermitRow>> PermitChain(storage::Tx& tx, const PermitRow& p);
Expected<std::vector<PermitRow>> ListPermits(storage::Tx& tx, const PermitFilter& f, Date today);

struct QuotaRow {
  std::string office_id;
  int year = 0;
  int category = 0;
  int quota = 0;
  int used = 0;
  std::string updated_at;
  std::string updated_by;
};

Expected<std::optional<QuotaRow>> FindQuota(storage::Tx& tx, const std::string& office_id, int year,
                                            int category);
Expected<std::vector<QuotaRow>> ListQuotas(storage::Tx& tx, const std::string& office_id,
                                           std::optional<int> year);
// Sets the quota; 422 when it would fall below what is already used.
Status SetQuota(storage::Tx& tx, const QuotaRow& q);
// Takes `workers` from the quota in one statement; false when it does not admit them.
Expected<bool> TakeQuota(storage::Tx& tx, const std::string& office_id, int year, int category,
                         int workers);

// One record per case and kind (coupon, receipt, decision_notice, fee_payment, dispatch).
Status PutCaseRecord(storage::Tx& tx, std::int64_t case_id, const std::string& kind,
                     const nlohmann::json& data, const std::string& by, const std::string& at);
Expected<std::optional<nlohmann::json>> FindCaseRecord(storage::Tx& tx, std::int64_t case_id,
                                                       const std::string& kind);

}  // namespace jumys::permits
