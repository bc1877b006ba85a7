#pragma once
// Table-driven engine tests: a script is a list of events (file a case, complete a step, let
// time pass, fire due timers) each with what must follow (the error, the open tasks with
// their queues and deadlines, the case's status and result). Deadlines are written as wall
// clock times in Kyzylorda, computed by hand from the regulation's limits and office hours.
// Header-only, for *_test.cpp and *_pgtest.cpp files.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/case_test_support.h"
#include "storage/repositories/employment_card_repository.h"

// Scripts name only the expectations they check (designated initializers); the rest keep
// their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jumys::testing {

struct Expect {
  std::optional<ErrorCode> error;  // the event fails with this code...
  std::string message;             // ...and a message containing this
  // Open tasks after the event, each "step role office due-local [assignee]", in any order;
  // nullopt: not checked.
  std::optional<std::vector<std::string>> open;
  std::string status;   // the case's status after ("" = not checked)
  std::string result;   // its result kind after ("" = not checked)
  std::string version;  // the definition version it runs under ("" = not checked)
};

struct Event {
  enum Kind { kStart, kDo, kWait, kFire, kCard, kUse } kind;
  std::string a, b, c;  // start: process, channel, login; do: step, outcome, login; card: iin
  nlohmann::json body = nlohmann::json::object();  // start: applicant/documents/data/office
  int minutes = 0;                                 // wait; use: the case index
  Expect expect;
};

inline Event Start(std::string process, std::string channel, std::string login, nlohmann::json body,
                   Expect e = {}) {
  return {Event::kStart,    std::move(process), std::move(channel),
          std::move(login), std::move(body),    0,
          std::move(e)};
}
inline Event Do(std::string step, std::string outcome, std::string login,
                nlohmann::json data = nlohmann::json::object(), Expect e = {}) {
  return {Event::kDo, std::move(step), std::move(outcome), std::move(login), std::move(data),
          0,          std::move(e)};
}
inline Event Wait(int minutes) { return {Event::kWait, "", "", "", {}, minutes, {}}; }
inline Event Fire(Expect e = {}) { return {Event::kFire, "", "", "", {}, 0, std::move(e)}; }
inline Event Card(std::string iin) { return {Event::kCard, std::move(iin), "", "", {}, 0, {}}; }
inline Event Use(int case_index) { return {Event::kUse, "", "", "", {}, case_index, {}}; }

struct Script {
  std::string name;
  std::vector<Event> events;
};

inline std::string ToLocal(const std::string& utc) {
  auto t = ParseRfc3339(utc);
  if (!t) return utc;
  return FormatLocalTime(LocalTime{(*t + std::chrono::hours(5)).time_since_epoch()}).substr(0, 16);
}

class ScriptRunner {
 public:
  explicit ScriptRunner(EngineFixture& engine) : engine_(engine) {}

  void Run(const Script& script) {
    for (std::size_t i = 0; i < script.events.size(); ++i) {
      SCOPED_TRACE(script.name + ", event " + std::to_string(i + 1));
      RunEvent(script.events[i]);
    }
  }

  std::int64_t current() const { return cases_.empty() ? 0 : cases_[current_]; }

 private:
  void RunEvent(const Event& e) {
    Status outcome;
    switch (e.kind) {
      case Event::kWait:
        engine_.Advance(std::chrono::minutes(e.minutes));
        return;
      case Event::kUse:
        current_ = static_cast<std::size_t>(e.minutes);
        return;
      case Event::kCard:
        AddCard(e.a);
        return;
      case Event::kStart:
        outcome = StartCase(e);
        break;
      case Event::kDo:
        outcome = Complete(e);
        break;
      case Event::kFire: {
        auto fired = engine_.cases().FireDue();
        if (!fired) outcome = fired.error();
        break;
      }
    }
    Check(e.expect, outcome);
  }

  Status StartCase(const Event& e) {
    CaseService::StartRequest r;
    r.process = e.a;
    r.channel = *ParseChannel(e.b);
    if (e.body.contains("applicant")) {
      r.applicant_iin = e.body["applicant"].value("iin", "");
      r.applicant_bin = e.body["applicant"].value("bin", "");
    }
    r.office_id = e.body.value("office", "");
    if (e.body.contains("data")) r.data = e.body["data"];
    for (const auto& d : e.body.value("documents", nlohmann::json::array())) {
      SubmittedDocument doc{d.at("type").get<std::string>(), std::nullopt};
      if (d.contains("valid_until"))
        doc.valid_until = *ParseDate(d["valid_until"].get<std::string>());
      r.documents.push_back(doc);
    }
    auto id = engine_.cases().Start(engine_.As(e.c), r);
    if (!id) return id.error();
    cases_.push_back(*id);
    current_ = cases_.size() - 1;
    return {};
  }

  Status Complete(const Event& e) {
    auto detail = engine_.cases().Load(current());
    if (!detail) return detail.error();
    // The open task of that step, else its latest (to complete it twice).
    const TaskRow* task = nullptr;
    for (const auto& t : detail->tasks) {
      if (t.step == e.a && (!task || t.open() || !task->open())) task = &t;
    }
    if (!task) {
      ADD_FAILURE() << "no task of step " << e.a;
      return {};
    }
    const nlohmann::json data = e.body.is_null() ? nlohmann::json::object() : e.body;
    auto done = engine_.cases().Complete(engine_.As(e.c), task->id, e.b, data);
    if (!done) return done.error();
    return {};
  }

  void AddCard(const std::string& iin) {
    const std::string now = FormatRfc3339(engine_.Now());
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(storage::UpsertEmploymentCard(
          tx, {iin, "kzo-city", "job_seeker", "2026-01-05", std::nullopt, std::nullopt, now, now}));
      return {};
    }),
                        "card");
  }

  void Check(const Expect& x, const Status& outcome) {
    if (x.error) {
      ASSERT_FALSE(outcome.has_value()) << "expected an error";
      EXPECT_EQ(outcome.error().code, *x.error) << outcome.error().message;
      EXPECT_NE(outcome.error().message.find(x.message), std::string::npos)
          << outcome.error().message;
    } else {
      ASSERT_TRUE(outcome.has_value())
          << outcome.error().message << " " << outcome.error().internal;
    }
    if (!x.open && x.status.empty() && x.result.empty() && x.version.empty()) return;
    auto detail = engine_.cases().Load(current());
    ASSERT_TRUE(detail.has_value()) << detail.error().message;
    if (x.open) {
      std::vector<std::string> open;
      for (const auto& t : detail->tasks) {
        if (!t.open()) continue;
        std::string line = t.step + " " + (t.role ? RoleName(*t.role) : "-") + " " + t.office_id +
                           " " + (t.has_due() ? ToLocal(t.due_at) : "-");
        if (!t.assignee.empty()) line += " " + t.assignee;
        open.push_back(line);
      }
      auto expected = *x.open;
      std::sort(open.begin(), open.end());
      std::sort(expected.begin(), expected.end());
      EXPECT_EQ(open, expected);
    }
    if (!x.status.empty()) {
      EXPECT_EQ(detail->kase.status, x.status);
    }
    if (!x.result.empty()) {
      ASSERT_TRUE(detail->kase.result.has_value()) << "no result";
      EXPECT_EQ(detail->kase.result->kind, x.result);
    }
    if (!x.version.empty()) {
      EXPECT_EQ(detail->kase.version, x.version);
    }
  }

  EngineFixture& engine_;
  std::vector<std::int64_t> cases_;
  std::size_t current_ = 0;
};

}  // namespace jumys::testing
