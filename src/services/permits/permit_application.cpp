#include "services/permits/permit_application.h"

#include <regex>
#include <vector>

#include "core/json_reader.h"

namespace jumys::permits {

namespace {

// Reads every field, collecting all problems so the clerk sees them at once.
class Reader {
 public:
  explicit Reader(const JsonReader& in) : in_(in) {}

  int Int(const char* key, int min, int max) {
    auto v = in_.Int(key, min, max);
    if (!v) {
      problems_.push_back(v.error().message);
      return 0;
    }
    return static_cast<int>(*v);
  }

  std::string Text(const char* key, const std::regex& pattern, const char* what) {
    auto v = in_.String(key, 1000);
    if (!v || !std::regex_match(*v, pattern)) {
      problems_.push_back(std::string(key) + ": required, " + what);
      return "";
    }
    return std::move(*v);
  }

  std::vector<std::string>& problems() { return problems_; }

 private:
  const JsonReader& in_;
  std::vector<std::string> problems_;
};

// NKZ (NK RK 01-2017): a 4-digit unit group, optionally with the occupation digit "NNNN-N".
const std::regex kNkz("[1-9][0-9]{3}(-[0-9])?");
const std::regex kKato("[0-9]{9}");
const std::regex kName("[^\\x00-\\x1f]{2,300}");
const std::regex kPermitNumber("[A-Z0-9-]{3,40}");
const std::regex kAction("reissue|extend");

}  // namespace

bool IsPermitProcess(const std::string& process) {
  return process == kIssue || process == kReissue || process == kExtension || process == kIct ||
         process == kIctRenewal;
}

Expected<Application> ParseApplication(const std::string& process, const nlohmann::json& data,
                                       const std::string& oblast_kato) {
  if (!IsPermitProcess(process)) return Error::Internal(process + " is not a permit process");
  auto fields = JsonReader::Of(data, "");
  if (!fields) return Error::Unprocessable("the application's data must be an object");
  Reader in(*fields);
  Application a;
  if (process == kIssue || process == kIct) {
    a.category = in.Int("category", 1, 4);
    a.workers = in.Int("workers", 1, kMaxWorkers);
    a.occupation = in.Text("occupation", kNkz, "an NKZ occupation code (NNNN or NNNN-N)");
    a.region = in.Text("region", kKato, "a 9-digit KATO code");
    if (!a.region.empty() && a.region.compare(0, 2, oblast_kato, 0, 2) != 0) {
      in.problems().push_back("region: " + a.region + " is not in this oblast (" + oblast_kato +
                              ")");
    }
    if (process == kIssue) {
      a.term_months = in.Int("term_months", 1, kMaxPermitMonths);
    } else {
      a.host_company = in.Text("host_company", kName, "the host company's name");
      a.term_months = in.Int("transfer_term_months", 1, kMaxIctMonths);
    }
  } else {
    a.permit_number = in.Text("permit_number", kPermitNumber, "the number of the permit");
    if (process == kIctRenewal) a.action = in.Text("action", kAction, "reissue or extend");
    const bool extends = process == kExtension || a.action == "extend";
    if (extends) a.term_months = in.Int("term_months", 1, kMaxPermitMonths);
    if (process == kReissue || a.action == "reissue") {
      a.reason = in.Text("reason", kName, "what changed (2-300 characters)");
    }
  }
  if (!in.problems().empty()) {
    return Error::Unprocessable("the application's content is not valid", in.problems());
  }
  return a;
}

}  // namespace jumys::permits
