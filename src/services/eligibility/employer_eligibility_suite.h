#pragma once
// P2's filing from the employer's cabinet and its check at submission (1.3), without HTTP, on
// the shipped definition, reference data and demo store, on both stores: an employer in
// arrears, one with stale revenue data, one registered eleven months ago, one whose age comes
// from its BIN are refused with every failed condition and nothing stored; a good employer's
// case stands at 2.2. The clock: Monday 2026-11-23 10:00 in Kyzylorda; the demo employer
// (080540001238, account "employer") was registered 2008-05-14 and has revenue data with no
// arrears as of 2026-11-01. Include from one test file per binary; instantiate with a Backend.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/identifiers.h"
#include "core/source_dir.h"
#include "engine/case_test_support.h"
#include "services/demo/demo_data.h"
#include "services/drafts/draft_service.h"
#include "services/eligibility/employer_eligibility.h"
#include "services/reference/reference_data.h"
#include "services/testing/subsidised_jobs_application.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

class EmployerEligibilitySuite : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr const char* kProcess = "subsidised-jobs";

  // The NKZ and KATO codes the application names, as the demo server loads them.
  void SetUp() override {
    EngineFixture::Must(reference::LoadShippedClassifiers(
                            engine_.db(), SourceDir() / "reference/classifiers", engine_.Now()),
                        "classifiers");
  }

  // The server's freshness from the reference file. The suite stops at 2.2; the engine starts a
  // definition only when every effect it names exists, so the later steps' effects (the
  // contract's and the vacancy's, tested in their own suites) are inert here.
  static void Hooks(CaseHooks& hooks) {
    auto fresh =
        eligibility::LoadRevenueFreshness(SourceDir() / "reference/revenue/freshness.yaml");
    EngineFixture::Must(fresh, "freshness");
    eligibility::AddEligibilityChecks(hooks, *fresh);
    for (const char* name : {"generate_draft_contract", "record_contract", "return_contract",
                             "contract_signed_by_centre", "contract_in_force", "refuse_contract",
                             "publish_vacancy", "register_vacancy"}) {
      if (!hooks.FindEffect(name)) hooks.AddEffect(name, [](HookContext&) -> Status { return {}; });
    }
  }

  static nlohmann::json Data() {
    return SubsidisedJobsApplication("public_works", "Жұмысшы", "2", 3, 15000000);
  }

  static CaseService::StartRequest Filing(bool dry_run = false) {
    CaseService::StartRequest r;
    r.process = kProcess;
    r.channel = Channel::kPortal;
    r.office_id = "kzo-city";
    r.data = Data();
    r.dry_run = dry_run;
    return r;
  }

  void Revenue(const std::string& bin, const std::string& as_of, std::int64_t tax,
               std::int64_t social) {
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      return storage::UpsertRevenue(tx, {bin, as_of, tax, social, "2026-11-23T05:00:00Z", "test"});
    }),
                        "revenue");
  }

  void RegisteredOn(const std::string& bin, const std::string& day) {
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto e, storage::FindEmployer(tx, bin));
      e->registered_on = day;
      JUMYS_TRY(storage::UpsertEmployer(tx, *e, "2026-11-23T05:00:00Z"));
      return {};
    }),
                        "employer");
  }

  // An employer's account whose BIN the registry has no record of: its age comes from the BIN.
  Actor NewEmployer(const std::string& first11) {
    const std::string bin = *AppendCheckDigit(first11);
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      storage::UserRecord u;
      u.login = "employer-" + bin;
      u.kind = "applicant";
      u.full_name = "ЖШС " + bin;
      u.roles = "employer";
      u.bin = bin;
      u.password_hash = "x";
      JUMYS_TRY(storage::InsertUser(tx, u, "2026-11-23T05:00:00Z"));
      return storage::UpsertRevenue(tx, {bin, "2026-11-01", 0, 0, "2026-11-23T05:00:00Z", "test"});
    }),
                        "new employer");
    return engine_.As("employer-" + bin);
  }

  // Rows a refused filing must not add to.
  std::string Stored() {
    std::string out;
    EngineFixture::Must(engine_.db().Read([&](storage::Tx& tx) -> Status {
      for (const char* table : {"cases", "tasks", "audit_events"}) {
        JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT COUNT(*) FROM ") + table));
        out += std::string(table) + "=" + std::to_string(rows.Int(0, 0)) + " ";
      }
      return {};
    }),
                        "count");
    return out;
  }

  // Each detail as "field key param=value...".
  static std::vector<std::string> Details(const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.details) {
      std::string line = d.field + " " + d.key;
      for (const auto& [k, v] : d.params) line += " " + k + "=" + v;
      out.push_back(line);
    }
    return out;
  }

  // Files as `who` and expects the refusal with these details, nothing stored.
  void ExpectRefused(const Actor& who, const std::vector<std::string>& details) {
    const std::string before = Stored();
    for (const bool dry_run : {true, false}) {
      auto filed = engine_.cases().Start(who, Filing(dry_run));
      ASSERT_FALSE(filed.has_value()) << "dry run " << dry_run;
      EXPECT_EQ(filed.error().code, ErrorCode::kUnprocessable);
      EXPECT_EQ(filed.error().key, "eligibility.not_met");
      EXPECT_EQ(Details(filed.error()), details) << "dry run " << dry_run;
    }
    EXPECT_EQ(Stored(), before) << "a refused submission stores nothing";
  }

  EngineFixture engine_{GetParam(), SourceDir() / "processes", SourceDir() / "reference",
                        DefaultDefinitionVocabulary(), Hooks};
};

