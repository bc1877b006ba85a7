// Health and the API's own description.
#include "http/api.h"
#include "http/json_io.h"

namespace jumys::http {

void AddSystemRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/healthz",
              Scope::kPublic,
              {},
              "Liveness: the store is open and migrated",
              {{"tags", {"system"}}, {"security", nlohmann::json::array()}},
              [](HttpRequest&, const Actor&) -> Expected<HttpResponse> {
                HttpResponse r;
                r.body = R"({"status":"ok"})";
                return r;
              }});
  router.Add({"GET",
              "/api/openapi.json",
              Scope::kPublic,
              {},
              "This OpenAPI 3.1 document",
              {{"tags", {"system"}}, {"security", nlohmann::json::array()}},
              [&router](HttpRequest&, const Actor&) -> Expected<HttpResponse> {
                return JsonResponse(200, OpenApiDocument(router));
              }});
}

}  // namespace jumys::http
