#pragma once
// A vacancy's life (docs/VACANCIES.md): the states it passes through, what its owner or staff may
// do in each, and the changes time alone makes — publication at `publish_at`, staleness when the
// employer has not confirmed it within the relevance period, expiry after a further period. Pure:
// the store and the sweep call these, so the rules are tested without a database or HTTP.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace jumys {

enum class VacancyStatus { kDraft, kScheduled, kPublished, kStale, kClosed, kExpired };

const char* VacancyStatusName(VacancyStatus status);
std::optional<VacancyStatus> ParseVacancyStatus(std::string_view name);
// Only a published vacancy is shown to the public and offered by matching.
bool IsPubliclyVisible(VacancyStatus status);
// Closed and expired are final: the record stays for referrals and reports, nothing moves it.
bool IsFinal(VacancyStatus status);

// How long a published vacancy stays relevant without its employer confirming it, and how long
// a stale one waits before it expires; both in calendar days, from reference data.
struct RelevancePolicy {
  int confirm_every_days = 0;
  int expire_after_stale_days = 0;
};

// What a vacancy's own clock needs: when it is to be published, when it was last published or
// confirmed, and since when it has been stale.
struct VacancyTimes {
  std::optional<Instant> publish_at;
  std::optional<Instant> relevant_since;  // publication or the last confirmation
  std::optional<Instant> stale_since;
};

struct VacancyState {
  VacancyStatus status = VacancyStatus::kDraft;
  VacancyTimes times;
};

enum class VacancyAction {
  kPublish,    // now, or at `publish_at` when that is later (scheduled)
  kConfirm,    // the employer says it is still open: relevant again from now
  kClose,      // filled or withdrawn
  kUnpublish,  // back to draft for editing, from scheduled only
};

const char* VacancyActionName(VacancyAction action);

// The state after `action` at `now`; 409 vacancy.action_not_allowed (with the status and the
// action) when the state does not allow it. Publishing with a `publish_at` in the past publishes
// now.
Expected<VacancyState> ApplyVacancyAction(const VacancyState& state, VacancyAction action,
                                          Instant now, std::optional<Instant> publish_at = {});

// A change that time made, at the moment it fell due (not when it was noticed).
struct TimedChange {
  VacancyStatus to = VacancyStatus::kDraft;
  Instant at;
};

// Every change due by `now`, in order, and the state after them: a vacancy left unswept for
// months goes published → stale → expired with each change at its own moment.
struct SweepResult {
  VacancyState state;
  std::vector<TimedChange> changes;
};
SweepResult SweepVacancy(const VacancyState& state, const RelevancePolicy& policy, Instant now);

// When the next change by time falls due, for the sweep's index; nullopt when none will.
std::optional<Instant> NextTimedChange(const VacancyState& state, const RelevancePolicy& policy);

}  // namespace jumys
