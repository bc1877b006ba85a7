#include "http/document_http.h"

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

}  // namespace jumys::http
