#pragma once
// Migrations 27-28: the payments registry (services/payments, docs/PAYMENTS.md). schema.cpp lists
// it with the others.

namespace jumys::storage::payments_schema {

extern const char* const kPayments;
extern const char* const kPaymentLinks;

}  // namespace jumys::storage::payments_schema
