#include "services/demo/demo_timeline.h"

#include <algorithm>

#include "core/base64.h"
#include "core/canonical_json.h"
#include "core/sha256.h"
#include "storage/repositories/repositories.h"

namespace jumys::demo {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::year_month;

// The sweeper's pass comes this long after a timer falls due.
constexpr minutes kSweeperLag{5};

Instant OfficeDays::At(Date day, int hour, int minute) const {
  return office_->time_zone.ToUtc(std::chrono::local_days{day} + hours(hour) + minutes(minute));
}

bool OfficeDays::Working(Date day) const { return calendar_.Current()->IsWorkingDay(day); }

Date OfficeDays::Shift(Date day, int working_days) const {
  const int step = working_days < 0 ? -1 : 1;
  for (int left = working_days < 0 ? -working_days : working_days; left > 0;) {
    day = Date{std::chrono::sys_days{day} + days(step)};
    if (Working(day)) --left;
  }
  return day;
}

Date OfficeDays::OnOrAfter(Date day) const {
  while (!Working(day)) day = Date{std::chrono::sys_days{day} + days(1)};
  return day;
}

Date OfficeDays::NthWorkingDay(year_month month, int n) const {
  return Shift(OnOrAfter(month / 1), n - 1);
}

int OfficeDays::WorkingDaysOf(year_month month, std::optional<Date> after) const {
  int count = 0;
  for (Date day = month / 1; day.month() == month.month();
       day = Date{std::chrono::sys_days{day} + days(1)}) {
    if (Working(day) && (!after || day > *after)) ++count;
  }
  return count;
}

DemoCase::DemoCase(DemoTimeline& timeline, std::shared_ptr<const Office> office,
                   std::string process, Plays plays)
    : OfficeDays(std::move(office), timeline.services().calendar),
      timeline_(timeline),
      process_(std::move(process)),
      plays_(std::move(plays)) {}

void DemoCase::FileAt(Instant at, Filing file) { filing_.emplace(at, std::move(file)); }

void DemoCase::Also(Instant at, std::function<Status(DemoCase&)> act) {
  also_.emplace(at, std::move(act));
}

const DemoServices& DemoCase::services() const { return timeline_.services(); }

Status DemoCase::MoveTo(Instant t) {
  JUMYS_TRY(timeline_.MoveTo(t));
  since_ = std::max(since_, timeline_.at());
  return {};
}

bool DemoCase::over() const { return timeline_.over(); }

Expected<Actor> DemoCase::As(const std::string& login) { return timeline_.As(login); }

Expected<std::string> DemoCase::SignAs(const std::string& login, std::string_view content) {
  return timeline_.SignAs(login, content);
}

Status DemoCase::Complete(const std::string& login, std::int64_t task_id,
                          const std::string& outcome, const json& data,
                          const TaskSignatures& signature) {
  return timeline_.Complete(login, task_id, outcome, data, signature);
}

Status DemoCase::CompleteSigned(const std::string& login, std::int64_t task_id,
                                const std::string& outcome) {
  return timeline_.CompleteSigned(login, task_id, outcome);
}

std::optional<DemoCase::Next> DemoCase::Upcoming() {
  if (!stopped_.empty()) return std::nullopt;
  std::optional<Next> next;
  const auto consider = [&](Instant at, std::function<Status()> run) {
    if (!next || at < next->at) next = Next{at, std::move(run)};
  };
  // Whatever this case's work begins at, its time is the clock's while it acts.
  const auto acting = [this](std::function<Status()> act) {
    return [this, act = std::move(act)]() -> Status {
      since_ = timeline_.at();
      JUMYS_TRY(act());
      done_ = since_ = std::max(since_, timeline_.at());
      return {};
    };
  };
  if (!also_.empty()) {
    auto first = also_.begin();
    consider(first->first, acting([this, first]() -> Status {
               auto act = std::move(first->second);
               also_.erase(first);
               return act(*this);
             }));
  }
  if (filing_) {
    consider(filing_->first, acting([this]() -> Status {
               auto file = std::move(filing_->second);
               filing_.reset();
               JUMYS_ASSIGN_OR_RETURN(id_, file(*this));
               return {};
             }));
    return next;
  }
  if (id_ == 0) return next;
  auto detail = services().cases.Load(id_);
  if (!detail) {
    stopped_ = Why(detail.error());
    return std::nullopt;
  }
  if (detail->kase.status != kCaseOpen) return next;
  for (const TaskRow& task : detail->tasks) {
    if (!task.open()) continue;
    const auto play = plays_.find(task.step);
    if (play != plays_.end() && (task.kind == StepKind::kUser || task.kind == StepKind::kWait)) {
      const auto opened = ParseRfc3339(task.created_at);
      since_ = std::max(done_, opened ? *opened : done_);
      consider(play->second.when(*this, task),
               acting([this, task, &act = play->second.act]() { return act(*this, task); }));
    } else if (task.kind == StepKind::kUser) {
      stopped_ = "the demo has no play for step " + task.step;
      return std::nullopt;
    } else if (task.has_due()) {
      // A timer, a repeat or a wait's window: the sweeper's pass after it falls due.
      const auto due = ParseRfc3339(task.due_at);
      if (due && *due + kSweeperLag > timeline_.at()) consider(*due + kSweeperLag, nullptr);
    }
  }
  return next;
}

DemoClock::DemoClock(const DemoServices& services, Instant now)
    : d_(services), now_(now), signer_(services.dev_ca) {}

Status DemoClock::MoveTo(Instant t) {
  if (t >= now_) {
    over_ = true;
    return {};
  }
  at_ = std::max(t, at_);
  d_.set_clock(at_);
  return d_.sweep();
}

Expected<Actor> DemoClock::As(const std::string& login) {
  if (auto it = actors_.find(login); it != actors_.end()) return it->second;
  std::optional<storage::UserRecord> user;
  JUMYS_TRY(d_.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserByLogin(tx, login));
    return {};
  }));
  if (!user) return Error::Internal("demo: no account " + login);
  JUMYS_ASSIGN_OR_RETURN(auto actor, d_.accounts.ActorFor(*user));
  return actors_.emplace(login, actor).first->second;
}

