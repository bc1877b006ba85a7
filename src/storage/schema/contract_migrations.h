#pragma once
// Migration 23 (issue 18, item 3): several signers on one document, and the contract record
// (docs/CONTRACTS.md). schema.cpp lists it with the others.

namespace jumys::storage::contracts_schema {

extern const char* const kContracts;

}  // namespace jumys::storage::contracts_schema
