#pragma once
// Demo data for `seed-demo` / `serve --demo`: two employment centres and the oblast department
// of Kyzylorda oblast, the Petropavl centre and the oblast department of North Kazakhstan (the
// region a relocating job seeker moves to, P1), the accounts listed in README.md (password
// "demo"), people and employers with valid identifiers.
#include "core/time.h"
#include "storage/database.h"

namespace jumys::demo {

inline constexpr const char* kDemoPassword = "demo";
inline constexpr const char* kDemoSeekerIin = "900515300127";
inline constexpr const char* kDemoEmployerBin = "080540001238";
// The demo job seeker's wife and son, registered in Kyzylorda: the family of a relocation (P1).
inline constexpr const char* kDemoSpouseIin = "920308402613";
inline constexpr const char* kDemoChildIin = "160921503849";
// «Петропавл Агро», the employer in North Kazakhstan whose vacancies a relocating seeker finds.
inline constexpr const char* kDemoNkoEmployerBin = "120940015272";

// Seeds when the store has no users; returns false (and changes nothing) otherwise.
Expected<bool> SeedDemo(storage::Database& db, Instant now);

}  // namespace jumys::demo
