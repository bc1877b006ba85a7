#include "http/document_http.h"

#include "http/api.h"
#include "services/documents/document_service.h"

namespace jumys::http {

HttpResponse PdfResponse(const storage::DocumentFileRow& doc) {
  HttpResponse r;
  r.content_type = "application/pdf";
  r.body = doc.content;
  // Numbers are ASCII (office id, year, sequence): safe in the header as they are.
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + doc.number + ".pdf\"");
  r.headers.emplace_back("X-Document-SHA256", doc.sha256);
  r.headers.emplace_back("X-Verification-Code", doc.verification_code);
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

nlohmann::json PdfResponseDoc(const char* description) {
  return {{"200",
           {{"description", description},
            {"content", {{"application/pdf", nlohmann::json::object()}}}}}};
}

void MarkResultAvailability(const ApiContext& ctx, nlohmann::json& case_json,
                            const std::vector<storage::DocumentFileRow>& issued) {
  if (!ctx.documents || !case_json.contains("result") || !case_json["result"].is_object()) return;
  nlohmann::json& result = case_json["result"];
  const std::string url = result.value("document_url", "");
  for (const auto& d : issued) {
    if (!url.empty() && url.ends_with("/documents/" + std::to_string(d.registry_id))) return;
  }
  const std::string kind = result.value("kind", "");
  result["document_url"] = nullptr;
  result["document_unavailable"] = {
      {"reason", ctx.documents->HasPrintedForm(kind) ? "not_drawn" : "no_printed_form"}};
}

Status MarkResultAvailability(const ApiContext& ctx, nlohmann::json& case_json) {
  if (!ctx.documents || !case_json.contains("result") || !case_json["result"].is_object()) {
    return {};
  }
  JUMYS_ASSIGN_OR_RETURN(auto issued,
                         ctx.documents->ListCaseDocuments(case_json["id"].get<std::int64_t>()));
  MarkResultAvailability(ctx, case_json, issued);
  return {};
}

}  // namespace jumys::http
