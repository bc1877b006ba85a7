#include "domain/vacancy_lifecycle.h"

#include <array>
#include <utility>

namespace jumys {

namespace {

constexpr std::array<std::pair<VacancyStatus, const char*>, 6> kStatusNames = {{
    {VacancyStatus::kDraft, "draft"},
    {VacancyStatus::kScheduled, "scheduled"},
    {VacancyStatus::kPublished, "published"},
    {VacancyStatus::kStale, "stale"},
    {VacancyStatus::kClosed, "closed"},
    {VacancyStatus::kExpired, "expired"},
}};

std::chrono::days Days(int n) { return std::chrono::days(n); }

Error NotAllowed(const VacancyState& state, VacancyAction action) {
  return Error::Conflict(
      "vacancy.action_not_allowed"_msg,
      "the action '{action}' is not possible for a vacancy that is {status}",
      {{"status", VacancyStatusName(state.status)}, {"action", VacancyActionName(action)}});
}

}  // namespace

const char* VacancyStatusName(VacancyStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "draft";
}

std::optional<VacancyStatus> ParseVacancyStatus(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (name == n) return s;
  }
  return std::nullopt;
}

bool IsPubliclyVisible(VacancyStatus status) { return status == VacancyStatus::kPublished; }

bool IsFinal(VacancyStatus status) {
  return status == VacancyStatus::kClosed || status == VacancyStatus::kExpired;
}

const char* VacancyActionName(VacancyAction action) {
  switch (action) {
    case VacancyAction::kPublish:
      return "publish";
    case VacancyAction::kConfirm:
      return "confirm";
    case VacancyAction::kClose:
      return "close";
    case VacancyAction::kUnpublish:
      return "unpublish";
  }
  return "publish";
}

Expected<VacancyState> ApplyVacancyAction(const VacancyState& state, VacancyAction action,
                                          Instant now, std::optional<Instant> publish_at) {
  VacancyState next = state;
  switch (action) {
    case VacancyAction::kPublish:
      if (state.status != VacancyStatus::kDraft) return NotAllowed(state, action);
      if (publish_at && *publish_at > now) {
        next.status = VacancyStatus::kScheduled;
        next.times.publish_at = publish_at;
      } else {
        next.status = VacancyStatus::kPublished;
        next.times.publish_at = now;
        next.times.relevant_since = now;
      }
      return next;
    case VacancyAction::kConfirm:
      // Confirming a published vacancy restarts its period; a stale one comes back into view.
      if (state.status != VacancyStatus::kPublished && state.status != VacancyStatus::kStale) {
        return NotAllowed(state, action);
      }
      next.status = VacancyStatus::kPublished;
      next.times.relevant_since = now;
      next.times.stale_since.reset();
      return next;
    case VacancyAction::kClose:
      if (IsFinal(state.status)) return NotAllowed(state, action);
      next.status = VacancyStatus::kClosed;
      return next;
    case VacancyAction::kUnpublish:
      if (state.status != VacancyStatus::kScheduled) return NotAllowed(state, action);
      next.status = VacancyStatus::kDraft;
      next.times.publish_at.reset();
      return next;
  }
  return NotAllowed(state, action);
}

std::optional<Instant> NextTimedChange(const VacancyState& state, const RelevancePolicy& policy) {
  switch (state.status) {
    case VacancyStatus::kScheduled:
      return state.times.publish_at;
    case VacancyStatus::kPublished:
      if (!state.times.relevant_since || policy.confirm_every_days <= 0) return std::nullopt;
      return *state.times.relevant_since + Days(policy.confirm_every_days);
    case VacancyStatus::kStale:
      if (!state.times.stale_since || policy.expire_after_stale_days <= 0) return std::nullopt;
      return *state.times.stale_since + Days(policy.expire_after_stale_days);
    default:
      return std::nullopt;
  }
}

SweepResult SweepVacancy(const VacancyState& state, const RelevancePolicy& policy, Instant now) {
  SweepResult out{state, {}};
  VacancyState& s = out.state;
  for (auto due = NextTimedChange(s, policy); due && *due <= now;
       due = NextTimedChange(s, policy)) {
    switch (s.status) {
      case VacancyStatus::kScheduled:
        s.status = VacancyStatus::kPublished;
        s.times.relevant_since = *due;
        break;
      case VacancyStatus::kPublished:
        s.status = VacancyStatus::kStale;
        s.times.stale_since = *due;
        break;
      case VacancyStatus::kStale:
        s.status = VacancyStatus::kExpired;
        break;
      default:
        return out;  // unreachable: NextTimedChange gives nothing for the other states
    }
    out.changes.push_back({s.status, *due});
  }
  return out;
}

}  // namespace jumys
