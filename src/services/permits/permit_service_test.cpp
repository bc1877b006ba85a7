// The permit service on SQLite over the demo data (seed-demo), without HTTP: who sees which
// permit, which office keeps the caller's quotas, what a quota may be set to, the coupon.
#include "services/permits/permit_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/case_store.h"
#include "services/permits/permit_demo.h"
#include "services/testing/demo_store.h"
#include "storage/database.h"

namespace jumys::permits {
namespace {

const Instant kNow{std::chrono::seconds(testing::kHarnessMonday10Local)};
constexpr const char* kBin = "080540001238";  // the demo employer
constexpr const char* kOtherBin = "990340005977";

Actor Employer(const std::string& bin = kBin) {
  Actor a;
  a.user_id = 1;
  a.login = "employer";
  a.applicant = true;
  a.roles = {Role::kEmployer};
  a.bin = bin;
  return a;
}

Actor Staff(const std::string& login, const std::string& office, Role role) {
  Actor a;
  a.user_id = 2;
  a.login = login;
  a.roles = {role};
  a.office_id = office;
  return a;
}

PermitQuery Filter(std::string bin, std::string number = "", std::string status = "",
                   int limit = 100) {
  return {std::move(bin), std::move(number), std::move(status), limit};
}

std::vector<std::string> Numbers(const std::vector<PermitEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.row.number);
  std::sort(out.begin(), out.end());
  return out;
}

class PermitServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A centre of another oblast, whose staff see none of Kyzylorda's permits or quotas.
    std::vector<Office> all;
    for (const auto& o : offices_.All()) all.push_back(*o);
    Office almaty = *offices_.Find("kzo-city");
    almaty.id = "ala-city";
    almaty.oblast_kato = "750000000";
    all.push_back(almaty);
    offices_.Replace(std::move(all));
    service_ = std::make_unique<PermitService>(*db_, offices_, [] { return kNow; });
  }

  // "action entity_id data" of every audit event, oldest first.
  std::vector<std::string> AuditActions() {
    std::vector<std::string> out;
    for (const auto& e : store_.Audit("%")) {
      out.push_back(e.action + " " + e.entity_id + " " + e.data.dump());
    }
    return out;
  }

  testing::DemoStore store_;
  storage::Database* db_ = &store_.db();
  OfficeDirectory& offices_ = store_.offices();
  std::unique_ptr<PermitService> service_;
};

TEST_F(PermitServiceTest, AnEmployerSeesItsOwnPermitsOnly) {
  auto own = service_->ListPermits(Employer(), {});
  ASSERT_TRUE(own.has_value()) << own.error().message;
  EXPECT_EQ(Numbers(*own),
            (std::vector<std::string>{kDemoValidPermit, kDemoExpiredPermit, kDemoIctPermit}));
  for (const auto& e : *own) {
    EXPECT_EQ(e.row.employer_bin, kBin);
    EXPECT_EQ(e.employer_name, "«Арал Балық» ЖШС / ТОО «Арал Балык»");
  }
  // Asking for another employer's permits gives nothing, not an error.
  auto asked = service_->ListPermits(Employer(), Filter(kOtherBin));
  ASSERT_TRUE(asked.has_value());
  EXPECT_TRUE(asked->empty());
  auto other = service_->ListPermits(Employer(kOtherBin), {});
  ASSERT_TRUE(other.has_value());
  EXPECT_TRUE(other->empty());
  auto found = service_->FindPermit(Employer(kOtherBin), kDemoValidPermit);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
}

TEST_F(PermitServiceTest, StaffSeeThePermitsOfTheirOblastOnly) {
  // A district centre of the oblast sees the permits the oblast department keeps.
  auto city = service_->ListPermits(Staff("clerk", "kzo-city", Role::kOfficeClerk), {});
  ASSERT_TRUE(city.has_value());
  EXPECT_EQ(city->size(), 3u);
  const Actor almaty = Staff("ala-clerk", "ala-city", Role::kOfficeClerk);
  auto listed = service_->ListPermits(almaty, Filter(kBin));
  ASSERT_TRUE(listed.has_value());
  EXPECT_TRUE(listed->empty());
  auto found = service_->FindPermit(almaty, kDemoValidPermit);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
}

