// The shipped definitions declare who applies and the data their steps take (issue 12). The
// runnable ones are checked through the API's listing (CaseApiSuite); the sketches P1-P3, which
// are never offered, here: the steps that enter data in their seeds (000-002) declare it, and
// no other step does.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "core/source_dir.h"
#include "engine/definition_loader.h"

namespace jumys::services {
namespace {

ProcessCatalog Shipped() {
  const std::filesystem::path root = jumys::SourceDir();
  auto catalog =
      LoadProcessCatalog(root / "processes", root / "reference", DefaultDefinitionVocabulary());
  if (!catalog) throw std::runtime_error(catalog.error().message);
  return std::move(*catalog);
}

std::set<std::string> Names(const FieldList& list, const std::string& prefix = "") {
  std::set<std::string> out;
  for (const auto& f : list.fields) out.insert(prefix + f.name);
  return out;
}

// step -> its fields, "outcome/name" for an outcome's
std::map<std::string, std::set<std::string>> StepFields(const ProcessDefinition& def) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& s : def.steps) {
    auto names = Names(s.fields);
    for (const auto& o : s.outcomes) names.merge(Names(o.fields, o.id + "/"));
    if (!names.empty()) out[s.id] = names;
  }
  return out;
}

TEST(ShippedFields, EveryDefinitionSaysWhoApplies) {
  const std::map<std::string, ApplicantKind> expected = {
      {"job-seeker-registration", ApplicantKind::kPerson},
      {"unemployed-registration", ApplicantKind::kPerson},
      {"active-measures-referral", ApplicantKind::kPerson},
      {"foreign-labour-permit", ApplicantKind::kEmployer},
      {"foreign-labour-permit-reissue", ApplicantKind::kEmployer},
      {"foreign-labour-permit-extension", ApplicantKind::kEmployer},
      {"ict-permit", ApplicantKind::kEmployer},
      {"ict-permit-renewal", ApplicantKind::kEmployer},
      {"voluntary-relocation", ApplicantKind::kPerson},    // seed 000: the client is the job seeker
      {"subsidised-jobs", ApplicantKind::kEmployer},       // seed 001: the client is the employer
      {"special-workplaces", ApplicantKind::kEmployer},    // the employer applies (1.1), contracts
      {"unemployed-attendance", ApplicantKind::kPerson},   // the person registered unemployed
      {"relocation-employers", ApplicantKind::kEmployer},  // seed 000, 2.1-3.3: the employer
  };
  const ProcessCatalog catalog = Shipped();
  ASSERT_EQ(catalog.All().size(), expected.size() + 1);
  for (const auto& def : catalog.All()) {
    // A complaint is filed by whoever applied for the case it is about, person or employer.
    if (def->code == "public-service-complaint") {
      EXPECT_FALSE(def->applicant.has_value());
      EXPECT_TRUE(def->concerns_case);
      continue;
    }
    ASSERT_TRUE(expected.count(def->code)) << def->code;
    ASSERT_TRUE(def->applicant.has_value()) << def->code;
    EXPECT_EQ(*def->applicant, expected.at(def->code)) << def->code;
  }
}

TEST(ShippedFields, TheProgrammesDeclareWhatTheirSeedsEnter) {
  using Steps = std::map<std::string, std::set<std::string>>;
  const std::set<std::string> commission = {"protocol_number", "decided_on"};
  const std::set<std::string> decision = {"protocol_number", "decided_on", "members"};
  const std::set<std::string> social = {"contract_number", "ends_on", "monthly_rent"};
  const std::set<std::string> check = {"checked_on", "findings"};
  const std::set<std::string> contract = {"contract_number", "amount", "ends_on"};
  const std::set<std::string> vacancy = {"position", "occupation", "workplaces", "monthly_wage"};
  const std::map<std::string, std::pair<std::set<std::string>, Steps>> expected = {
      // P1 runs (docs/RELOCATION.md): the three routes' commissions, contracts and checks.
      {"voluntary-relocation",
       {{"route", "destination_office", "vacancy", "family_members", "iban"},
        {{"await_regional_commission", commission},                        // 5.3
         {"enter_commission_decision_a", decision},                        // 6.5
         {"draw_up_contract_a", social},                                   // 7.1
         {"job_seeker_signs_a", {"declined/refusal_reason"}},              // 7.2
         {"employer_signs_a", {"declined/refusal_reason"}},                // 7.2
         {"check_conditions_a", check},                                    // 8.1
         {"await_commission_b", commission},                               // 9.4
         {"enter_commission_decision_b", decision},                        // 9.5
         {"draw_up_contract_b", social},                                   // 10.1
         {"job_seeker_signs_b", {"declined/refusal_reason"}},              // 10.2
         {"check_conditions_b", check},                                    // 11.1
         {"district_commission", commission},                              // 13.1
         {"enter_commission_decision_c", decision},                        // 13.2
         {"issue_referral", {"settlement", "employer_name", "position"}},  // 14.1
         {"draw_up_contract_c", social},                                   // 14.2
         {"job_seeker_signs_c", {"declined/refusal_reason"}},              // 14.2
         {"check_conditions_c", check}}}},                                 // 15.1
      // P2 runs (docs/SUBSIDISED_JOBS.md): 1.1 and 1.2 are its filing's two groups.
      {"subsidised-jobs",
       {{"requisites", "application"},
        {{"enter_remark", {"remark"}},  // 2.3
                                        // 3.4: number, amount (and why it differs from the proposed
                                        // one) and end date
         {"enter_contract_details", {"contract_number", "amount", "ends_on", "amount_reason"}},
         {"head_signs", {"returned/remarks"}},             // 4.1: returned for revision
         {"employer_signs", {"declined/refusal_reason"}},  // 5.1: refused, with the reason
         {"publish_vacancy", vacancy}}}},                  // 6.1
      // P3 runs (docs/SPECIAL_WORKPLACES.md): its filing's two groups, as P2's.
      {"special-workplaces",
       {{"requisites", "application"},
        {{"draft_contract", {"contract_number", "amount", "ends_on", "amount_reason"}},  // 3.1
         {"head_signs", {"returned/remarks"}},                                           // 4
         {"employer_signs", {"declined/refusal_reason"}},                                // 5
         {"report_work_done", {"work_done", "spent", "completed_on", "supporting_documents"}},
         {"check_work_report", {"returned/remarks"}},                              // 6.2
         {"enter_vacancy", vacancy},                                               // 7.1
         {"refer_persons", {"persons"}},                                           // 7.2
         {"monthly_report", {"period", "employed", "days_worked", "wages_paid"}},  // 8
         {"monitoring_visit", {"visited_on", "findings"}},                         // 7.3
         {"check_monthly_report", {"returned/remarks"}}}}},                        // 9
      // P1's employers (docs/RELOCATION_EMPLOYERS.md): requisites and the offer at 2.1, the
      // vacancies at 3.3.
      {"relocation-employers",
       {{"requisites", "subsidy_requested", "workplaces_offered", "place"},
        {{"enter_vacancies", {"vacancies"}}}}},  // 3.3
  };
  const ProcessCatalog catalog = Shipped();
  for (const auto& [code, want] : expected) {
    SCOPED_TRACE(code);
    const ProcessDefinition* def = nullptr;
    for (const auto& d : catalog.All()) {
      if (d->code == code) def = d.get();
    }
    ASSERT_NE(def, nullptr);
    EXPECT_EQ(Names(def->intake.fields), want.first);
    EXPECT_EQ(StepFields(*def), want.second);
  }
}

}  // namespace
}  // namespace jumys::services
