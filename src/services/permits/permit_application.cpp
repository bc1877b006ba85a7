#include "services/permits/permit_application.h"

namespace jumys::permits {

namespace {

Error Undeclared(const std::string& process, const char* key) {
  return Error::Internal(process + ": the application's data has no valid '" + key +
                         "': does the definition declare it required?");
}

Expected<int> Number(const std::string& process, const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  if (it == data.end() || !it->is_number_integer()) return Undeclared(process, key);
  return it->get<int>();
}

Expected<std::string> Text(const std::string& process, const nlohmann::json& data,
                           const char* key) {
  auto it = data.find(key);
  if (it == data.end() || !it->is_string()) return Undeclared(process, key);
  return it->get<std::string>();
}

}  // namespace

bool IsPermitProcess(const std::string& process) {
  return process == kIssue || process == kReissue || process == kExtension || process == kIct ||
         process == kIctRenewal;
}

Expected<Application> ParseApplication(const std::string& process, const nlohmann::json& data,
                                       const std::string& oblast_kato) {
  if (!IsPermitProcess(process)) return Error::Internal(process + " is not a permit process");
  if (!data.is_object()) return Error::Internal(process + ": the application's data is no object");
  Application a;
  if (process == kIssue || process == kIct) {
    JUMYS_ASSIGN_OR_RETURN(a.category, Number(process, data, "category"));
    JUMYS_ASSIGN_OR_RETURN(a.workers, Number(process, data, "workers"));
    JUMYS_ASSIGN_OR_RETURN(a.occupation, Text(process, data, "occupation"));
    JUMYS_ASSIGN_OR_RETURN(a.region, Text(process, data, "region"));
    if (process == kIssue) {
      JUMYS_ASSIGN_OR_RETURN(a.term_months, Number(process, data, "term_months"));
    } else {
      JUMYS_ASSIGN_OR_RETURN(a.host_company, Text(process, data, "host_company"));
      JUMYS_ASSIGN_OR_RETURN(a.term_months, Number(process, data, "transfer_term_months"));
    }
    // KATO codes begin with their oblast's two digits.
    if (a.region.compare(0, 2, oblast_kato, 0, 2) != 0) {
      return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {},
                                  {ErrorDetail("data.region", "permit.region_elsewhere"_msg,
                                               "{region} is not in this oblast ({oblast})",
                                               {{"region", a.region}, {"oblast", oblast_kato}})});
    }
    return a;
  }
  JUMYS_ASSIGN_OR_RETURN(a.permit_number, Text(process, data, "permit_number"));
  // Which of term and reason applies follows from the request (`when:` in S4e's definition).
  if (process == kIctRenewal) {
    JUMYS_ASSIGN_OR_RETURN(a.action, Text(process, data, "action"));
  }
  if (process == kExtension || a.action == "extend") {
    JUMYS_ASSIGN_OR_RETURN(a.term_months, Number(process, data, "term_months"));
  }
  if (process == kReissue || a.action == "reissue") {
    JUMYS_ASSIGN_OR_RETURN(a.reason, Text(process, data, "reason"));
  }
  return a;
}

}  // namespace jumys::permits
