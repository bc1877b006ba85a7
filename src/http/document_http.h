#pragma once
// A stored document as an HTTP response: the PDF bytes with their digest and verification code.
#include <nlohmann/json.hpp>

#include "http/http_types.h"
#include "storage/repositories/document_repository.h"

namespace jumys::http {

HttpResponse PdfResponse(const storage::DocumentFileRow& doc);
// The OpenAPI "responses" of a route answering a PDF.
nlohmann::json PdfResponseDoc(const char* description);

}  // namespace jumys::http
