#include "engine/definition_loader.h"

#include <gtest/gtest.h>

#include <set>

#include "core/source_dir.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;
using jumys::testing::Day;
using jumys::testing::DefinitionTree;
using jumys::testing::DemoDefinition;
using jumys::testing::DemoGrounds;
using jumys::testing::LineOf;
using jumys::testing::Mutate;

const fs::path kProcesses = jumys::SourceDir() / "processes";
const fs::path kReference = jumys::SourceDir() / "reference";

TEST(DefinitionLoaderTest, ShippedCatalogLoadsClean) {
  auto catalog = LoadProcessCatalog(kProcesses, kReference, DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  std::set<std::string> runnable, sketches;
  for (const auto& d : catalog->All()) (d->runnable() ? runnable : sketches).insert(d->code);
  EXPECT_EQ(runnable,
            (std::set<std::string>{
                "job-seeker-registration", "unemployed-registration", "active-measures-referral",
                "foreign-labour-permit", "foreign-labour-permit-reissue",
                "foreign-labour-permit-extension", "ict-permit", "ict-permit-renewal",
                "unemployed-attendance", "public-service-complaint", "subsidised-jobs",
                "special-workplaces", "relocation-employers", "voluntary-relocation"}));
  EXPECT_TRUE(sketches.empty());
  EXPECT_EQ(catalog->RunnableCount(), 14u);

  // Each runnable process has a version in force today, and its refusal grounds attached.
  const Date today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  for (const auto& code : runnable) {
    auto def = catalog->VersionInForce(code, today);
    ASSERT_TRUE(def) << code << ": " << def.error().message;
    // The unemployed person's year (started by S2's certificate) and a complaint (answered,
    // never refused) cite no grounds.
    if (code == "unemployed-attendance" || code == "public-service-complaint") continue;
    EXPECT_FALSE((*def)->GroundsFor("refusal").empty()) << code;
    // P2's and P3's portal filings are checked as they arrive, storing nothing: no set is
    // refused at acceptance; nor is P1's employers' application, which asks for no documents.
    if (code == "subsidised-jobs" || code == "special-workplaces" || code == "relocation-employers")
      continue;
    EXPECT_FALSE((*def)->GroundsFor("acceptance_refusal").empty()) << code;
  }
  for (const auto& code : sketches) EXPECT_FALSE(catalog->VersionInForce(code, today)) << code;
}

TEST(DefinitionLoaderTest, ShippedDefinitionsSayWhatTheEngineNeeds) {
  auto catalog = LoadProcessCatalog(kProcesses, kReference, DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  auto s1 = catalog->Find("job-seeker-registration", "kzo-2018-1057");
  ASSERT_TRUE(s1);
  const ProcessDefinition& d = **s1;
  EXPECT_EQ(d.title.kk, "Жұмыс іздеп жүрген адамдарды тіркеу");
  ASSERT_NE(d.FindChannel(Channel::kOffice), nullptr);
  EXPECT_EQ(d.FindChannel(Channel::kPortal)->starts.front().step, "portal_register");
  EXPECT_EQ(d.FindStep("assign")->assigns, Role::kExecutor);
  EXPECT_EQ(d.FindStep("sign")->signers, std::vector<Role>{Role::kHead});
  const Outcome* refuse = d.FindStep("review")->FindOutcome("refuse");
  ASSERT_NE(refuse, nullptr);
  EXPECT_TRUE(refuse->requires_grounds);
  EXPECT_EQ(refuse->decides->kind, "refusal");
  EXPECT_EQ(refuse->decides->status, CaseEnd::kRefused);
  EXPECT_EQ(d.FindStep("review")->outcomes.front().id, "approve");  // positive first
  // The identity document is asked at the office only and must not be expired.
  ASSERT_EQ(d.DocumentsFor(Channel::kPortal).size(), 3u);
  const auto office_docs = d.DocumentsFor(Channel::kOffice);
  ASSERT_EQ(office_docs.size(), 4u);
  EXPECT_EQ(office_docs[1]->type, "identity_document");
  EXPECT_TRUE(office_docs[1]->must_not_be_expired);

  // S4a: the fee window is a wait with a timeout that lapses the case; the uncollected
  // permit goes on to the clerk; the portal takes another way after the fee.
  auto s4 = catalog->Find("foreign-labour-permit", "kzo-2018-1054");
  ASSERT_TRUE(s4);
  EXPECT_TRUE((*s4)->intake.consent_required);
  EXPECT_EQ((*s4)->provider, ProviderLevel::kOblast);
  const Step* fee = (*s4)->FindStep("await_fee");
  ASSERT_NE(fee, nullptr);
  EXPECT_EQ(fee->kind, StepKind::kWait);
  EXPECT_EQ(fee->party, ExternalParty::kApplicant);
  EXPECT_EQ(fee->limit, (Limit{Limit::kWorkingDays, 10}));
  ASSERT_NE(fee->TimeoutOutcome(), nullptr);
  EXPECT_EQ(fee->TimeoutOutcome()->decides->kind, "lapsed");
  EXPECT_EQ(fee->TimeoutOutcome()->decides->status, CaseEnd::kCancelled);
  const Outcome* paid = fee->FindOutcome("fee_paid");
  // The permit is signed after the fee (sign_permit, beyond the seed), then collected or sent.
  EXPECT_EQ(paid->TargetFor(Channel::kOffice), Target::ToStep("sign_permit"));
  EXPECT_EQ(paid->TargetFor(Channel::kPortal), Target::ToStep("sign_permit"));
  const Outcome* permit_signed = (*s4)->FindStep("sign_permit")->FindOutcome("signed");
  ASSERT_NE(permit_signed, nullptr);
  EXPECT_EQ(permit_signed->TargetFor(Channel::kOffice), Target::ToStep("await_collection"));
  EXPECT_EQ(permit_signed->TargetFor(Channel::kPortal), Target::ToStep("portal_send_result"));
  EXPECT_EQ((*s4)->FindStep("await_collection")->TimeoutOutcome()->target,
            Target::ToStep("pass_to_clerk"));

  // P1: route A hands the case to the centre of arrival at 6.1; the tripartite contract is
  // signed in turn by three parties, each on a step of their own.
  auto p1 = catalog->Find("voluntary-relocation", "fk-a05");
  ASSERT_TRUE(p1);
  const Step* receive = (*p1)->FindStep("receive_candidates");
  EXPECT_EQ(receive->office, OfficeScope::kDestination);
  EXPECT_TRUE(receive->hand_off);
  for (const auto& [step, role] :
       {std::pair{"head_signs_a", Role::kHead}, std::pair{"job_seeker_signs_a", Role::kJobSeeker},
        std::pair{"employer_signs_a", Role::kEmployer}}) {
    EXPECT_EQ((*p1)->FindStep(step)->signers, std::vector<Role>{role}) << step;
    EXPECT_EQ((*p1)->FindStep(step)->signs, std::vector<std::string>{"relocation_social_contract"})
        << step;
  }
  EXPECT_EQ((*p1)->FindChannel(Channel::kOffice)->starts.size(), 3u);
  auto p3 = catalog->Find("special-workplaces", "fk-b05");
  ASSERT_TRUE(p3);
  const Step* monitor = (*p3)->FindStep("monitor");
  EXPECT_EQ(monitor->kind, StepKind::kRepeat);
  EXPECT_EQ(monitor->every, RepeatPeriod::kMonthStart);
  EXPECT_EQ(monitor->body, "monthly_report");
  auto p2 = catalog->Find("subsidised-jobs", "fk-b03");
  ASSERT_TRUE(p2);
  // 1.1-1.4 come before the case: the check at submission is the intake's, the case starts
  // at 2.2 (docs/SUBSIDISED_JOBS.md).
  EXPECT_EQ((*p2)->intake.checks,
            (std::vector<std::string>{"no_tax_arrears", "no_social_payment_arrears",
                                      "in_business_over_a_year"}));
  EXPECT_EQ((*p2)->FindChannel(Channel::kPortal)->starts.back().step, "check_application");
  EXPECT_EQ((*p2)->FindStep("eligibility_check"), nullptr);
  EXPECT_EQ((*p2)->FindStep("publication_delay")->limit, (Limit{Limit::kWorkingDays, 3}));
}

// A bad definition: `from` replaced by `to` in the demo definition, refused at the line of
// the `nth` line containing `at` with `reason`.
struct BadCase {
  const char* name;
  std::string from, to;
  std::string at;
  std::string reason;
  int nth = 1;
  bool with_grounds = true;
  std::string grounds = {};  // the grounds file, when not DemoGrounds()
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

const std::string kOrphan = R"(  - id: orphan
    ref: "6.6"
    role: office_clerk
    limit: 5min
    title: {kk: а, ru: б, en: c}
    outcomes:
      - {id: done, end: decided}
)";

std::vector<BadCase> BadCases() {
  const std::string sign_out = "      - {id: signed, effects: [issue_result], end: decided}\n";
  return {
      {"unknown_role", "role: executor", "role: clerk", "role: clerk", "unknown role 'clerk'"},
      {"unknown_guard", "guards: [has_employment_card]", "guards: [has_card]", "has_card",
       "unknown guard 'has_card'"},
      {"unknown_effect", "effects: [issue_result]", "effects: [print_result]", "print_result",
       "unknown effect 'print_result'"},
      {"unknown_intake_check", "intake:\n", "intake:\n  checks: [vet_application]\n",
       "vet_application", "unknown check 'vet_application'"},
      {"bad_number", "version: v1", "number: s4a\nversion: v1", "number: s4a",
       "'number' must be a capital letter, digits and an optional lower-case letter"},
      {"unknown_next_step", "next: review}", "next: reveiw}", "next: reveiw",
       "unknown next step 'reveiw'"},
      {"unreachable_step", sign_out, sign_out + kOrphan, "id: orphan",
       "step 'orphan' is unreachable"},
      {"missing_limit", "    limit: 30min\n", "", "id: review", "step 'review' has no limit"},
      {"missing_role", "    role: office_clerk\n", "", "id: register",
       "step 'register' has no role"},
      {"empty_outcomes", "    outcomes:\n" + sign_out, "    outcomes: []\n", "id: sign",
       "step 'sign' has no outcomes"},
      {"no_outcomes_key", "    outcomes:\n" + sign_out, "", "id: sign",
       "step 'sign' has no outcomes"},
      {"duplicate_step_id", "id: assign", "id: register", "id: register",
       "duplicate step id 'register'", 2},
      {"bad_limit", "limit: 30min", "limit: 30 minutes", "30 minutes", "bad limit"},
      {"zero_limit", "limit: 30min", "limit: 0min", "limit: 0min", "bad limit"},
      {"unknown_intake_key", "refusal: {result", "refusal_x: {result", "refusal_x",
       "unknown key 'refusal_x'"},
      {"no_refusal_grounds", "id: refuse", "id: refuse", "{id: refuse,",
       "refuses with 'refusal' but there are no grounds for it", 1, true,
       Mutate(DemoGrounds(), "  - {code: unreliable_documents",
              "  - {code: other, result: acceptance_refusal, item: x, text: {kk: а, ru: б, en: "
              "c}}\n#")},
      {"unknown_key", "limit: 30min", "limt: 30min", "limt", "unknown key 'limt'"},
      {"unknown_start", "start: register}", "start: regster}", "start: regster",
       "unknown start step 'regster'"},
      {"undecided_end", "decides: notification, ", "", "id: signed",
       "ends with the decided result"},
      {"grounds_without_result",
       "{id: refuse, decides: refusal, requires_grounds: true, next: sign}",
       "{id: refuse, requires_grounds: true, next: sign}", "{id: refuse,",
       "'requires_grounds' needs the result"},
      {"refusal_not_citing", "{id: refuse, decides: refusal, requires_grounds: true, next: sign}",
       "{id: refuse, decides: refusal, status: refused, next: sign}", "{id: refuse,",
       "a refusal must cite grounds"},
      {"refusal_first",
       "      - {id: approve, decides: notification, effects: [upsert_employment_card], next: "
       "sign}\n",
       "", "{id: refuse,", "must be the one toward a positive result"},
      {"dead_end_loop", "effects: [issue_result], end: decided}", "next: review}", "id: assign",
       "step 'assign' never leads to an end"},
      {"appointee_role", "assigns: executor", "assigns: analyst", "id: assigned",
       "appoints a analyst"},
      {"unknown_result", "decides: notification", "decides: diploma", "diploma",
       "unknown result kind 'diploma'"},
      {"unknown_document", "type: application", "type: passport", "passport",
       "unknown document type 'passport'"},
      {"channel_not_offered", "    role: executor\n", "    role: executor\n    channel: portal\n",
       "id: review", "channel portal, which the definition does not offer"},
      {"limit_on_timer", "    role: executor\n", "    role: executor\n    kind: timer\n",
       "limit: 30min", "'limit' is only for user and wait steps"},
      {"due_day_and_limit", "limit: 30min", "limit: 30min\n    due_day: 10", "due_day: 10",
       "by its 'limit' or its 'due_day', not both"},
      {"due_day_out_of_range", "limit: 30min", "due_day: 31", "due_day: 31",
       "'due_day' must be a day of the month from 1 to 28"},
      {"never_offered", "{id: signed, effects: [issue_result], end: decided}",
       "{id: signed, when_result: permit, end: decided}", "id: signed", "is never offered"},
      {"wait_without_timeout", "    role: office_clerk\n    limit: 20min\n",
       "    role: office_clerk\n    limit: 20min\n    kind: wait\n    party: applicant\n",
       "id: register", "needs one timeout outcome"},
      {"yaml_syntax", "title: {kk: Қарау, ru: Рассмотрение, en: Review}",
       "title: {kk: Қарау, ru: Рассмотрение, en: Review", "    outcomes:", "YAML:", 3},
      {"no_grounds_file", "{id: refuse, decides", "{id: refuse, decides", "refused_acceptance",
       "no grounds for it in reference/refusal-grounds/demo.yaml", 1, false},
      {"unsigned_not_signing", "{id: approve, decides", "{id: approve, unsigned: true, decides",
       "{id: approve,", "'unsigned' is for the outcomes of a signing step"},
      {"every_outcome_unsigned", "{id: signed, effects", "{id: signed, unsigned: true, effects",
       "- id: sign", "every outcome is 'unsigned'"},
  };
}

class BadDefinitionTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadDefinitionTest, RefusedWithFileLineAndReason) {
  const BadCase& c = GetParam();
  DefinitionTree tree;
  std::string text = Mutate(DemoDefinition(), c.from, c.to);
  if (!c.with_grounds) {
    // Without a grounds file the intake cannot name its grounds either: drop it.
    text = Mutate(text,
                  "  refusal: {result: acceptance_refusal, incomplete: incomplete_set, expired: "
                  "expired_document}\n",
                  "");
    text =
        Mutate(text, "{type: application, required: true}", "{type: application, required: false}");
  } else {
    tree.Grounds("demo", c.grounds.empty() ? DemoGrounds() : c.grounds);
  }
  const fs::path file = tree.Definition("demo", "v1", text);
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(catalog) << c.name << " was accepted";
  const int line = LineOf(text, c.at, c.nth);
  ASSERT_GT(line, 0) << c.at;
  const std::string expected_prefix = file.string() + ":" + std::to_string(line) + ": ";
  const std::string& message = catalog.error().message;
  EXPECT_EQ(message.rfind(expected_prefix, 0), 0u) << message << "\nexpected " << expected_prefix;
  EXPECT_NE(message.find(c.reason), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(Cases, BadDefinitionTest, ::testing::ValuesIn(BadCases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DefinitionLoaderTest, DemoDefinitionIsValid) {
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  tree.Definition("demo", "v1", DemoDefinition());
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  ASSERT_EQ(catalog->All().size(), 1u);
  EXPECT_EQ(catalog->All()[0]->GroundsFor("refusal").size(), 1u);
}

TEST(DefinitionLoaderTest, FileNameAndFolderMustMatch) {
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  const fs::path file = tree.Definition("demo", "v2", DemoDefinition("v1"));
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().message,
            file.string() + ":1: version 'v1' does not match the file name v2.yaml");

  DefinitionTree other;
  other.Grounds("demo", DemoGrounds());
  const fs::path misplaced = other.Definition("elsewhere", "v1", DemoDefinition());
  auto second =
      LoadProcessCatalog(other.processes(), other.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().message,
            misplaced.string() + ":1: code 'demo' does not match its folder elsewhere");
}

// `start_case:<code>` (the engine's follow-up effect) names a loaded process with an office
// channel, for the same kind of applicant; the vocabulary takes it as `start_case:*`.
TEST(DefinitionLoaderTest, AFollowUpNamesALoadedProcess) {
  const std::string signed_outcome = "{id: signed, effects: [issue_result], end: decided}";
  const auto with_effect = [&](const std::string& effect) {
    std::string text = DemoDefinition();
    const auto at = text.find(signed_outcome);
    EXPECT_NE(at, std::string::npos);
    text.replace(at, signed_outcome.size(),
                 "{id: signed, effects: [issue_result, " + effect + "], end: decided}");
    return text;
  };
  {
    DefinitionTree tree;
    tree.Grounds("demo", DemoGrounds());
    const std::string text = with_effect("start_case:nothing");
    const fs::path file = tree.Definition("demo", "v1", text);
    auto catalog =
        LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.error().message,
              file.string() + ":" + std::to_string(LineOf(text, "start_case:")) +
                  ": effect 'start_case:nothing' names no process definition");
  }
  {
    DefinitionTree tree;
    tree.Grounds("demo", DemoGrounds());
    tree.Definition("demo", "v1", with_effect("start_case:demo"));
    auto catalog =
        LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
    ASSERT_TRUE(catalog) << catalog.error().message;
  }
  {
    DefinitionTree tree;
    tree.Grounds("demo", DemoGrounds());
    const std::string text = with_effect("stop_case:demo");
    const fs::path file = tree.Definition("demo", "v1", text);
    auto catalog =
        LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
    ASSERT_FALSE(catalog);
    EXPECT_NE(catalog.error().message.find("unknown effect 'stop_case:demo'"), std::string::npos)
        << catalog.error().message;
  }
}

TEST(DefinitionLoaderTest, GroundsFilesAreChecked) {
  DefinitionTree tree;
  tree.Definition("demo", "v1", DemoDefinition());
  tree.Grounds("demo", DemoGrounds());
  const fs::path stray = tree.Grounds("nothing", "process: nothing\n" + DemoGrounds().substr(14));
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().message,
            stray.string() + ":1: no process definition has code 'nothing'");

  DefinitionTree bad;
  bad.Definition("demo", "v1", DemoDefinition());
  const std::string text = DemoGrounds() +
                           "  - {code: unreliable_documents, result: refusal, item: \"10\", text: "
                           "{kk: а, ru: б, en: c}}\n";
  const fs::path file = bad.Grounds("demo", text);
  auto dup = LoadProcessCatalog(bad.processes(), bad.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().message, file.string() + ":6: duplicate ground 'unreliable_documents'");
}

TEST(DefinitionLoaderTest, OverlappingVersionsAreRefused) {
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  tree.Definition("demo", "v1", DemoDefinition("v1", "{from: 2020-01-01}"));
  const std::string v2 = DemoDefinition("v2", "{from: 2021-01-01}");
  const fs::path file = tree.Definition("demo", "v2", v2);
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().message,
            file.string() + ":" + std::to_string(LineOf(v2, "effective:")) +
                ": effective period of 'demo' version 'v2' overlaps version 'v1' (" +
                (tree.processes() / "demo" / "v1.yaml").string() + ")");
}

