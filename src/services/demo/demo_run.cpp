#include "services/demo/demo_run.h"

#include <algorithm>

#include "core/base64.h"
#include "storage/repositories/repositories.h"

namespace jumys::demo {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

DemoRun::DemoRun(DemoEngine engine, Instant now, const Office& office)
    : e_(std::move(engine)), now_(now), office_(office), signer_(e_.dev_ca) {}

Instant DemoRun::At(Date day, int hour, int minute) const {
  return office_.time_zone.ToUtc(std::chrono::local_days{day} + hours(hour) + minutes(minute));
}

bool DemoRun::Working(Date day) const { return e_.calendar.Current()->IsWorkingDay(day); }

Date DemoRun::Shift(Date day, int working_days) const {
  const int step = working_days < 0 ? -1 : 1;
  for (int left = working_days < 0 ? -working_days : working_days; left > 0;) {
    day = Date{std::chrono::sys_days{day} + days(step)};
    if (Working(day)) --left;
  }
  return day;
}

Date DemoRun::OnOrAfter(Date day) const {
  while (!Working(day)) day = Date{std::chrono::sys_days{day} + days(1)};
  return day;
}

Date DemoRun::NthWorkingDay(std::chrono::year_month month, int n) const {
  return Shift(OnOrAfter(month / 1), n - 1);
}

Status DemoRun::MoveTo(Instant t) {
  if (t >= now_) {
    over_ = true;
    return {};
  }
  at_ = std::max(t, at_);
  e_.set_clock(at_);
  return e_.sweep();
}

Expected<Actor> DemoRun::As(const std::string& login) {
  if (auto it = actors_.find(login); it != actors_.end()) return it->second;
  std::optional<storage::UserRecord> user;
  JUMYS_TRY(e_.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserByLogin(tx, login));
    return {};
  }));
  if (!user) return Error::Internal("demo: no account " + login);
  JUMYS_ASSIGN_OR_RETURN(auto actor, e_.accounts.ActorFor(*user));
  return actors_.emplace(login, actor).first->second;
}

Expected<std::string> DemoRun::SignAs(const std::string& login, std::string_view content) {
  JUMYS_ASSIGN_OR_RETURN(auto der, signer_.Sign(login, content, at_));
  return Base64Encode(der);
}

Status DemoRun::Complete(const std::string& login, std::int64_t task_id, const std::string& outcome,
                         const nlohmann::json& data, const TaskSignatures& signature) {
  JUMYS_ASSIGN_OR_RETURN(auto actor, As(login));
  JUMYS_TRY(e_.cases.Complete(actor, task_id, outcome, data, signature));
  return {};
}

Status DemoRun::CompleteSigned(const std::string& login, std::int64_t task_id,
                               const std::string& outcome) {
  JUMYS_ASSIGN_OR_RETURN(auto actor, As(login));
  JUMYS_ASSIGN_OR_RETURN(auto draft, e_.documents.DraftForTask(actor, task_id, at_));
  JUMYS_ASSIGN_OR_RETURN(auto signature, SignAs(login, draft.content));
  return Complete(login, task_id, outcome, nlohmann::json::object(), TaskSignatures(signature));
}

std::string StoppedBy(const Error& error) {
  std::string text = error.message;
  if (!error.internal.empty()) text += ": " + error.internal;
  return text;
}

}  // namespace jumys::demo
