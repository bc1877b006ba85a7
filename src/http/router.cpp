#include "http/router.h"

#include <stdexcept>

namespace jumys::http {

namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

const char* ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kPublic:
      return "public";
    case Scope::kSelf:
      return "self";
    case Scope::kOffice:
      return "office";
    case Scope::kOblast:
      return "oblast";
    case Scope::kAny:
      return "any";
    case Scope::kNational:
      return "national";
  }
  return "office";
}

const char* RecordName(Record record) {
  switch (record) {
    case Record::kNone:
      return "";
    case Record::kCase:
      return "case";
    case Record::kTask:
      return "task";
    case Record::kPerson:
      return "person";
    case Record::kEmployer:
      return "employer";
    case Record::kPermit:
      return "permit";
    case Record::kCommission:
      return "commission";
    case Record::kOffice:
      return "office";
    case Record::kUser:
      return "user";
    case Record::kTransfer:
      return "transfer";
    case Record::kDelegation:
      return "delegation";
    case Record::kEmployerUser:
      return "employer_user";
    case Record::kNotification:
      return "notification";
    case Record::kVacancy:
      return "vacancy";
    case Record::kPlacement:
      return "placement";
    case Record::kDecisionList:
      return "decision_list";
    case Record::kContract:
      return "contract";
    case Record::kPayment:
      return "payment";
    case Record::kPaymentBatch:
      return "payment_batch";
    case Record::kPaymentStatement:
      return "payment_statement";
    case Record::kActivity:
      return "activity";
  }
  return "";
}

void Router::Add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + route.pattern);
  }
  Compiled c;
  for (auto s : SplitPath(route.pattern)) c.segments.emplace_back(s);
  if (route.record.kind != Record::kNone &&
      route.pattern.find("{" + route.record.param + "}") == std::string::npos) {
    throw std::logic_error("route " + route.pattern + " names no parameter {" + route.record.param +
                           "}");
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(c));
}

const Route* Router::Match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params,
                           bool& method_mismatch) const {
  method_mismatch = false;
  if (path.empty() || path.front() != '/') return nullptr;
  const auto parts = SplitPath(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& segs = compiled_[i].segments;
    if (segs.size() != parts.size()) continue;
    bool ok = true;
    for (std::size_t k = 0; k < segs.size() && ok; ++k) {
      ok = IsParam(segs[k]) ? !parts[k].empty() : segs[k] == parts[k];
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      method_mismatch = true;
      continue;
    }
    params.clear();
    for (std::size_t k = 0; k < segs.size(); ++k) {
      if (IsParam(segs[k])) params[segs[k].substr(1, segs[k].size() - 2)] = std::string(parts[k]);
    }
    return &routes_[i];
  }
  return nullptr;
}

}  // namespace jumys::http