TEST(DefinitionLoaderTest, VersionInForcePicksByDate) {
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  tree.Definition("demo", "v1", DemoDefinition("v1", "{from: 2018-03-24, to: 2020-12-31}"));
  // The newer act shortens the review to 20 minutes.
  tree.Definition(
      "demo", "v2",
      Mutate(DemoDefinition("v2", "{from: 2021-01-01}"), "limit: 30min", "limit: 20min"));
  // A sketch of a later act is never in force.
  tree.Definition(
      "demo", "v3",
      Mutate(DemoDefinition("v3", "{from: 2022-01-01}"), "status: active", "status: sketch"));
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  ASSERT_EQ(catalog->All().size(), 3u);
  EXPECT_EQ(catalog->RunnableCount(), 2u);

  const auto version_on = [&](Date d) {
    auto def = catalog->VersionInForce("demo", d);
    return def ? (*def)->version : "error: " + def.error().message;
  };
  EXPECT_EQ(version_on(Day(2018, 3, 24)), "v1");
  EXPECT_EQ(version_on(Day(2020, 12, 31)), "v1");
  EXPECT_EQ(version_on(Day(2021, 1, 1)), "v2");
  EXPECT_EQ(version_on(Day(2030, 6, 1)), "v2");
  auto before = catalog->VersionInForce("demo", Day(2018, 3, 23));
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, ErrorCode::kUnprocessable);
  auto unknown = catalog->VersionInForce("nothing", Day(2021, 1, 1));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  // A case started under v1 keeps v1 (its limits) whatever is loaded later.
  auto old = catalog->VersionInForce("demo", Day(2020, 6, 1));
  ASSERT_TRUE(old);
  const ProcessCatalog::DefinitionPtr held = *old;
  auto reloaded =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(held->FindStep("review")->limit, (Limit{Limit::kMinutes, 30}));
  EXPECT_EQ((*reloaded->Find("demo", "v2"))->FindStep("review")->limit,
            (Limit{Limit::kMinutes, 20}));
  EXPECT_EQ((*reloaded->Find("demo", "v3"))->status, DefinitionStatus::kSketch);
  EXPECT_FALSE(reloaded->Find("demo", "v9"));
}