TEST_P(EmployerEligibilitySuite, AGoodEmployerFilesAndTheCaseStandsAt22) {
  const Actor employer = engine_.As("employer");
  const std::string before = Stored();
  auto checked = engine_.cases().Start(employer, Filing(true));
  ASSERT_TRUE(checked.has_value()) << ::testing::PrintToString(Details(checked.error()));
  EXPECT_EQ(*checked, 0);
  EXPECT_EQ(Stored(), before) << "a check stores nothing";

  auto filed = engine_.cases().Start(employer, Filing());
  ASSERT_TRUE(filed.has_value()) << filed.error().message;
  auto detail = engine_.cases().Load(*filed);
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->kase.status, "open");
  EXPECT_EQ(detail->kase.applicant_bin, demo::kDemoEmployerBin);
  EXPECT_EQ(detail->kase.data["requisites"]["iban"], "KZ86125KZT5004100100");
  std::vector<std::string> open;
  for (const auto& t : detail->tasks)
    if (t.open()) open.push_back(t.step);
  EXPECT_EQ(open, std::vector<std::string>{"check_application"}) << "the case begins at 2.2";
  EXPECT_TRUE(detail->kase.result_due_on.has_value()) << "the portal's service term applies";
}

TEST_P(EmployerEligibilitySuite, ArrearsAreRefusedNamingEachAmount) {
  Revenue(demo::kDemoEmployerBin, "2026-11-01", 1'250'000, 30'050);
  ExpectRefused(engine_.As("employer"),
                {" eligibility.tax_arrears check=no_tax_arrears amount=1250000 amount_kzt=12500.00 "
                 "as_of=2026-11-01",
                 " eligibility.social_arrears check=no_social_payment_arrears amount=30050 "
                 "amount_kzt=300.50 as_of=2026-11-01"});
}

TEST_P(EmployerEligibilitySuite, StaleRevenueDataCountsAsUnknown) {
  // 2026-10-22 is 32 days before the submission; the reference file allows 31.
  Revenue(demo::kDemoEmployerBin, "2026-10-22", 0, 0);
  ExpectRefused(engine_.As("employer"),
                {" eligibility.tax_data_stale check=no_tax_arrears as_of=2026-10-22 "
                 "max_age_days=31 age_days=32",
                 " eligibility.social_data_stale check=no_social_payment_arrears as_of=2026-10-22 "
                 "max_age_days=31 age_days=32"});
  Revenue(demo::kDemoEmployerBin, "2026-10-23", 0, 0);  // 31 days: still fresh
  auto filed = engine_.cases().Start(engine_.As("employer"), Filing());
  EXPECT_TRUE(filed.has_value()) << filed.error().message;
}

TEST_P(EmployerEligibilitySuite, ElevenMonthsInBusinessIsRefused) {
  RegisteredOn(demo::kDemoEmployerBin, "2025-12-23");
  ExpectRefused(
      engine_.As("employer"),
      {" eligibility.under_a_year check=in_business_over_a_year since=2025-12-23 months=11 "
       "counted_from=registration"});
  // A year to the day is not "more than a year"; the day after is.
  RegisteredOn(demo::kDemoEmployerBin, "2025-11-23");
  EXPECT_FALSE(engine_.cases().Start(engine_.As("employer"), Filing(true)).has_value());
  RegisteredOn(demo::kDemoEmployerBin, "2025-11-22");
  auto filed = engine_.cases().Start(engine_.As("employer"), Filing());
  EXPECT_TRUE(filed.has_value()) << filed.error().message;
}

TEST_P(EmployerEligibilitySuite, EveryFailedConditionIsNamedAtOnce) {
  RegisteredOn(demo::kDemoEmployerBin, "2026-05-10");
  Revenue(demo::kDemoEmployerBin, "2026-11-20", 500, 0);
  ExpectRefused(
      engine_.As("employer"),
      {" eligibility.tax_arrears check=no_tax_arrears amount=500 amount_kzt=5.00 "
       "as_of=2026-11-20",
       " eligibility.under_a_year check=in_business_over_a_year since=2026-05-10 months=6 "
       "counted_from=registration"});
}

TEST_P(EmployerEligibilitySuite, WithNoRegistrationDateTheBinsMonthCounts) {
  // Issued in January 2026: counted from 1 February, 9 whole months by 23 November.
  ExpectRefused(
      NewEmployer("26014000123"),
      {" eligibility.under_a_year check=in_business_over_a_year since=2026-02-01 months=9 "
       "counted_from=bin"});
  // Issued in October 2025: counted from 1 November 2025, over a year on 23 November 2026.
  auto filed = engine_.cases().Start(NewEmployer("25104000123"), Filing());
  EXPECT_TRUE(filed.has_value()) << filed.error().message;
}

TEST_P(EmployerEligibilitySuite, NoRevenueDataAtAllIsUnknownToo) {
  EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto deleted, tx.Exec("DELETE FROM revenue_records WHERE bin = $1",
                                                 {demo::kDemoEmployerBin}));
    return deleted == 1 ? Status{} : Error::Internal("no revenue row to delete");
  }),
                      "delete");
  ExpectRefused(engine_.As("employer"),
                {" eligibility.tax_data_missing check=no_tax_arrears",
                 " eligibility.social_data_missing check=no_social_payment_arrears"});
}

