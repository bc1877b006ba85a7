#pragma once
// Every way through the runnable definitions, generated from the definitions themselves: from
// each channel's start (and the intake refusal of an incomplete set) along every outcome to an
// end, without going round a loop. The ways of the definitions this suite drives are run
// through the API and each result's document is downloaded: a PDF with the case number and the
// registry number the app shows, or a case that says why it has none. On SQLite
// (result_walk_test.cpp) and PostgreSQL (result_walk_pgtest.cpp).
#include <functional>
#include <iostream>
#include <set>

#include "core/identifiers.h"
#include "server/case_api_support.h"
#include "storage/repositories/employment_card_repository.h"

namespace jumys::testing {

class ResultWalkSuite : public CaseApiTest {
 protected:
  struct Turn {
    const Step* step = nullptr;
    const Outcome* outcome = nullptr;
  };
  struct Way {
    const ProcessDefinition* def = nullptr;
    Channel channel = Channel::kOffice;
    bool intake_refusal = false;  // filed with an incomplete set: refused at once
    std::vector<Turn> turns;
    std::string Name() const {
      std::string out = def->code + "/" + ChannelName(channel);
      if (intake_refusal) return out + ":intake_refusal";
      for (const auto& t : turns) out += ":" + t.step->id + "." + t.outcome->id;
      return out;
    }
  };

  // The ways of one definition: depth first from each start, each outcome once per way.
  static std::vector<Way> Ways(const ProcessDefinition& def) {
    std::vector<Way> out;
    for (const auto& entry : def.channels) {
      if (def.intake.refusal) out.push_back({&def, entry.channel, true, {}});
      for (const auto& start : entry.starts) {
        std::vector<Turn> path;
        std::set<std::string> seen;
        std::function<void(const std::string&)> walk = [&](const std::string& id) {
          const Step* step = def.FindStep(id);
          if (!step || seen.count(id)) return;
          seen.insert(id);
          if (step->kind == StepKind::kRepeat && !step->body.empty()) walk(step->body);
          for (const auto& o : step->outcomes) {
            path.push_back({step, &o});
            const Target& target = o.TargetFor(entry.channel);
            if (target.is_end()) {
              out.push_back({&def, entry.channel, false, path});
            } else {
              walk(target.step);
            }
            path.pop_back();
          }
          seen.erase(id);
        };
        walk(start.step);
      }
    }
    return out;
  }

  // A value a field accepts, by its type (dates in the coming week).
  static json Sample(const Field& f) {
    switch (f.type) {
      case FieldType::kNumber:
        return f.min ? *f.min : 1;
      case FieldType::kDate:
        return f.not_future ? "2026-11-20" : "2026-12-07";
      case FieldType::kBoolean:
        return true;
      case FieldType::kChoice:
        return f.options.empty() ? json("") : json(f.options.front().value);
      case FieldType::kEmployer:
        return "080540001238";
      case FieldType::kOffice:
        return "kzo-city";
      case FieldType::kStaff:
        return "executor";
      default:
        return "Тест";
    }
  }

  // The demo login of a role at the city centre.
  static std::string LoginFor(Role role) {
    const std::string name = RoleName(role);
    if (name == "office_clerk") return "clerk";
    if (name == "employment_specialist") return "employment";
    return name;  // head, executor
  }

  // A fresh person registered at the city centre, with a job seeker's card when `card`.
  std::string NewPerson(bool card) {
    std::optional<std::string> iin;
    while (!iin) iin = AppendCheckDigit("9101013" + std::to_string(4000 + next_person_++));
    auto r = Post("/api/v1/people",
                  {{"iin", *iin}, {"surname", "Жолдасбеков"}, {"given_name", "Ерлан"}}, "clerk");
    EXPECT_TRUE(r.status == 201 || r.status == 200) << r.body;
    if (card) {
      EXPECT_TRUE(api_.runtime()
                      .db()
                      .Write([&](storage::Tx& tx) -> Status {
                        JUMYS_TRY(storage::UpsertEmploymentCard(
                            tx, {*iin, "kzo-city", "job_seeker", "2026-11-02", std::nullopt,
                                 std::nullopt, "2026-11-02T05:00:00Z", "2026-11-02T05:00:00Z"}));
                        return {};
                      })
                      .has_value());
    }
    return *iin;
  }

