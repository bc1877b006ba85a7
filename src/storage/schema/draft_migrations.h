#pragma once
// Migration 25: cabinet drafts of portal applications (services/drafts/draft_service.h).
// schema.cpp lists it with the others.

namespace jumys::storage::drafts_schema {

extern const char* const kDrafts;

}  // namespace jumys::storage::drafts_schema