TEST_F(PermitServiceTest, StatusIsReadOnTheOblastsTodayAndFilters) {
  const Actor clerk = Staff("clerk", "kzo-city", Role::kOfficeClerk);
  // The second demo permit ran out last year: stored as valid, read as expired.
  auto expired = service_->ListPermits(clerk, Filter("", "", "expired"));
  ASSERT_TRUE(expired.has_value());
  ASSERT_EQ(Numbers(*expired), std::vector<std::string>{kDemoExpiredPermit});
  EXPECT_EQ(expired->front().status, "expired");
  EXPECT_EQ(expired->front().row.status, kPermitValid);
  auto valid = service_->ListPermits(clerk, Filter("", "", "valid"));
  ASSERT_TRUE(valid.has_value());
  EXPECT_EQ(Numbers(*valid), (std::vector<std::string>{kDemoValidPermit, kDemoIctPermit}));
  auto one = service_->ListPermits(clerk, Filter("", kDemoIctPermit));
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(Numbers(*one), std::vector<std::string>{kDemoIctPermit});
  auto limited = service_->ListPermits(clerk, Filter("", "", "", 1));
  ASSERT_TRUE(limited.has_value());
  EXPECT_EQ(limited->size(), 1u);
}

TEST_F(PermitServiceTest, AnUnknownStatusIsRefused) {
  auto r = service_->ListPermits(Staff("clerk", "kzo-city", Role::kOfficeClerk),
                                 Filter("", "", "revoked"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
}

TEST_F(PermitServiceTest, APermitComesWithTheChainItReplaced) {
  // Reissue the valid demo permit: the new one points back to it.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   JUMYS_ASSIGN_OR_RETURN(auto old, FindPermit(tx, kDemoValidPermit));
                   JUMYS_ASSIGN_OR_RETURN(
                       bool moved, SupersedePermit(tx, old->id, "reissued", FormatRfc3339(kNow)));
                   if (!moved) return Error::Internal("not superseded");
                   PermitRow next = *old;
                   next.number = "KZO-OBLAST-DEMO-P1R";
                   next.previous_id = old->id;
                   next.status = kPermitValid;
                   JUMYS_ASSIGN_OR_RETURN(auto next_id, InsertPermit(tx, next));
                   (void)next_id;
                   return {};
                 })
                  .has_value());
  auto found = service_->FindPermit(Employer(), "KZO-OBLAST-DEMO-P1R");
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(found->permit.status, "valid");
  EXPECT_FALSE(found->permit.employer_name.empty());
  ASSERT_EQ(found->previous.size(), 1u);
  EXPECT_EQ(found->previous[0].row.number, kDemoValidPermit);
  EXPECT_EQ(found->previous[0].status, "reissued");
  EXPECT_EQ(found->previous[0].employer_name, "");
  auto missing = service_->FindPermit(Employer(), "KZO-OBLAST-NONE");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(PermitServiceTest, QuotasAreThoseOfTheCallersOblastDepartment) {
  auto quotas = service_->ListQuotas(Staff("clerk", "kzo-city", Role::kOfficeClerk), 2026);
  ASSERT_TRUE(quotas.has_value()) << quotas.error().message;
  ASSERT_EQ(quotas->size(), 4u);
  for (const auto& q : *quotas) {
    EXPECT_EQ(q.office_id, "kzo-oblast");
    EXPECT_EQ(q.quota, kDemoQuota);
  }
  auto later = service_->ListQuotas(Staff("clerk", "kzo-city", Role::kOfficeClerk), 2031);
  ASSERT_TRUE(later.has_value());
  EXPECT_TRUE(later->empty());
  // No oblast department keeps permits for the other oblast.
  auto almaty = service_->ListQuotas(Staff("ala-clerk", "ala-city", Role::kOfficeClerk), {});
  ASSERT_FALSE(almaty.has_value());
  EXPECT_EQ(almaty.error().code, ErrorCode::kNotFound);
}

