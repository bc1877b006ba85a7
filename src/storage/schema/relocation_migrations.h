#pragma once
// Migration 31: what P1 (voluntary relocation, docs/RELOCATION.md) keeps: a case's hand-offs
// between offices, the participants included by a commission (counted against the regional
// quota), the social contracts and the checks of their conditions. schema.cpp lists it.
namespace jumys::storage::relocation_schema {

extern const char* const kTables;

}  // namespace jumys::storage::relocation_schema
