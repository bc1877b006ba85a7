// S1-S3 as shipped, replayed through the engine: definition + events -> tasks, deadlines,
// errors. Start: Monday 2026-11-23 10:00 in Kyzylorda; the centres work 09:00-18:30 with
// lunch 13:00-14:30, Monday to Friday.
#include "engine/case_script.h"

namespace jumys::testing {
namespace {

using nlohmann::json;
using Open = std::vector<std::string>;

const json kS1Office = {
    {"applicant", {{"iin", "851102400347"}}},
    {"documents",
     {{{"type", "application"}}, {{"type", "identity_document"}, {"valid_until", "2030-01-01"}}}}};

json Office(const std::string& iin) {
  return {{"applicant", {{"iin", iin}}},
          {"documents",
           {{{"type", "application"}},
            {{"type", "identity_document"}, {"valid_until", "2030-01-01"}}}}};
}
const json kPortal = {{"office", "kzo-city"}, {"documents", {{{"type", "application"}}}}};
const json kToExecutor = {{"assignee", "executor"}};
// What a referral names (S3's referral outcomes declare it).
const json kReferral = {
    {"employer_name", "«Сыр Құрылыс» ЖШС"}, {"position", "Жұмысшы"}, {"valid_until", "2026-12-07"}};

std::vector<Script> Scripts() {
  return {
      {"S1 office, application to notification, each deadline on office hours",
       {Start("job-seeker-registration", "office", "clerk", kS1Office,
              {.open = Open{"register office_clerk kzo-city 2026-11-23T10:20"},
               .status = "open",
               .version = "kzo-2018-1057"}),
        Wait(15),
        Do("register", "accepted", "clerk", {},
           {.open = Open{"assign head kzo-city 2026-11-23T10:35"}}),
        Wait(15),
        Do("assign", "assigned", "head", kToExecutor,
           {.open = Open{"review executor kzo-city 2026-11-23T11:00 executor"}}),
        Wait(140),  // 12:50: 10 minutes before lunch, 10 after
        Do("review", "approve", "executor", {},
           {.open = Open{"sign head kzo-city 2026-11-23T14:40"}}),
        Wait(335),  // 18:25: 5 minutes before closing, 25 next morning
        Do("sign", "signed", "head", {},
           {.open = Open{"hand_over office_clerk kzo-city 2026-11-24T09:25"},
            .result = "notification"}),
        Wait(905),  // Tuesday 09:30, after the due time: a breach, not an error
        Do("hand_over", "handed_over", "clerk", {},
           {.open = Open{}, .status = "completed", .result = "notification"})}},

      {"S1 portal, request to the personal cabinet",
       {Start("job-seeker-registration", "portal", "seeker", kPortal,
              {.open = Open{"portal_register office_clerk kzo-city 2026-11-23T10:20"}}),
        Do("portal_register", "accepted", "clerk", {},
           {.open = Open{"portal_assign head kzo-city 2026-11-23T10:20"}}),
        Do("portal_assign", "assigned", "head", kToExecutor,
           {.open = Open{"portal_review executor kzo-city 2026-11-23T10:30 executor"}}),
        Do("portal_review", "approve", "executor", {},
           {.open = Open{"portal_sign head kzo-city 2026-11-23T10:20"}}),
        Do("portal_sign", "signed", "head", {},
           {.open = Open{}, .status = "completed", .result = "notification"})}},

      {"S1 intake: an incomplete set ends the case at once",
       {Start(
           "job-seeker-registration", "office", "clerk",
           {{"applicant", {{"iin", "851102400347"}}}, {"documents", {{{"type", "application"}}}}},
           {.open = Open{}, .status = "refused", .result = "acceptance_refusal"})}},

      {"S1 intake: an identity document expired yesterday ends the case; one valid today does not",
       {Start("job-seeker-registration", "office", "clerk",
              {{"applicant", {{"iin", "851102400347"}}},
               {"documents",
                {{{"type", "application"}},
                 {{"type", "identity_document"}, {"valid_until", "2026-11-22"}}}}},
              {.open = Open{}, .status = "refused", .result = "acceptance_refusal"}),
        Start(
            "job-seeker-registration", "office", "clerk",
            {{"applicant", {{"iin", "851102400347"}}},
             {"documents",
              {{{"type", "application"}},
               {{"type", "identity_document"}, {"valid_until", "2026-11-23"}}}}},
            {.open = Open{"register office_clerk kzo-city 2026-11-23T10:20"}, .status = "open"})}},

      {"S1 intake: documents the process does not ask for, or without the validity it checks",
       {Start("job-seeker-registration", "office", "clerk",
              {{"applicant", {{"iin", "851102400347"}}},
               {"documents", {{{"type", "employer_application"}}}}},
              {.error = ErrorCode::kUnprocessable, .message = "not asked for"}),
        Start("job-seeker-registration", "office", "clerk",
              {{"applicant", {{"iin", "851102400347"}}},
               {"documents", {{{"type", "application"}}, {{"type", "identity_document"}}}}},
              {.error = ErrorCode::kUnprocessable, .message = "valid_until"})}},

      {"Filing: channels, offices and applicants",
       {Start("job-seeker-registration", "office", "head", kS1Office,
              {.error = ErrorCode::kForbidden, .message = "office clerk"}),
        Start("job-seeker-registration", "portal", "clerk", kPortal,
              {.error = ErrorCode::kForbidden, .message = "cabinet"}),
        Start("job-seeker-registration", "portal", "seeker",
              {{"documents", {{{"type", "application"}}}}},
              {.error = ErrorCode::kUnprocessable, .message = "choose the office"}),
        Start("job-seeker-registration", "portal", "seeker",
              {{"office", "kzo-city"},
               {"applicant", {{"iin", "851102400347"}}},
               {"documents", {{{"type", "application"}}}}},
              {.error = ErrorCode::kForbidden, .message = "only for yourself"}),
        Start("job-seeker-registration", "office", "oblast-clerk", kS1Office,
              {.error = ErrorCode::kUnprocessable, .message = "does not provide"}),
        Start("unemployed-registration", "portal", "seeker", kPortal,
              {.error = ErrorCode::kUnprocessable, .message = "not offered in the portal"}),
        Start("no-such-process", "office", "clerk", kS1Office,
              {.error = ErrorCode::kUnprocessable, .message = "unknown process"}),
        Start(
            "job-seeker-registration", "office", "clerk",
            {{"applicant", {{"iin", "851102400348"}}}, {"documents", {{{"type", "application"}}}}},
            {.error = ErrorCode::kUnprocessable}),
        Start("job-seeker-registration", "office", "clerk2", kS1Office,
              {.open = Open{"register office_clerk kzo-aral 2026-11-23T10:20"}})}},

      {"Completing: role, office, applicant, outcome, grounds, appointee, twice",
       {Start("job-seeker-registration", "office", "clerk", kS1Office),
        Do("register", "accepted", "head", {},
           {.error = ErrorCode::kForbidden, .message = "role office_clerk"}),
        Do("register", "accepted", "clerk2", {},
           {.error = ErrorCode::kForbidden, .message = "another office"}),
        Do("register", "accepted", "seeker", {}, {.error = ErrorCode::kNotFound}),
        Do("register", "approve", "clerk", {},
           {.error = ErrorCode::kUnprocessable, .message = "not an outcome"}),
        Do("register", "refused_acceptance", "clerk", {},
           {.error = ErrorCode::kUnprocessable, .message = "data.grounds"}),
        Do("register", "refused_acceptance", "clerk", {{"grounds", json::array()}},
           {.error = ErrorCode::kUnprocessable, .message = "data.grounds"}),
        Do("register", "refused_acceptance", "clerk", {{"grounds", {"no_such_ground"}}},
           {.error = ErrorCode::kUnprocessable, .message = "unknown refusal ground"}),
        Do("register", "refused_acceptance", "clerk", {{"grounds", {"unreliable_documents"}}},
           {.error = ErrorCode::kUnprocessable, .message = "cannot be cited"}),
        Do("register", "accepted", "clerk", {},
           {.open = Open{"assign head kzo-city 2026-11-23T10:20"}}),
        Do("register", "accepted", "clerk", {},
           {.error = ErrorCode::kConflict, .message = "no longer open"}),
        Do("assign", "assigned", "head", {},
           {.error = ErrorCode::kUnprocessable, .message = "data.assignee"}),
        Do("assign", "assigned", "head", {{"assignee", "executor2"}},
           {.error = ErrorCode::kUnprocessable,
            .message = "not an active executor of office kzo-city"}),
        Do("assign", "assigned", "head", {{"assignee", "clerk"}},
           {.error = ErrorCode::kUnprocessable}),
        Do("assign", "assigned", "head", {{"assignee", "ghost"}},
           {.error = ErrorCode::kUnprocessable}),
        Do("assign", "assigned", "head", {{"assignee", "executor-b"}},
           {.open = Open{"review executor kzo-city 2026-11-23T10:30 executor-b"}}),
        Do("review", "approve", "executor", {},
           {.error = ErrorCode::kForbidden, .message = "assigned to another"}),
        Do("review", "refuse", "executor-b", {{"grounds", {"incomplete_set"}}},
           {.error = ErrorCode::kUnprocessable, .message = "cannot be cited"}),
        Do("review", "refuse", "executor-b",
           {{"grounds", {"requirements_not_met", "requirements_not_met"}}},
           {.open = Open{"sign head kzo-city 2026-11-23T10:20"}}),
        Do("sign", "signed", "head", {}, {.result = "refusal"}),
        Do("hand_over", "handed_over", "clerk", {},
           {.open = Open{}, .status = "refused", .result = "refusal"})}},

      {"S1 the clerk refuses to accept, citing a ground",
       {Start("job-seeker-registration", "office", "clerk", kS1Office),
        Do("register", "refused_acceptance", "clerk", {{"grounds", {"incomplete_set"}}},
           {.open = Open{}, .status = "refused", .result = "acceptance_refusal"})}},

      {"S2 office: the card is marked unemployed",
       {Start("unemployed-registration", "office", "clerk", Office("851102400347"),
              {.open = Open{"register office_clerk kzo-city 2026-11-23T10:20"}}),
        Do("register", "accepted", "clerk", {},
           {.open = Open{"assign head kzo-city 2026-11-23T10:30"}}),
        Do("assign", "assigned", "head", kToExecutor,
           {.open = Open{"review executor kzo-city 2026-11-23T10:30 executor"}}),
        Do("review", "approve", "executor", {},
           {.open = Open{"sign head kzo-city 2026-11-23T10:30"}}),
        Do("sign", "signed", "head", {},
           {.open = Open{"hand_over office_clerk kzo-city 2026-11-23T10:20"}}),
        Do("hand_over", "handed_over", "clerk", {},
           {.status = "completed", .result = "certificate"})}},

      {"S2 without an individual card: no certificate, a reasoned refusal",
       {Start("unemployed-registration", "office", "clerk", Office("951203400783")),
        Do("register", "accepted", "clerk"), Do("assign", "assigned", "head", kToExecutor),
        Do("review", "approve", "executor", {},
           {.error = ErrorCode::kUnprocessable, .message = "no individual employment card"}),
        Do("review", "refuse", "executor", {{"grounds", {"no_employment_card"}}}),
        Do("sign", "signed", "head"),
        Do("hand_over", "handed_over", "clerk", {}, {.status = "refused", .result = "refusal"})}},

      {"S3 office: a referral to youth practice",
       {Start("active-measures-referral", "office", "clerk", Office("851102400347"),
              {.open = Open{"register office_clerk kzo-city 2026-11-23T10:05"}}),
        Do("register", "accepted", "clerk", {},
           {.open = Open{"assign head kzo-city 2026-11-23T10:05"}}),
        Do("assign", "assigned", "head", kToExecutor,
           {.open = Open{"review executor kzo-city 2026-11-23T10:10 executor"}}),
        Do("review", "refer_youth_practice", "executor", kReferral,
           {.open = Open{"sign head kzo-city 2026-11-23T10:05"}}),
        Do("sign", "signed", "head", {},
           {.open = Open{"hand_over office_clerk kzo-city 2026-11-23T10:05"}}),
        Do("hand_over", "handed_over", "clerk", {},
           {.status = "completed", .result = "referral_youth_practice"})}},

      {"S3 portal without a card, then after S1 registered one",
       {Start("active-measures-referral", "portal", "seeker", kPortal,
              {.open = Open{"portal_register office_clerk kzo-city 2026-11-23T10:20"}}),
        Do("portal_register", "accepted", "clerk"),
        Do("portal_assign", "assigned", "head", kToExecutor),
        Do("portal_review", "refer_public_works", "executor", kReferral,
           {.error = ErrorCode::kUnprocessable, .message = "no individual employment card"}),
        Start("job-seeker-registration", "portal", "seeker", kPortal),
        Do("portal_register", "accepted", "clerk"),
        Do("portal_assign", "assigned", "head", kToExecutor),
        Do("portal_review", "approve", "executor"),
        Do("portal_sign", "signed", "head", {}, {.status = "completed"}), Use(0),
        Do("portal_review", "refer_public_works", "executor", kReferral,
           {.open = Open{"portal_sign head kzo-city 2026-11-23T10:20"}}),
        Do("portal_sign", "signed", "head", {},
           {.open = Open{"portal_send office_clerk kzo-city 2026-11-23T10:20"}}),
        Do("portal_send", "sent", "clerk", {},
           {.status = "completed", .result = "referral_public_works"})}},
  };
}

class CaseScripts : public ::testing::TestWithParam<Script> {};

TEST_P(CaseScripts, Replay) {
  EngineFixture engine;
  engine.AddStaff("executor-b", "kzo-city", "executor");
  ScriptRunner(engine).Run(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Shipped, CaseScripts, ::testing::ValuesIn(Scripts()),
                         [](const ::testing::TestParamInfo<Script>& info) {
                           return "Script" + std::to_string(info.index);
                         });

}  // namespace
}  // namespace jumys::testing
