// Verification of the audit chain.
#include "http/api.h"
#include "http/json_io.h"
#include "services/audit/audit_service.h"

namespace jumys::http {

void AddAuditRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/audit/verify",
              Scope::kOblast,
              {Role::kAdmin},
              "Recompute the audit hash chain and report the first broken link",
              {{"tags", {"audit"}}},
              [&ctx](HttpRequest&, const Actor&) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto v, ctx.audit->Verify());
                nlohmann::json body = {{"ok", v.ok}, {"events", v.events}};
                if (!v.ok) {
                  body["broken_at"] = *v.broken_seq;
                  body["reason"] = v.reason;
                }
                return JsonResponse(200, body);
              }});
}

}  // namespace jumys::http
