#include "services/permits/permit_service.h"

#include <map>
#include <set>

#include "engine/case_results.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/repositories/repositories.h"

namespace jumys::permits {

PermitService::PermitService(storage::Database& db, const OfficeDirectory& offices, Clock clock)
    : db_(db), offices_(offices), clock_(std::move(clock)) {}

// Staff: their office's oblast; applicants have none (they see their own permits only).
std::string PermitService::OblastOf(const Actor& actor) const {
  auto office = offices_.Find(actor.office_id);
  return office ? office->oblast_kato : "";
}

// The oblast department that keeps the permits and quotas of the caller's oblast.
Expected<std::shared_ptr<const Office>> PermitService::PermitOffice(const Actor& actor) const {
  const std::string oblast = OblastOf(actor);
  for (const auto& o : offices_.All()) {
    if (o->oblast_level && o->oblast_kato == oblast) return o;
  }
  return Error::NotFound("permit.no_oblast_department"_msg,
                         "no oblast department keeps permits for your office");
}

// Today on the oblast department's clock: whether a permit has expired is decided there.
Date PermitService::Today() const {
  for (const auto& o : offices_.All()) {
    if (o->oblast_level) return OfficeDate(*o, clock_());
  }
  return Date{std::chrono::floor<std::chrono::days>(clock_())};
}

bool PermitService::MaySee(const Actor& actor, const PermitRow& p) const {
  if (actor.applicant) return actor.bin == p.employer_bin;
  auto office = offices_.Find(p.office_id);
  return office && office->oblast_kato == OblastOf(actor);
}

Expected<std::vector<PermitEntry>> PermitService::ListPermits(const Actor& actor,
                                                              const PermitQuery& q) const {
  PermitFilter f;
  f.bin = q.bin;
  f.number = q.number;
  f.status = q.status;
  f.limit = q.limit;
  std::vector<PermitEntry> out;
  if (actor.applicant) {
    if (!f.bin.empty() && f.bin != actor.bin) return out;
    f.bin = actor.bin;
  }
  static const std::set<std::string> kStatuses = {"", "valid", "reissued", "extended", "expired"};
  if (!kStatuses.count(f.status)) {
    return FieldError(ErrorCode::kUnprocessable, "status", "field.not_one_of"_msg,
                      "must be one of: {allowed}",
                      {{"allowed", "valid, reissued, extended, expired"}});
  }
  const Date today = Today();
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, permits::ListPermits(tx, f, today));
    std::map<std::string, std::string> names;  // who holds it, read once per employer
    for (auto& p : rows) {
      if (!MaySee(actor, p)) continue;
      auto name = names.find(p.employer_bin);
      if (name == names.end()) {
        JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, p.employer_bin));
        name = names.emplace(p.employer_bin, employer ? employer->name : "").first;
      }
      std::string status = p.StatusOn(today);
      out.push_back({std::move(p), std::move(status), name->second});
    }
    return {};
  }));
  return out;
}

Expected<std::optional<RecordOwner>> PermitService::PermitOwner(const std::string& number) const {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto permit, permits::FindPermit(tx, number));
    if (!permit) return {};
    auto office = offices_.Find(permit->office_id);
    owner = RecordOwner{
        {permit->office_id}, office ? office->oblast_kato : "", "", permit->employer_bin};
    return {};
  }));
  return owner;
}

Expected<PermitRecord> PermitService::FindPermit(const Actor& actor,
                                                 const std::string& number) const {
  const Date today = Today();
  PermitRecord out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto permit, permits::FindPermit(tx, number));
    if (!permit || !MaySee(actor, *permit)) {
      return Error::NotFound("permit.not_found"_msg, "no such permit");
    }
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, permit->employer_bin));
    JUMYS_ASSIGN_OR_RETURN(auto earlier, PermitChain(tx, *permit));
    for (auto& p : earlier) {
      std::string status = p.StatusOn(today);
      out.previous.push_back({std::move(p), std::move(status), ""});
    }
    std::string status = permit->StatusOn(today);
    out.permit = {std::move(*permit), std::move(status), employer ? employer->name : ""};
    return {};
  }));
  return out;
}

Expected<std::vector<QuotaRow>> PermitService::ListQuotas(const Actor& actor,
                                                          std::optional<int> year) const {
  JUMYS_ASSIGN_OR_RETURN(auto office, PermitOffice(actor));
  std::vector<QuotaRow> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, permits::ListQuotas(tx, office->id, year));
    return {};
  }));
  return out;
}

Expected<QuotaRow> PermitService::SetQuota(const Actor& actor, const SetQuotaRequest& r) const {
  const auto out_of_range = [](const char* field, const char* min, const char* max) {
    return FieldError(ErrorCode::kUnprocessable, field, "field.out_of_range"_msg,
                      "must be between {min} and {max}", {{"min", min}, {"max", max}});
  };
  if (r.year < 2000 || r.year > 2100) return out_of_range("year", "2000", "2100");
  if (r.category < 1 || r.category > 4) return out_of_range("category", "1", "4");
  if (r.quota < 0 || r.quota > 1'000'000) return out_of_range("quota", "0", "1000000");
  JUMYS_ASSIGN_OR_RETURN(auto office, PermitOffice(actor));
  const std::string now = FormatRfc3339(clock_());
  const QuotaRow q{office->id, r.year, r.category, static_cast<int>(r.quota), 0, now, actor.login};
  QuotaRow out;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(permits::SetQuota(tx, q));
    JUMYS_ASSIGN_OR_RETURN(auto stored, FindQuota(tx, office->id, r.year, r.category));
    if (!stored) return Error::Internal("the quota just set is missing");
    out = std::move(*stored);
    return storage::AppendAudit(
        tx, {now,
             actor.login,
             "permit_quota.set",
             "permit_quota",
             office->id + "/" + std::to_string(r.year) + "/" + std::to_string(r.category),
             office->id,
             {{"quota", q.quota}}});
  }));
  return out;
}

Expected<nlohmann::json> PermitService::CaseCoupon(std::int64_t case_id) const {
  nlohmann::json out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    for (const char* kind : {"coupon", "receipt"}) {
      JUMYS_ASSIGN_OR_RETURN(auto record, FindCaseRecord(tx, case_id, kind));
      if (!record) continue;
      out = std::move(*record);
      out["kind"] = kind;
      return {};
    }
    return Error::NotFound("case.no_coupon"_msg,
                           "the case has no coupon or receipt (not registered yet)");
  }));
  return out;
}

}  // namespace jumys::permits