// `from_application`: which intake fields may reach which document, checked when loading
// against the intake and the kind's template (reference/documents/<kind>.yaml).
TEST(DefinitionLoaderTest, ApplicationFieldsReachOnlyTheDocumentsListed) {
  const std::string tmpl = R"(kind: sample_notice
title: {kk: "Хабарлама", ru: "Уведомление"}
legal_source: {kk: "Заң", ru: "Закон"}
fields:
  purpose: {source: application, label: {kk: "Мақсаты", ru: "Цель"}}
  registration_date: {source: system, label: {kk: "Күні", ru: "Дата"}}
blocks:
  - rows: [purpose, registration_date]
)";
  const auto definition = [](const std::string& listed) {
    return Mutate(DemoDefinition(), "intake:\n",
                  "from_application:\n  " + listed +
                      "\nintake:\n  fields:\n"
                      "    - {name: purpose, type: text, label: {kk: а, ru: б, en: Purpose}}\n"
                      "    - {name: registration_date, type: date, label: {kk: а, ru: б, en: "
                      "Date}}\n");
  };
  const auto load = [&](const std::string& listed, bool with_templates = true) {
    DefinitionTree tree;
    tree.Grounds("demo", DemoGrounds());
    if (with_templates)
      DefinitionTree::Write(tree.reference() / "documents/sample_notice.yaml", tmpl);
    const std::string text = definition(listed);
    const fs::path file = tree.Definition("demo", "v1", text);
    auto catalog =
        LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
    const std::string at = file.string() + ":" + std::to_string(LineOf(text, listed)) + ": ";
    return std::make_pair(std::move(catalog), at);
  };

  auto [good, unused] = load("sample_notice: [purpose]");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->All()[0]->FromApplication("sample_notice"), std::vector<std::string>{"purpose"});
  EXPECT_TRUE(good->All()[0]->FromApplication("notification").empty());

  struct Bad {
    const char* listed;
    const char* reason;
  };
  for (const Bad& c : {
           Bad{"sample_notice: [registration_date]",
               "from_application.sample_notice: the template sample_notice.yaml has no field "
               "'registration_date' with source: application"},
           Bad{"sample_notice: [nickname]",
               "from_application.sample_notice: 'nickname' is not a field of the intake"},
           Bad{"nothing: [purpose]", "from_application: no document template 'nothing'"},
       }) {
    auto [catalog, at] = load(c.listed);
    ASSERT_FALSE(catalog) << c.listed;
    EXPECT_EQ(catalog.error().key, "definition.invalid");
    EXPECT_EQ(catalog.error().message.rfind(at, 0), 0u) << catalog.error().message;
    EXPECT_NE(catalog.error().message.find(c.reason), std::string::npos) << catalog.error().message;
  }
  auto [no_templates, at] = load("sample_notice: [purpose]", false);
  ASSERT_FALSE(no_templates);
  EXPECT_NE(no_templates.error().message.find("no document templates"), std::string::npos);

  // A template field without a source stops the catalogue from loading, naming file and line.
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  tree.Definition("demo", "v1", DemoDefinition());
  std::string sourceless = tmpl;
  sourceless.replace(sourceless.find("source: system, "), 16, "");
  DefinitionTree::Write(tree.reference() / "documents/sample_notice.yaml", sourceless);
  auto refused =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "template.field_source");
  EXPECT_NE(refused.error().message.find("sample_notice.yaml:6"), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace jumys