Expected<std::string> DemoClock::SignAs(const std::string& login, std::string_view content) {
  JUMYS_ASSIGN_OR_RETURN(auto der, signer_.Sign(login, content, at_));
  return Base64Encode(der);
}

Status DemoClock::Complete(const std::string& login, std::int64_t task_id,
                           const std::string& outcome, const json& data,
                           const TaskSignatures& signature) {
  JUMYS_ASSIGN_OR_RETURN(auto actor, As(login));
  JUMYS_TRY(d_.cases.Complete(actor, task_id, outcome, data, signature));
  return {};
}

Status DemoClock::CompleteSigned(const std::string& login, std::int64_t task_id,
                                 const std::string& outcome) {
  JUMYS_ASSIGN_OR_RETURN(auto actor, As(login));
  JUMYS_ASSIGN_OR_RETURN(auto draft, d_.documents.DraftForTask(actor, task_id, at_));
  JUMYS_ASSIGN_OR_RETURN(auto signature, SignAs(login, draft.content));
  return Complete(login, task_id, outcome, json::object(), TaskSignatures(signature));
}

Status DemoClock::LeaveAtNow() {
  d_.set_clock(now_);
  return d_.sweep();
}

DemoCase& DemoTimeline::Add(std::shared_ptr<const Office> office, std::string process,
                            Plays plays) {
  cases_.push_back(
      std::make_unique<DemoCase>(*this, std::move(office), std::move(process), std::move(plays)));
  return *cases_.back();
}

void DemoTimeline::Run() {
  while (!over()) {
    std::optional<DemoCase::Next> next;
    DemoCase* owner = nullptr;
    for (auto& c : cases_) {
      auto upcoming = c->Upcoming();
      if (upcoming && (!next || upcoming->at < next->at)) {
        next = std::move(upcoming);
        owner = c.get();
      }
    }
    if (!next) break;
    if (auto moved = MoveTo(next->at); !moved) {
      stopped_ = Why(moved.error());
      break;
    }
    if (over() || !next->run) continue;
    if (auto done = next->run(); !done) owner->stopped_ = Why(done.error());
  }
  if (auto swept = LeaveAtNow(); !swept && stopped_.empty()) stopped_ = Why(swept.error());
}

std::string Why(const Error& error) {
  return error.internal.empty() ? error.message : error.message + ": " + error.internal;
}

When SameDay(int hour) {
  return [hour](const DemoCase& c, const TaskRow&) {
    return std::max(c.At(c.Today(), hour), c.last() + hours(1));
  };
}

When NextWorkingDay(int hour) {
  return [hour](const DemoCase& c, const TaskRow&) { return c.At(c.Shift(c.Today(), 1), hour); };
}

When WorkingDaysLater(int n, int hour) {
  return [n, hour](const DemoCase& c, const TaskRow&) { return c.At(c.Shift(c.Today(), n), hour); };
}

