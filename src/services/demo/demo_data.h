#pragma once
// Demo data for `seed-demo` / `serve --demo`: two employment centres and the oblast department
// of Kyzylorda oblast, the Petropavl centre and the oblast department of North Kazakhstan (the
// region a relocating job seeker moves to, P1), the accounts listed in README.md (password
// "demo"), people and employers with valid identifiers.
#include <nlohmann/json.hpp>

#include "core/time.h"
#include "storage/database.h"

namespace jumys::demo {

inline constexpr const char* kDemoPassword = "demo";
inline constexpr const char* kDemoSeekerIin = "900515300127";
inline constexpr const char* kDemoEmployerBin = "080540001238";
// The demo job seeker's wife and son, registered in Kyzylorda: the family of a relocation (P1).
inline constexpr const char* kDemoSpouseIin = "920308402613";
inline constexpr const char* kDemoChildIin = "160921503849";
// The job seeker whose relocation from Kyzylorda to Petropavl the demo timeline has carried to
// its social contract (P1 route A), his wife and daughter: an account of their own, so the demo
// seeker's card and history stay as the walk-throughs expect.
inline constexpr const char* kDemoMoverIin = "870414300010";
inline constexpr const char* kDemoMoverSpouseIin = "891002400013";
inline constexpr const char* kDemoMoverChildIin = "150603600017";
// «Петропавл Агро», the employer in North Kazakhstan whose vacancies a relocating seeker finds.
inline constexpr const char* kDemoNkoEmployerBin = "120940015272";

// «Арал Балық»'s requisites as its cabinet files them with an application (P2 1.1, P1's
// employers): legal name and address, IBAN, bank and signatory.
nlohmann::json DemoEmployerRequisites();

// Seeds when the store has no users; returns false (and changes nothing) otherwise.
Expected<bool> SeedDemo(storage::Database& db, Instant now);

}  // namespace jumys::demo
