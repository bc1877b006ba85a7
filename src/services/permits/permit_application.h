#pragma once
// The content of a foreign-labour permit application (S4a-S4e) and its checks: worker
// category, number of workers, NKZ occupation, KATO region and term; for intra-corporate
// transfers the host company and the transfer term; for reissue and extension the permit the
// request refers to.
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"

namespace jumys::permits {

inline constexpr const char* kIssue = "foreign-labour-permit";
inline constexpr const char* kReissue = "foreign-labour-permit-reissue";
inline constexpr const char* kExtension = "foreign-labour-permit-extension";
inline constexpr const char* kIct = "ict-permit";
inline constexpr const char* kIctRenewal = "ict-permit-renewal";

// The longest terms the law allows (seed 004): a permit 12 months, an intra-corporate
// transfer up to 3 years, extended once by at most a year.
inline constexpr int kMaxPermitMonths = 12;
inline constexpr int kMaxIctMonths = 36;
inline constexpr int kMaxWorkers = 1000;

struct Application {
  int category = 0;
  int workers = 0;
  std::string occupation;
  std::string region;
  int term_months = 0;
  std::string host_company;   // ICT
  std::string permit_number;  // reissue / extension
  std::string action;         // ict-permit-renewal: reissue | extend
  std::string reason;         // reissue: what changed
};

// 422 naming every field that is missing or makes no sense (details: one line each).
// `oblast_kato` is the providing office's oblast: the region must lie in it.
Expected<Application> ParseApplication(const std::string& process, const nlohmann::json& data,
                                       const std::string& oblast_kato);

// Whether `process` is one of S4a-S4e.
bool IsPermitProcess(const std::string& process);

}  // namespace jumys::permits