TEST_F(PermitServiceTest, SettingAQuotaIsStoredAndAudited) {
  const Actor admin = Staff("admin", "kzo-oblast", Role::kAdmin);
  auto set = service_->SetQuota(admin, {2027, 2, 25});
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(set->office_id, "kzo-oblast");
  EXPECT_EQ(set->quota, 25);
  EXPECT_EQ(set->used, 0);
  EXPECT_EQ(set->updated_by, "admin");
  EXPECT_EQ(set->updated_at, FormatRfc3339(kNow));
  auto listed = service_->ListQuotas(admin, 2027);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().quota, 25);
  const auto actions = AuditActions();
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(actions.back(), "permit_quota.set kzo-oblast/2027/2 {\"quota\":25}");
}

TEST_F(PermitServiceTest, AQuotaOutOfRangeIsRefusedAndNothingWritten) {
  const Actor admin = Staff("admin", "kzo-oblast", Role::kAdmin);
  const auto before = AuditActions().size();
  for (const SetQuotaRequest& bad :
       {SetQuotaRequest{1999, 1, 5}, SetQuotaRequest{2101, 1, 5}, SetQuotaRequest{2027, 0, 5},
        SetQuotaRequest{2027, 5, 5}, SetQuotaRequest{2027, 1, -1},
        SetQuotaRequest{2027, 1, 1'000'001}}) {
    auto r = service_->SetQuota(admin, bad);
    ASSERT_FALSE(r.has_value()) << bad.year << " " << bad.category << " " << bad.quota;
    EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  }
  EXPECT_TRUE(service_->SetQuota(admin, {2027, 4, 1'000'000}).has_value());
  EXPECT_TRUE(service_->SetQuota(admin, {2027, 1, 0}).has_value());
  EXPECT_EQ(AuditActions().size(), before + 2);
}

TEST_F(PermitServiceTest, AQuotaCannotFallBelowWhatIsUsed) {
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   JUMYS_ASSIGN_OR_RETURN(bool taken, TakeQuota(tx, "kzo-oblast", 2026, 1, 4));
                   if (!taken) return Error::Internal("not taken");
                   return {};
                 })
                  .has_value());
  const Actor admin = Staff("admin", "kzo-oblast", Role::kAdmin);
  auto lowered = service_->SetQuota(admin, {2026, 1, 3});
  ASSERT_FALSE(lowered.has_value());
  EXPECT_EQ(lowered.error().code, ErrorCode::kUnprocessable);
  auto kept = service_->SetQuota(admin, {2026, 1, 4});
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->used, 4);
}

TEST_F(PermitServiceTest, OnlyAnOblastWithADepartmentHasQuotasToSet) {
  auto r = service_->SetQuota(Staff("ala-admin", "ala-city", Role::kAdmin), {2027, 1, 5});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(PermitServiceTest, TheCouponIsPreferredToTheReceipt) {
  std::int64_t id = 0;
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   CaseRow c;
                   c.number = "KZO-OBLAST-2026-000001";
                   c.process = "foreign-labour-permit";
                   c.version = "test";
                   c.office_id = "kzo-oblast";
                   c.applicant_bin = kBin;
                   c.created_by = "oblast-clerk";
                   c.created_at = c.updated_at = FormatRfc3339(kNow);
                   JUMYS_ASSIGN_OR_RETURN(id, InsertCase(tx, c));
                   return {};
                 })
                  .has_value());
  auto none = service_->CaseCoupon(id);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  auto put = [&](const char* kind, const nlohmann::json& data) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                     return PutCaseRecord(tx, id, kind, data, "oblast-clerk", FormatRfc3339(kNow));
                   })
                    .has_value());
  };
  put("receipt", {{"registered_on", "2026-11-23"}});
  auto receipt = service_->CaseCoupon(id);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_EQ(*receipt, (nlohmann::json{{"registered_on", "2026-11-23"}, {"kind", "receipt"}}));
  put("coupon", {{"registered_on", "2026-11-24"}});
  auto coupon = service_->CaseCoupon(id);
  ASSERT_TRUE(coupon.has_value());
  EXPECT_EQ(*coupon, (nlohmann::json{{"registered_on", "2026-11-24"}, {"kind", "coupon"}}));
}

}  // namespace
}  // namespace jumys::permits
