#pragma once
// Migrations 1-8: offices and accounts, cases and the card, permits, document files, sign-in, EDS
// challenges, who acts for whom, transfers. schema.cpp lists them with the others.

namespace jumys::storage::foundation_schema {

extern const char* const kInit;
extern const char* const kCases;
extern const char* const kPermits;
extern const char* const kDocuments;
extern const char* const kSignIn;
extern const char* const kChallenges;
extern const char* const kDelegation;
extern const char* const kTransfers;

}  // namespace jumys::storage::foundation_schema
