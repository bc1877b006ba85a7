// The OpenAPI 3.1 document is generated from the route table, so it cannot drift from it.
#include "http/api.h"
#include "http/field_json.h"

namespace jumys::http {

namespace {

std::string OperationId(const Route& route) {
  std::string id;
  for (char c : route.method) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool upper = true;
  for (char c : route.pattern) {
    if (c == '/' || c == '{' || c == '}' || c == '-' || c == '.' || c == '_') {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return id;
}

nlohmann::json ErrorResponseDoc(const char* description) {
  return {
      {"description", description},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

// Every operation states its scope in words, from the same table the router enforces.
std::string ScopeText(const Route& route) {
  std::string text;
  switch (route.scope) {
    case Scope::kPublic:
      return "Scope: public, no session needed.";
    case Scope::kSelf:
      text = "Scope: the caller's own account or work.";
      break;
    case Scope::kOffice:
      text =
          "Scope: records of the caller's office (all offices of the oblast for oblast-level "
          "staff); an applicant's own records only.";
      break;
    case Scope::kOblast:
      text = "Scope: reference data of the caller's oblast.";
      break;
    case Scope::kAny:
      text = "Scope: any signed-in user (not personal data).";
      break;
    case Scope::kNational:
      text = "Scope: national reference data, the same for every office.";
      break;
  }
  if (route.record.kind != Record::kNone) {
    text += std::string(" The router checks the ") + RecordName(route.record.kind) + " {" +
            route.record.param +
            "} before anything else: missing or outside the caller's scope answers 404 (the "
            "same answer for both); inside the scope a role not listed in x-roles answers 403.";
  } else if (!route.roles.empty()) {
    text += " A role not listed in x-roles answers 403.";
  }
  return text;
}

}  // namespace

nlohmann::json OpenApiDocument(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& route : router.routes()) {
    nlohmann::json op = {{"summary", route.summary},
                         {"operationId", OperationId(route)},
                         {"description", ScopeText(route)},
                         {"x-scope", ScopeName(route.scope)}};
    if (route.record.kind != Record::kNone) {
      op["x-record"] = {{"kind", RecordName(route.record.kind)}, {"param", route.record.param}};
    }
    nlohmann::json roles = nlohmann::json::array();
    for (Role r : route.roles.ToVector()) roles.push_back(RoleName(r));
    op["x-roles"] = roles;
    nlohmann::json params = nlohmann::json::array();
    for (std::size_t open = route.pattern.find('{'); open != std::string::npos;
         open = route.pattern.find('{', open + 1)) {
      auto close = route.pattern.find('}', open);
      params.push_back({{"name", route.pattern.substr(open + 1, close - open - 1)},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    if (auto extra = route.doc.find("parameters"); extra != route.doc.end()) {
      for (const auto& p : *extra) params.push_back(p);  // query parameters join the path's
    }
    if (!params.empty()) op["parameters"] = params;
    op["responses"] = {{"200", {{"description", "OK"}}},
                       {"400", ErrorResponseDoc("Malformed request")},
                       {"422", ErrorResponseDoc("Rejected input")},
                       {"500", ErrorResponseDoc("Internal error")}};
    if (route.scope != Scope::kPublic) {
      op["responses"]["401"] = ErrorResponseDoc("Not signed in");
      op["responses"]["403"] = ErrorResponseDoc("In the caller's scope, but their role may not");
      op["responses"]["404"] =
          ErrorResponseDoc("Not found, or outside the caller's scope (the same answer)");
    }
    for (const auto& [key, value] : route.doc.items()) {
      if (key == "responses") {
        for (const auto& [status, response] : value.items())
          op[key][status] = response;  // a PDF 200
      } else if (key != "parameters") {
        op[key] = value;
      }
    }
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.pattern][method] = op;
  }
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "jumys"},
        {"version", "1"},
        {"description",
         "The information system of Kazakhstan's public employment centres. Errors: "
         "{\"error\":{\"code\",\"key\",\"params\",\"message\",\"details\":[{\"field\","
         "\"key\",\"params\",\"message\"}]}}: show a message by its key and params in the "
         "user's language, the English message when the key is unknown. Authorisation: "
         "401 without a valid session; a record outside the caller's scope (another office, "
         "another applicant) answers 404 exactly as a missing record, whatever the caller's "
         "role; inside the scope a role the operation does not admit answers 403. Each "
         "operation's description, x-scope and x-record say which records are in scope."}}},
      {"servers", {{{"url", "/"}}}},
      {"security", {{{"bearer", nlohmann::json::array()}}, {{"cookie", nlohmann::json::array()}}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", kSessionCookie},
            {"description",
             "Set by sign-in: jumys_session over plain HTTP, __Host-jumys_session (Secure) over "
             "TLS. A POST, PUT, PATCH or DELETE with the cookie must come from the same origin "
             "(Origin, or Sec-Fetch-Site: same-origin; else 403 request.cross_site) and be "
             "application/json (else 415 request.json_required); a declared file upload "
             "(a non-JSON request body) instead needs X-Requested-With: jumys."}}}}},
        {"schemas",
         {{"MessageParams",
           {{"type", "object"},
            {"description",
             "The values the message's text names as {name}; a translation fills in the same "
             "names."},
            {"additionalProperties", {{"type", "string"}}}}},
          {"ErrorDetail",
           {{"type", "object"},
            {"description", "One problem, with one field of the request when it is about one"},
            {"required", {"field", "key", "params", "message"}},
            {"properties",
             {{"field",
               {{"type", "string"},
                {"description",
                 "Path of the field (\"iin\", \"documents[1].valid_until\", "
                 "\"data.payment.amount\"); empty for the request as a whole"}}},
              {"key", {{"type", "string"}, {"description", "Stable message key"}}},
              {"params", {{"$ref", "#/components/schemas/MessageParams"}}},
              {"message", {{"type", "string"}, {"description", "English text"}}}}}}},
          {"Field", FieldSchema()},
          {"Task", TaskSchema()},
          {"Error",
           {{"type", "object"},
            {"required", {"error"}},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"required", {"code", "key", "params", "message", "details"}},
                {"properties",
                 {{"code",
                   {{"type", "string"},
                    {"enum",
                     {"invalid_input", "unauthenticated", "forbidden", "not_found", "conflict",
                      "rate_limited", "internal"}}}},
                  {"key",
                   {{"type", "string"},
                    {"description",
                     "Stable message key (\"iin.century\", \"task.not_open\"): lower-case words "
                     "joined by dots"}}},
                  {"params", {{"$ref", "#/components/schemas/MessageParams"}}},
                  {"message", {{"type", "string"}, {"description", "English text"}}},
                  {"details",
                   {{"type", "array"},
                    {"items", {{"$ref", "#/components/schemas/ErrorDetail"}}}}}}}}}}}}}}}}}};
}

}  // namespace jumys::http
