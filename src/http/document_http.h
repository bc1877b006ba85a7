#pragma once
// A stored document as an HTTP response: the PDF bytes with their digest and verification code.
#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.h"
#include "http/http_types.h"
#include "storage/repositories/document_repository.h"

namespace jumys::http {

HttpResponse PdfResponse(const storage::DocumentFileRow& doc);
// The OpenAPI "responses" of a route answering a PDF.
nlohmann::json PdfResponseDoc(const char* description);

struct ApiContext;
// A case's JSON whose result has no stored file to hand over (`issued`: the case's issued
// files): no document_url that would answer 404, and "document_unavailable": {"reason"} —
// no_printed_form (a kind without a template, e.g. a deregistration) or not_drawn.
void MarkResultAvailability(const ApiContext& ctx, nlohmann::json& case_json,
                            const std::vector<storage::DocumentFileRow>& issued);
// The same, reading the case's issued files first.
Status MarkResultAvailability(const ApiContext& ctx, nlohmann::json& case_json);

}  // namespace jumys::http