// The cabinet's draft (migration 25): the employer's users share it, no one else sees it, and
// it goes with the filing in the filing's transaction, not with a refused one.
TEST_P(EmployerEligibilitySuite, TheDraftGoesWithTheFilingOnly) {
  drafts::DraftService drafts(engine_.db(), engine_.cases().catalog(),
                              [this] { return engine_.Now(); });
  const Actor employer = engine_.As("employer");
  const Actor seeker = engine_.As("seeker");
  nlohmann::json partial = Data();
  partial["application"].erase("term_months");
  auto saved = drafts.Put(employer, kProcess, partial);
  ASSERT_TRUE(saved.has_value()) << saved.error().message;
  auto again = drafts.Put(employer, kProcess, Data());  // replaces, one per process
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(drafts.List(employer)->size(), 1u);
  EXPECT_EQ(drafts.Get(employer, kProcess)->data, Data());
  EXPECT_EQ(drafts.Get(seeker, kProcess).error().key, "draft.not_found") << "not the seeker's";
  EXPECT_EQ(drafts.Put(seeker, kProcess, Data()).error().key, "draft.process_unknown")
      << "P2 is the employers'";
  EXPECT_EQ(drafts.Put(employer, "no-such-process", Data()).error().key, "draft.process_unknown");
  EXPECT_EQ(drafts.Put(employer, kProcess, nlohmann::json::array()).error().key,
            "field.not_object");
  EXPECT_EQ(
      drafts.Put(employer, kProcess, {{"x", std::string(drafts::kMaxDraftBytes, 'a')}}).error().key,
      "draft.too_large");

  // Refused at submission: the draft stays for the employer to come back to.
  Revenue(demo::kDemoEmployerBin, "2026-11-01", 100, 0);
  auto filing = Filing();
  filing.within = drafts.Remover(employer, kProcess);
  EXPECT_FALSE(engine_.cases().Start(employer, filing).has_value());
  EXPECT_TRUE(drafts.Get(employer, kProcess).has_value());

  Revenue(demo::kDemoEmployerBin, "2026-11-01", 0, 0);
  auto filed = engine_.cases().Start(employer, filing);
  ASSERT_TRUE(filed.has_value()) << filed.error().message;
  EXPECT_EQ(drafts.Get(employer, kProcess).error().key, "draft.not_found") << "filed: removed";
  EXPECT_EQ(drafts.Delete(employer, kProcess).error().key, "draft.not_found");
}

}  // namespace jumys::testing
