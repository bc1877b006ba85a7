#pragma once
// The route table: every route declares who may call it and, when its path names a record,
// which record, so that the router checks the caller's scope before any handler runs. The
// OpenAPI document and the access matrix test are generated from the same table.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/actor.h"
#include "http/http_types.h"

namespace jumys::http {

// What, beyond the roles, limits the records a route returns.
enum class Scope {
  kPublic,    // no session needed
  kSelf,      // the caller's own account
  kOffice,    // records of the caller's office, or oblast for oblast-level staff; applicants
              // see only their own
  kOblast,    // reference data of the caller's oblast
  kAny,       // not personal: any signed-in user
  kNational,  // national reference data (the working calendar): the same for everyone
};
const char* ScopeName(Scope scope);

// The kind of record a path parameter names. The router finds the record's owner (offices,
// applicant) from it before the handler runs (http/record_scope.h): a record outside the
// caller's scope answers 404 exactly as a missing one, and only then is the role checked.
enum class Record {
  kNone,
  kCase,              // case id: the case's office, its tasks' offices, its applicant
  kTask,              // task id: the task's office, the applicant of its case
  kPerson,            // IIN: the person's office (and their employment card's), the person
  kEmployer,          // BIN: the employer's office, the employer
  kPermit,            // permit number: the issuing office, the employer holding it
  kCommission,        // commission id: the commission's office
  kOffice,            // office id: that office
  kUser,              // staff login: the user's office
  kTransfer,          // transfer request id: the owning office that answers it
  kDelegation,        // delegation id: the office it was made at
  kEmployerUser,      // an employer user's login: the employer (BIN)
  kNotification,      // notification id: the office of the case or task it is about
  kVacancy,           // vacancy id: the vacancy's office, its employer
  kPlacement,         // placement id: the case's and the vacancy's office, the person, the employer
  kDecisionList,      // decision list id: the office whose list it is
  kContract,          // contract id: the customer's office, the contractor (BIN)
  kPayment,           // payment order id: the paying office, the payee (IIN or BIN)
  kPaymentBatch,      // payment batch id: the paying office
  kPaymentStatement,  // imported statement id: the importing office
  kActivity,          // programme activity id: the office that held it
};
const char* RecordName(Record record);

struct RecordParam {
  Record kind = Record::kNone;
  std::string param;  // the path parameter, "id" for "/api/v1/cases/{id}"
};

using RouteHandler =
    std::function<Expected<HttpResponse>(HttpRequest& request, const Actor& actor)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/people/{iin}"
  Scope scope = Scope::kOffice;
  RoleSet roles;  // empty: any signed-in user
  std::string summary;
  nlohmann::json doc = nlohmann::json::object();  // OpenAPI operation fields to merge
  RouteHandler handler;
  // The record the path names, checked by the router; {} for a route without one.
  RecordParam record = {};
};

class Router {
 public:
  void Add(Route route);
  // The route for method+path with its path parameters, or nullptr.
  // method_mismatch is set when the path exists under another method.
  const Route* Match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>& params, bool& method_mismatch) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" for a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace jumys::http