Play Completes(const char* login, const char* outcome, When when,
               std::function<Expected<json>(DemoCase&)> data) {
  return {std::move(when),
          [login, outcome, data = std::move(data)](DemoCase& c, const TaskRow& task) -> Status {
            json values = json::object();
            if (data) {
              JUMYS_ASSIGN_OR_RETURN(values, data(c));
            }
            return c.Complete(login, task.id, outcome, values);
          }};
}

Play Signs(const char* login, const char* outcome, When when) {
  return {std::move(when), [login, outcome](DemoCase& c, const TaskRow& task) {
            return c.CompleteSigned(login, task.id, outcome);
          }};
}

Play DecidesOnList(const char* specialist, const char* head, When when, std::string outcome,
                   std::vector<std::string> grounds) {
  return {std::move(when),
          [specialist, head, outcome = std::move(outcome), grounds = std::move(grounds)](
              DemoCase& c, const TaskRow&) -> Status {
            const auto& d = c.services();
            JUMYS_ASSIGN_OR_RETURN(auto by_specialist, c.As(specialist));
            JUMYS_ASSIGN_OR_RETURN(auto by_head, c.As(head));
            JUMYS_ASSIGN_OR_RETURN(auto open, d.lists.List({c.office().id}, "open"));
            std::int64_t list_id = 0;
            for (const auto& l : open) {
              if (l.process != c.process()) continue;
              JUMYS_ASSIGN_OR_RETURN(auto detail, d.lists.Load(l.id));
              for (const auto& item : detail.items) {
                if (item.item.case_id == c.id()) list_id = l.id;
              }
            }
            if (list_id == 0) return Error::Internal("demo: the case is on no open decision list");
            JUMYS_TRY(d.lists.Submit(by_specialist, list_id));
            JUMYS_TRY(c.MoveTo(c.At(c.Shift(c.Today(), 2), 10)));
            if (c.over()) return {};
            JUMYS_TRY(d.lists.Decide(by_head, list_id, {{c.id(), outcome, grounds}}));
            JUMYS_TRY(c.MoveTo(c.At(c.Today(), 15)));
            if (c.over()) return {};
            JUMYS_TRY(d.lists.Record(by_specialist, list_id));
            return {};
          }};
}

DemoCase::Filing FromCabinet(const char* login, json data) {
  return [login, data = std::move(data)](DemoCase& c) -> Expected<std::int64_t> {
    const auto& d = c.services();
    JUMYS_ASSIGN_OR_RETURN(auto employer, c.As(login));
    JUMYS_ASSIGN_OR_RETURN(auto challenge,
                           d.challenges.Issue(ChallengePurpose::kPortalRequest, employer.user_id));
    const json body = {{"process", c.process()},
                       {"channel", "portal"},
                       {"office", c.office().id},
                       {"data", data},
                       {"challenge", challenge.challenge}};
    const std::string content = CanonicalJson(body);
    JUMYS_ASSIGN_OR_RETURN(auto signature, c.SignAs(login, content));
    JUMYS_TRY(d.documents.CheckSignature(content, signature, employer.iin, employer.bin, c.last()));
    CaseService::StartRequest start;
    start.process = c.process();
    start.channel = Channel::kPortal;
    start.office_id = c.office().id;
    start.data = data;
    start.signed_request = {{"content_sha256", Sha256Hex(content)},
                            {"signature", signature},
                            {"challenge", challenge.challenge},
                            {"verified_at", FormatRfc3339(c.last())}};
    start.within = d.challenges.Consumer(challenge.challenge, ChallengePurpose::kPortalRequest,
                                         employer.user_id);
    return d.cases.Start(employer, start);
  };
}

Expected<std::int64_t> ProposedAmount(DemoCase& c) {
  std::optional<std::int64_t> proposed;
  JUMYS_TRY(c.services().db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT proposed_amount FROM contracts WHERE case_id = $1", {c.id()}));
    if (!rows.empty()) proposed = rows.Int(0, 0);
    return {};
  }));
  if (!proposed) return Error::Internal("demo: the case has no draft contract");
  return *proposed;
}

json Money(std::int64_t tiyn) { return {{"amount", tiyn}, {"currency", "KZT"}}; }

std::string MonthText(year_month m) {
  const int month = static_cast<int>(static_cast<unsigned>(m.month()));
  return std::to_string(static_cast<int>(m.year())) + (month < 10 ? "-0" : "-") +
         std::to_string(month);
}

}  // namespace jumys::demo
