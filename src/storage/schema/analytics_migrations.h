#pragma once
// Migration 33: the indexes the analyst's dashboards (docs/ANALYTICS.md) read a year of an oblast
// through: card history by moment, and a process's cases by when they were made and closed.
// schema.cpp lists it with the others.

namespace jumys::storage::analytics_schema {

extern const char* const kIndexes;
// Migration 34: each user task's working time, written when it is completed
// (engine/task_durations.h), read by step and office's day in the index's order; `data_fills`
// marks that the tasks completed before it still have to be measured once, at the next start.
extern const char* const kTaskDurations;

}  // namespace jumys::storage::analytics_schema
