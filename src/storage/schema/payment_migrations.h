#pragma once
// Migration 27: the payments registry (services/payments, docs/PAYMENTS.md). schema.cpp lists it
// with the others.

namespace jumys::storage::payments_schema {

extern const char* const kPayments;

}  // namespace jumys::storage::payments_schema
