#pragma once
// The content of a foreign-labour permit application (S4a-S4e): worker category, number of
// workers, NKZ occupation, KATO region and term; for intra-corporate transfers the foreign
// company and the transfer term; for reissue and extension the permit the request refers to.
// The definitions declare these fields with their limits (`intake: fields:` in
// processes/*-permit*/), and the engine validates the data against them before any hook runs;
// what is left here is the rule a field cannot say.
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"

namespace jumys::permits {

inline constexpr const char* kIssue = "foreign-labour-permit";
inline constexpr const char* kReissue = "foreign-labour-permit-reissue";
inline constexpr const char* kExtension = "foreign-labour-permit-extension";
inline constexpr const char* kIct = "ict-permit";
inline constexpr const char* kIctRenewal = "ict-permit-renewal";

struct Application {
  int category = 0;
  int workers = 0;
  std::string occupation;
  std::string region;
  int term_months = 0;        // the permit's, the transfer's (ICT) or the extension's
  std::string host_company;   // ICT
  std::string permit_number;  // reissue / extension
  std::string action;         // ict-permit-renewal: reissue | extend
  std::string reason;         // reissue: what changed
};

// Reads the application's validated `data`. 422 (data.invalid, detail permit.region_elsewhere
// on data.region) when the region does not lie in `oblast_kato`, the providing office's oblast.
// A value the definition declares required but absent is an internal error: the definition
// and this code disagree.
Expected<Application> ParseApplication(const std::string& process, const nlohmann::json& data,
                                       const std::string& oblast_kato);

// Whether `process` is one of S4a-S4e.
bool IsPermitProcess(const std::string& process);

}  // namespace jumys::permits
