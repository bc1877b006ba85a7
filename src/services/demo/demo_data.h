#pragma once
// Demo data for `seed-demo` / `serve --demo`: two employment centres and the oblast department
// of Kyzylorda oblast, the accounts listed in README.md (password "demo"), people and employers
// with valid identifiers.
#include "core/time.h"
#include "storage/database.h"

namespace jumys::demo {

inline constexpr const char* kDemoPassword = "demo";
inline constexpr const char* kDemoSeekerIin = "900515300127";
inline constexpr const char* kDemoEmployerBin = "080540001238";

// Seeds when the store has no users; returns false (and changes nothing) otherwise.
Expected<bool> SeedDemo(storage::Database& db, Instant now);

}  // namespace jumys::demo
