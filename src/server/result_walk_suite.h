#pragma once
// Every way through the runnable definitions, generated from the definitions themselves: from
// each channel's start (and the intake refusal of an incomplete set) along every outcome to an
// end, without going round a loop or taking an outcome kept for another decision. Each way is
// run through the API with the state it needs prepared here (a fresh person, the demo seeker's
// and employer's signed portal requests, a fresh valid permit to reissue or extend, the
// commission's votes, the clock moved past a closing window, an ended case to complain about,
// S2 worked to the certificate that starts the year), and its result's document is
// downloaded: a PDF with its title, the case number and the registry number the app shows, or
// a case that says why it has none. On SQLite (result_walk_test.cpp) and PostgreSQL
// (result_walk_pgtest.cpp).
#include <functional>
#include <iostream>
#include <set>

#include "core/identifiers.h"
#include "server/permit_api_support.h"
#include "server/testing/job_seeker_card.h"
#include "services/permits/permit_store.h"

namespace jumys::testing {

class ResultWalkSuite : public PermitApiSuite {
 public:
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

 protected:
  // The ways of one definition: depth first from each start, each outcome once per way.
  static std::vector<Way> Ways(const ProcessDefinition& def) {
    std::vector<Way> out;
    for (const auto& entry : def.channels) {
      if (def.intake.refusal) out.push_back({&def, entry.channel, true, {}});
      for (const auto& start : entry.starts) {
        std::vector<Turn> path;
        std::set<std::string> seen;
        std::string decided;  // the kind of result decided so far on this way
        std::function<void(const std::string&)> walk = [&](const std::string& id) {
          const Step* step = def.FindStep(id);
          if (!step || seen.count(id)) return;
          seen.insert(id);
          if (step->kind == StepKind::kRepeat && !step->body.empty()) walk(step->body);
          for (const auto& o : step->outcomes) {
            // An outcome kept for another decision (`when_result`) is not offered on this way.
            if (o.when_result && !decided.empty() && *o.when_result != decided) continue;
            const std::string before = decided;
            if (o.decides) decided = o.decides->kind;
            path.push_back({step, &o});
            const Target& target = o.TargetFor(entry.channel);
            if (target.is_end()) {
              out.push_back({&def, entry.channel, false, path});
            } else {
              walk(target.step);
            }
            path.pop_back();
            decided = before;
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
    if (f.name == "payment") return Payment()["payment"];
    if (f.name == "tracking_number") return "RA123456789KZ";
    switch (f.type) {
      case FieldType::kNumber:
        return f.min ? *f.min : 1;
      case FieldType::kMoney:
        return {{"amount", 100000}, {"currency", "KZT"}};
      case FieldType::kDate:
        return f.not_future ? "2026-11-20" : "2026-12-07";
      case FieldType::kBoolean:
        return true;
      case FieldType::kChoice:
        return f.options.empty() ? json("") : json(f.options.front().value);
      case FieldType::kEmployer:
        return "080540001238";
      case FieldType::kIban:
        return "KZ86125KZT5004100100";
      case FieldType::kOffice:
        return "kzo-city";
      case FieldType::kStaff:
        return "executor";
      case FieldType::kClassifier:  // codes the demo's shipped classifiers hold
        return f.classifier == "kato" ? "431010000" : "2";
      case FieldType::kGroup: {
        json out = json::object();
        for (const auto& sub : f.fields) {
          if (sub.required) out[sub.name] = Sample(sub);
        }
        return out;
      }
      default: {
        // Long enough for a text's minimum length (a complaint's answer).
        std::string text = "Тест";
        while (f.min_length && static_cast<std::int64_t>(text.size() / 2) < *f.min_length)
          text += " тест";
        return text;
      }
    }
  }

  // The demo login of a role at the city centre, or at the oblast department for `oblast`.
  static std::string LoginFor(Role role, bool oblast = false) {
    const std::string name = RoleName(role);
    if (name == "commission_secretary") return "commission";
    std::string login = name == "office_clerk"            ? "clerk"
                        : name == "employment_specialist" ? "employment"
                                                          : name;  // head, executor
    return oblast ? "oblast-" + login : login;
  }

  // A valid permit of the demo employer no case has touched (reissue and extension consume
  // theirs): `kind` standard or ict.
  std::string FreshPermit(const std::string& kind) {
    permits::PermitRow p;
    p.number = "KZO-OBLAST-WALK-" + std::to_string(++next_permit_);
    p.kind = kind;
    p.employer_bin = kBin;
    p.office_id = "kzo-oblast";
    p.category = 3;
    p.workers = 1;
    p.occupation = "2";
    p.region = "431010000";
    if (kind == permits::kPermitIct) p.host_company = "Aral Fish Holding GmbH";
    p.valid_from = "2026-01-15";
    p.valid_until = "2027-12-31";
    p.created_at = p.updated_at = "2026-11-02T05:00:00Z";
    EXPECT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_TRY(permits::InsertPermit(tx, p));
                      return {};
                    })
                    .has_value());
    return p.number;
  }

  // What an S4 application says, prepared for its way: a permit of its own to reissue or
  // extend; categories taken in turn so the grants stay within the demo quota.
  json ApplicationData(const std::string& code) {
    if (code == "foreign-labour-permit") return IssueData(1 + (next_permit_++ % 4), 1);
    if (code == "foreign-labour-permit-reissue")
      return {{"permit_number", FreshPermit(permits::kPermitStandard)},
              {"reason", "the employer's name changed"}};
    if (code == "foreign-labour-permit-extension")
      return {{"permit_number", FreshPermit(permits::kPermitStandard)}, {"term_months", 12}};
    if (code == "ict-permit") return IctData();
    if (code == "ict-permit-renewal")
      return {{"permit_number", FreshPermit(permits::kPermitIct)},
              {"action", "extend"},
              {"term_months", 12}};
    return json::object();
  }

  // A fresh person registered at the city centre, with a job seeker's card when `card`.
  std::string NewPerson(bool card) {
    std::optional<std::string> iin;
    while (!iin) iin = AppendCheckDigit("9101013" + std::to_string(4000 + next_person_++));
    auto r = Post("/api/v1/people",
                  {{"iin", *iin}, {"surname", "Жолдасбеков"}, {"given_name", "Ерлан"}}, "clerk");
    EXPECT_TRUE(r.status == 201 || r.status == 200) << r.body;
    if (card) JobSeekerCard(api_, *iin);
    return *iin;
  }

  // The demo seeker, with a job seeker's card (S2 and S3 ask for one): files from the cabinet.
  void PrepareSeeker() {
    if (seeker_ready_) return;
    seeker_ready_ = true;
    JobSeekerCard(api_, "900515300127");
  }

  // Files the way's case: at the office as its clerk for a fresh person or the demo employer,
  // or from the cabinet (signed with the applicant's EDS) on the portal.
  http::HttpResponse FileWay(const Way& way) {
    const std::string& code = way.def->code;
    if (way.def->concerns_case) return Complain(way);
    if (code == "unemployed-attendance" && !way.turns.empty() &&
        way.turns.front().outcome->id == "scheduled")
      return StartYear();
    const bool employer = way.def->provider == ProviderLevel::kOblast;
    const bool portal = way.channel == Channel::kPortal;
    json docs = employer ? PermitDocuments(code, portal ? "portal" : "office")
                         : Documents(/*with_identity=*/!portal);
    if (way.intake_refusal) {
      if (!employer && !portal) {
        docs = json::array({{{"type", "application"}}});
      } else if (!docs.empty()) {
        docs.erase(docs.size() - 1);
      }
    }
    if (way.def->intake.documents.empty()) docs = json::array();  // filed by hand
    json body = {{"process", code}, {"channel", portal ? "portal" : "office"}, {"documents", docs}};
    if (employer) body["data"] = ApplicationData(code);
    if (portal) {
      body["office"] = employer ? "kzo-oblast" : "kzo-city";
      const std::string login = employer ? "employer" : "seeker";
      if (!employer) PrepareSeeker();
      return Post("/api/v1/cases", SignedRequest(body, login), login);
    }
    body["applicant"] = employer ? json{{"bin", kBin}} : json{{"iin", NewPerson(true)}};
    return Post("/api/v1/cases", body, employer ? "oblast-clerk" : "clerk");
  }

  // A case of `iin` worked at the city office to its approved end (S2, or S3's referral to a
  // job).
  void OfficeEnded(const std::string& process, const std::string& iin) {
    const std::int64_t id = FileAtOffice(process, iin)["id"];
    auto turns = ApprovedAtOffice();
    if (process == "active-measures-referral") {
      turns[2].outcome = "refer_employment";
      turns[2].data = {{"employer_name", "«Арал Балық» ЖШС"},
                       {"position", "Есепші"},
                       {"valid_until", "2027-06-30"}};
    }
    EXPECT_EQ(Work(process, id, turns)["status"], "completed") << process;
  }

  // A complaint about an ended S3 referral of the applicant (S3 allows several open cases, so
  // an upheld complaint reopening it never blocks the next way): lodged from the seeker's
  // cabinet on the portal, by the clerk for a fresh person at the office.
  http::HttpResponse Complain(const Way& way) {
    const bool portal = way.channel == Channel::kPortal;
    if (portal) PrepareSeeker();
    const std::string iin = portal ? "900515300127" : NewPerson(true);
    OfficeEnded("active-measures-referral", iin);
    const json ended =
        GetJson("/api/v1/cases?process=active-measures-referral&iin=" + iin, "clerk")["items"];
    std::int64_t subject = 0;
    for (const auto& c : ended) {
      if (c["status"] == "completed") subject = std::max(subject, c["id"].get<std::int64_t>());
    }
    return Post("/api/v1/cases/" + std::to_string(subject) + "/complaints",
                {{"text", "Шешім маған түсіндірілмеді"}}, portal ? "seeker" : "clerk");
  }

  // The unemployed person's year, as S2's certificate starts it for a fresh person.
  http::HttpResponse StartYear() {
    const std::string iin = NewPerson(true);
    OfficeEnded("unemployed-registration", iin);
    const json listed =
        GetJson("/api/v1/cases?process=unemployed-attendance&iin=" + iin, "employment")["items"];
    http::HttpResponse r;
    r.status = listed.size() == 1 ? 201 : 404;
    r.body = listed.empty()
                 ? "{}"
                 : GetJson("/api/v1/cases/" + std::to_string(listed[0]["id"].get<std::int64_t>()),
                           "employment")
                       .dump();
    return r;
  }

  // Runs one way through the API; the case at its end.
  json Drive(const Way& way) {
    const bool oblast = way.def->provider == ProviderLevel::kOblast;
    auto filed = FileWay(way);
    EXPECT_EQ(filed.status, 201) << filed.body;
    json kase = json::parse(filed.body, nullptr, false);
    if (kase.is_discarded() || filed.status != 201) return json::object();
    const std::int64_t id = kase["id"];
    const std::string reader = oblast ? "oblast-clerk" : "clerk";
    bool refused_by_commission = false;
    for (const auto& turn : way.turns) {
      if (turn.step->kind == StepKind::kAutomatic) continue;
      SCOPED_TRACE(turn.step->id + "." + turn.outcome->id);
      json task;
      for (const auto& t : kase["tasks"]) {
        if (t["step"] == turn.step->id && t["open"] == true) task = t;
      }
      // A task that falls due later (the next visit of the year): the clock moves on to it.
      for (int day = 0; task.is_null() && day < 40; ++day) {
        Pass(std::chrono::hours(24));
        kase = GetJson("/api/v1/cases/" + std::to_string(id), reader);
        for (const auto& t : kase["tasks"]) {
          if (t["step"] == turn.step->id && t["open"] == true) task = t;
        }
      }
      if (task.is_null()) {
        ADD_FAILURE() << "no open task of step " << turn.step->id;
        return kase;
      }
      if (turn.step->kind == StepKind::kRepeat) {
        // The schedule ends when the card left the unemployed status some other way: the
        // card is set back to a job seeker's and the clock runs to the next period.
        JobSeekerCard(api_, kase["applicant"]["iin"].get<std::string>());
      }
      if (turn.outcome->timeout || turn.step->kind == StepKind::kRepeat) {
        // The window closes by itself: the clock moves a day at a time until it has.
        for (int day = 0; day < 60; ++day) {
          Pass(std::chrono::hours(24));
          kase = GetJson("/api/v1/cases/" + std::to_string(id), reader);
          bool open = false;
          for (const auto& t : kase["tasks"]) {
            if (t["id"] == task["id"] && t["open"] == true) open = true;
          }
          if (!open) break;
        }
        continue;
      }
      json data = json::object();
      for (const FieldList* list : {&turn.step->fields, &turn.outcome->fields}) {
        for (const auto& f : list->fields) {
          if (f.required) data[f.name] = Sample(f);
        }
      }
      // Paid today: the harness clock moves on through the ways that wait out a window.
      if (data.contains("payment"))
        data["payment"]["paid_on"] =
            FormatRfc3339(api_.Now() + std::chrono::hours(5)).substr(0, 10);
      if (turn.step->assigns) data["assignee"] = LoginFor(*turn.step->assigns, oblast);
      if (turn.outcome->requires_grounds) {
        // A refusal decided for later, else the refusal to accept at registration.
        const std::string kind =
            turn.outcome->decides ? turn.outcome->decides->kind : "acceptance_refusal";
        json grounds = json::array();
        for (const RefusalGround* g : way.def->GroundsFor(kind)) grounds.push_back(g->code);
        // A refusal after the commission's recommendation cites that recommendation.
        for (const auto& g : grounds) {
          if (refused_by_commission && g == "commission_recommended_refusal") {
            grounds = json::array({g});
            break;
          }
        }
        if (!grounds.empty()) data["grounds"] = json::array({grounds.front()});
      }
      if (turn.step->id == "commission_review") {
        // The members vote before the secretary records their recommendation.
        const bool grant = turn.outcome->id == "recommend_grant";
        refused_by_commission = !grant;
        Vote(id, grant ? "grant" : "refuse", grant ? "" : "Ішкі нарықта білікті мамандар бар");
      }
      const std::string login = turn.step->role ? LoginFor(*turn.step->role, oblast) : reader;
      http::HttpResponse done;
      if (task["signature_required"] == true) {
        const auto kinds = KindsToSign(task["id"], login);
        if (kinds.size() > 1) {
          json signatures = json::object();
          for (const auto& kind : kinds) {
            signatures[kind] = SignAs(login, TaskDocumentOfKind(task["id"], login, kind));
          }
          done = CompleteSigned(task["id"], login, turn.outcome->id, signatures, data);
        } else {
          done = Complete(task["id"], login, turn.outcome->id, data,
                          SignAs(login, TaskDocument(task["id"], login)));
        }
      } else {
        done = Complete(task["id"], login, turn.outcome->id, data);
      }
      EXPECT_EQ(done.status, 200) << done.body;
      if (done.status != 200) return kase;
      kase = json::parse(done.body);
    }
    // Every turn was taken as the way says, those the clock took included.
    kase = GetJson("/api/v1/cases/" + std::to_string(id), reader);
    for (const auto& turn : way.turns) {
      if (turn.step->kind == StepKind::kAutomatic) continue;
      bool taken = false;
      for (const auto& t : kase["tasks"]) {
        taken |= t["step"] == turn.step->id && t.value("outcome", json()) == turn.outcome->id;
      }
      EXPECT_TRUE(taken) << turn.step->id << "." << turn.outcome->id << " not taken";
    }
    return kase;
  }

  // The result's document: a PDF with the case number and the app's number, or a reason.
  void ExpectHandedOver(const Way& way, const json& kase) {
    ASSERT_TRUE(kase.contains("result") && kase["result"].is_object()) << kase.dump();
    const json& result = kase["result"];
    if (!result["document_url"].is_string()) {
      EXPECT_EQ(result["document_unavailable"]["reason"], "no_printed_form") << result.dump();
      return;
    }
    auto pdf = Get(result["document_url"],
                   way.def->provider == ProviderLevel::kOblast ? "oblast-clerk" : "clerk");
    ASSERT_EQ(pdf.status, 200) << way.Name() << ": " << pdf.body;
    ASSERT_EQ(pdf.body.substr(0, 5), "%PDF-");
    const std::string text = PdfText("walk", pdf.body);
    EXPECT_NE(text.find(kase["number"].get<std::string>()), std::string::npos) << text;
    EXPECT_NE(text.find("№ " + result["number"].get<std::string>()), std::string::npos) << text;
    // Its title, as the public verification of the issued document names it.
    const std::string url = result["document_url"];
    const std::string code = Select("SELECT verification_code FROM documents WHERE case_id = " +
                                    std::to_string(kase["id"].get<std::int64_t>()) +
                                    " AND registry_id = " + url.substr(url.rfind('/') + 1));
    const json verified = ApiHarness::Json(api_.Call("GET", "/api/v1/verify/" + code));
    const std::string title =
        verified.contains("title") ? verified["title"].value("ru", "") : std::string();
    EXPECT_FALSE(title.empty()) << verified.dump();
    EXPECT_NE(text.find(rendering::testing::Normalized(title)), std::string::npos)
        << title << " in " << text;
    ++results_;
  }

  int next_person_ = 0;
  int next_permit_ = 0;
  bool seeker_ready_ = false;
  int results_ = 0;
};

// The definitions whose ways this suite cannot run, with the reason (their own suites walk
// them whole); the test fails when this list changes.
inline const std::map<std::string, std::string>& UnreachableDefinitions() {
  // P2 decides its applications on a list and signs its contract by two parties in two
  // channels; SubsidisedJobsApiSuite walks it whole.
  static const std::map<std::string, std::string> kUnreachable = {
      {"subsidised-jobs", "list decision and two signing parties: SubsidisedJobsApiSuite"},
      {"special-workplaces",
       "list decision, two signing parties, months of reports: SpecialWorkplacesApiSuite"},
      {"relocation-employers",
       "an employer's case at a centre, its place a KATO code: RelocationEmployersApiSuite"},
      {"voluntary-relocation",
       "a hand-off between regions, three signing parties, months of checks: RelocationApiSuite"}};
  return kUnreachable;
}

// A guard that an earlier turn of the same way always fails: the recommendation the commission
// recorded decides whether the permit may be granted. Such ways are not walkable by anyone.
inline bool RuledOut(const ResultWalkSuite::Way& way) {
  static const std::map<std::string, std::string> kRuledOutBy = {
      {"commission_recommended_grant", "commission_review.recommend_refusal"}};
  std::set<std::string> taken;
  for (const auto& t : way.turns) {
    for (const auto& g : t.outcome->guards) {
      auto it = kRuledOutBy.find(g);
      if (it != kRuledOutBy.end() && taken.count(it->second)) return true;
    }
    taken.insert(t.step->id + "." + t.outcome->id);
  }
  return false;
}

TEST_P(ResultWalkSuite, EveryWayOfTheRunnableDefinitionsHandsOverItsResult) {
  std::vector<Way> ways;
  std::set<std::string> unreachable;
  int runnable = 0;
  for (const auto& def : api_.runtime().processes().All()) {
    if (!api_.runtime().cases().Offered(*def)) continue;
    ++runnable;
    for (auto& way : Ways(*def)) {
      if (UnreachableDefinitions().count(def->code)) {
        unreachable.insert(def->code);
        continue;
      }
      ways.push_back(std::move(way));
    }
  }
  ASSERT_FALSE(ways.empty());
  int driven = 0;
  int impossible = 0;
  std::map<std::string, std::pair<int, int>> per_definition;  // ways driven, documents
  for (const auto& way : ways) {
    SCOPED_TRACE(way.Name());
    if (RuledOut(way)) {
      ++impossible;
      continue;
    }
    const json kase = Drive(way);
    if (::testing::Test::HasFailure()) break;
    ++driven;
    const int before = results_;
    ExpectHandedOver(way, kase);
    auto& [ways_of, documents_of] = per_definition[way.def->code];
    ++ways_of;
    documents_of += results_ - before;
  }
  for (const auto& [code, counts] : per_definition) {
    std::cout << "[ result walk ] " << code << ": " << counts.first << " ways driven, "
              << counts.second << " documents\n";
  }
  std::cout << "[ result walk ] " << runnable << " runnable definitions; " << ways.size()
            << " ways, " << impossible << " ruled out by their own earlier turns, " << driven
            << " driven, " << results_ << " result documents downloaded\n";
  EXPECT_EQ(driven + impossible, static_cast<int>(ways.size()));
  // S4a's office and portal grants after a recommended refusal (5 ways); a new one is news.
  EXPECT_EQ(impossible, 5);
  std::set<std::string> listed;
  for (const auto& [code, reason] : UnreachableDefinitions()) listed.insert(code);
  EXPECT_EQ(unreachable, listed);
}

}  // namespace jumys::testing
