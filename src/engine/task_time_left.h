#pragma once
// Time left per task for the work queue: working minutes to the due time, counted on the
// calendar and hours of the office whose queue holds the task (the same working time that
// Deadline() counted the limit in), and how urgent that is.
#include "core/time.h"
#include "core/work_calendar.h"
#include "domain/offices.h"
#include "engine/case_model.h"

namespace jumys {

// At `now`, or at its completion for a completed task. Without a due time: no minutes, ok.
// Overdue (past the due instant): the working minutes since, negated, and at least 1 in size
// even when none of them were working minutes (overdue over a weekend). Near: at most a
// quarter of the step's own working time (from creation to due) left.
TaskTimeLeft TaskTimeLeftAt(const WorkCalendar& calendar, const Office& office, const TaskRow& task,
                            Instant now);

}  // namespace jumys
