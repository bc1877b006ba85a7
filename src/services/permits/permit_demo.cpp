#include "services/permits/permit_demo.h"

#include "services/commission/commission_store.h"
#include "services/permits/permit_store.h"

namespace jumys::permits {

namespace {

constexpr const char* kOblast = "kzo-oblast";

PermitRow DemoPermit(const char* number, const std::string& bin, const std::string& kind,
                     const std::string& from, const std::string& until, const std::string& at) {
  PermitRow p;
  p.number = number;
  p.kind = kind;
  p.employer_bin = bin;
  p.office_id = kOblast;
  p.category = 3;
  p.workers = 2;
  p.occupation = "2";  // a shipped NKZ major group: the demo shows only codes it has
  p.region = "431010000";
  if (kind == kPermitIct) p.host_company = "Aral Fish Holding GmbH";
  p.valid_from = from;
  p.valid_until = until;
  p.created_at = p.updated_at = at;
  return p;
}

}  // namespace

Status SeedPermitDemo(storage::Tx& tx, Instant now, const std::string& employer_bin) {
  const std::string at = FormatRfc3339(now);
  // The oblast's wall clock is UTC+5; the year turns over there.
  const Date today{std::chrono::floor<std::chrono::days>(now + std::chrono::hours(5))};
  const int year = static_cast<int>(today.year());
  for (int category = 1; category <= 4; ++category) {
    JUMYS_TRY(SetQuota(tx, {kOblast, year, category, kDemoQuota, 0, at, "seed-demo"}));
  }
  commission::CommissionRow c;
  c.office_id = kOblast;
  c.name = "Шетелдік жұмыс күшін тартуға рұқсат беру жөніндегі комиссия";
  c.secretary = "commission";
  c.members = {"member"};
  c.created_at = at;
  JUMYS_TRY(commission::InsertCommission(tx, c));
  const std::string y = std::to_string(year);
  const std::string last = std::to_string(year - 1);
  JUMYS_TRY(InsertPermit(tx, DemoPermit(kDemoValidPermit, employer_bin, kPermitStandard,
                                        y + "-01-15", y + "-12-31", at)));
  JUMYS_TRY(InsertPermit(tx, DemoPermit(kDemoExpiredPermit, employer_bin, kPermitStandard,
                                        last + "-01-10", last + "-12-31", at)));
  JUMYS_TRY(InsertPermit(tx, DemoPermit(kDemoIctPermit, employer_bin, kPermitIct, y + "-02-01",
                                        std::to_string(year + 2) + "-01-31", at)));
  return {};
}

}  // namespace jumys::permits
