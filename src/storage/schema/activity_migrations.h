#pragma once
// Migration 32: programme activities (docs/ACTIVITIES.md), the outreach, consultations and
// vacancy fairs an office holds for a programme outside any one person's case. schema.cpp lists
// it with the others.

namespace jumys::storage::activities_schema {

extern const char* const kActivities;

}  // namespace jumys::storage::activities_schema
