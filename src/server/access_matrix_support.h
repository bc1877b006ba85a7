#pragma once
// What the access-matrix walk (access_matrix_test.cpp) is made of: a demo account, the sample
// call of one route, and the offices whose staff a sample record is in scope for.
#include <functional>
#include <string>

#include "server/testing/api_harness.h"

namespace jumys::testing::access_matrix {

struct Account {
  std::string login;
  std::string office;  // "" for applicants
};

struct Sample {
  std::string target;
  std::string body;
  std::string content_type = "application/json";
  // A route whose call uses its resource up (completing a task) gets a fresh one per call.
  std::function<std::string()> fresh_target = {};
  // Replaces the scope rule for a route whose answer depends on more than the scope (filing
  // a case, completing a task, listing): checks the response of a caller the roles admit.
  std::function<void(const Account&, const http::HttpResponse&)> check = {};
  // A route whose path names a record: the same call for a record that does not exist.
  std::string missing_target = {};
  // Which accounts the sample record is in scope for; default: staff of the city centre and of
  // the oblast department (oblast-level staff), and no applicant.
  std::function<bool(const Account&)> in_scope = {};
  // A route whose body is used up (a signed single-use challenge) gets a fresh one per call.
  std::function<std::string()> fresh_body = {};
};

inline bool CityOrOblastStaff(const Account& a) {
  return a.office == "kzo-city" || a.office == "kzo-oblast";
}
inline bool OblastStaff(const Account& a) { return a.office == "kzo-oblast"; }
inline bool AnyStaff(const Account& a) { return !a.office.empty(); }

}  // namespace jumys::testing::access_matrix
