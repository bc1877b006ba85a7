#pragma once
// Migration 33: the indexes the analyst's dashboards (docs/ANALYTICS.md) read a year of an oblast
// through: card history by moment, and a process's cases by when they were made and closed.
// schema.cpp lists it with the others.

namespace jumys::storage::analytics_schema {

extern const char* const kIndexes;

}  // namespace jumys::storage::analytics_schema