  // Runs one way through the API; the case at its end.
  json Drive(const Way& way) {
    const std::string iin = NewPerson(/*card=*/true);
    json body = {
        {"process", way.def->code},
        {"channel", "office"},
        {"applicant", {{"iin", iin}}},
        {"documents", way.intake_refusal ? json::array({{{"type", "application"}}}) : Documents()}};
    auto filed = Post("/api/v1/cases", body, "clerk");
    EXPECT_EQ(filed.status, 201) << filed.body;
    json kase = json::parse(filed.body, nullptr, false);
    if (kase.is_discarded()) return json::object();
    const std::int64_t id = kase["id"];
    for (const auto& turn : way.turns) {
      if (turn.step->kind == StepKind::kAutomatic) continue;
      SCOPED_TRACE(turn.step->id + "." + turn.outcome->id);
      json task;
      for (const auto& t : kase["tasks"]) {
        if (t["step"] == turn.step->id && t["open"] == true) task = t;
      }
      if (task.is_null()) {
        ADD_FAILURE() << "no open task of step " << turn.step->id;
        return kase;
      }
      json data = json::object();
      for (const FieldList* list : {&turn.step->fields, &turn.outcome->fields}) {
        for (const auto& f : list->fields) {
          if (f.required) data[f.name] = Sample(f);
        }
      }
      if (turn.step->assigns) data["assignee"] = LoginFor(*turn.step->assigns);
      if (turn.outcome->requires_grounds) {
        // A refusal decided for later, else the refusal to accept at registration.
        const std::string kind =
            turn.outcome->decides ? turn.outcome->decides->kind : "acceptance_refusal";
        json grounds = json::array();
        for (const RefusalGround* g : way.def->GroundsFor(kind)) grounds.push_back(g->code);
        if (!grounds.empty()) data["grounds"] = json::array({grounds.front()});
      }
      const std::string login = turn.step->role ? LoginFor(*turn.step->role) : "clerk";
      std::string signature;
      if (task["signature_required"] == true) {
        signature = SignAs(login, TaskDocument(task["id"], login));
      }
      auto done = Complete(task["id"], login, turn.outcome->id, data, signature);
      EXPECT_EQ(done.status, 200) << done.body;
      if (done.status != 200) return kase;
      kase = json::parse(done.body);
    }
    return GetJson("/api/v1/cases/" + std::to_string(id), "clerk");
  }

  // The result's document: a PDF with the case number and the app's number, or a reason.
  void ExpectHandedOver(const Way& way, const json& kase) {
    ASSERT_TRUE(kase.contains("result") && kase["result"].is_object()) << kase.dump();
    const json& result = kase["result"];
    if (!result["document_url"].is_string()) {
      EXPECT_EQ(result["document_unavailable"]["reason"], "no_printed_form") << result.dump();
      return;
    }
    auto pdf = Get(result["document_url"], "clerk");
    ASSERT_EQ(pdf.status, 200) << way.Name() << ": " << pdf.body;
    ASSERT_EQ(pdf.body.substr(0, 5), "%PDF-");
    const std::string text = PdfText("walk", pdf.body);
    EXPECT_NE(text.find(kase["number"].get<std::string>()), std::string::npos) << text;
    EXPECT_NE(text.find("№ " + result["number"].get<std::string>()), std::string::npos) << text;
    ++results_;
  }

  int next_person_ = 0;
  int results_ = 0;
};

// The definitions whose ways this suite runs; the others' ways are counted and named below,
// and the test fails when that list changes.
inline const std::set<std::string>& DrivenDefinitions() {
  static const std::set<std::string> kDriven = {
      "job-seeker-registration", "unemployed-registration", "active-measures-referral"};
  return kDriven;
}

TEST_P(ResultWalkSuite, EveryWayOfTheDrivenDefinitionsHandsOverItsResult) {
  std::vector<Way> ways;
  std::set<std::string> not_driven;
  int runnable = 0;
  for (const auto& def : api_.runtime().processes().All()) {
    if (!api_.runtime().cases().Offered(*def)) continue;
    ++runnable;
    for (auto& way : Ways(*def)) {
      if (!DrivenDefinitions().count(def->code)) {
        not_driven.insert(def->code);
        continue;
      }
      if (way.channel != Channel::kOffice) continue;  // the portal ways: filed by the applicant
      ways.push_back(std::move(way));
    }
  }
  ASSERT_FALSE(ways.empty());
  for (const auto& way : ways) {
    SCOPED_TRACE(way.Name());
    const json kase = Drive(way);
    if (::testing::Test::HasFailure()) break;
    ExpectHandedOver(way, kase);
  }
  std::cout << "[ result walk ] " << runnable << " runnable definitions; " << ways.size()
            << " office ways driven, " << results_ << " result documents downloaded\n";
  EXPECT_EQ(not_driven, (std::set<std::string>{
                            "foreign-labour-permit", "foreign-labour-permit-extension",
                            "foreign-labour-permit-reissue", "ict-permit", "ict-permit-renewal",
                            "public-service-complaint", "unemployed-attendance"}));
}

}  // namespace jumys::testing
