#pragma once
// The route table: every route declares who may call it, and the OpenAPI document and the
// access tests are generated from the same table.
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
  kPublic,  // no session needed
  kSelf,    // the caller's own account
  kOffice,  // records of the caller's office, or oblast for oblast-level staff; applicants
            // see only their own
  kOblast,  // reference data of the caller's oblast
  kAny,     // not personal: any signed-in user
};
const char* ScopeName(Scope scope);

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
