#pragma once
// Migration 24: decision lists (docs/DECISION_LISTS.md). schema.cpp lists it with the others.

namespace jumys::storage::decision_lists {

extern const char* const kDecisionLists;

}  // namespace jumys::storage::decision_lists
