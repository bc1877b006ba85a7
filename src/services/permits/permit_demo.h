#pragma once
// Demo data of the permit service (seed-demo): the Kyzylorda oblast quota for the current
// year, the oblast commission (secretary `commission`, member `member`), and one valid and one
// expired permit of the demo employer, so reissue and extension can be shown at once.
#include "core/error.h"
#include "core/time.h"

namespace jumys::storage {
class Tx;
}

namespace jumys::permits {

inline constexpr const char* kDemoValidPermit = "KZO-OBLAST-DEMO-P1";
inline constexpr const char* kDemoExpiredPermit = "KZO-OBLAST-DEMO-P2";
inline constexpr const char* kDemoIctPermit = "KZO-OBLAST-DEMO-P3";
// Workers the demo quota admits per category in the current year.
inline constexpr int kDemoQuota = 10;

Status SeedPermitDemo(storage::Tx& tx, Instant now, const std::string& employer_bin);

}  // namespace jumys::permits
