#pragma once
// Request-body parsing with clear 400/422 errors, and JSON responses.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json_reader.h"
#include "http/http_types.h"

namespace jumys::http {

// Every JSON request body comes through here: ParseJson's limits (413 above kMaxJsonBytes,
// 400 deeper than kMaxJsonDepth), then 400 for malformed JSON or a body that is not an object.
Expected<nlohmann::json> ParseJsonObject(const std::string& body);

// A JsonReader over a request body (or an object in it): missing or mistyped fields are 400.
Expected<JsonReader> BodyReader(const nlohmann::json& object, std::string path = {});
Expected<JsonReader> BodyReader(const nlohmann::json&& object, std::string path = {}) = delete;

// Shorthands for BodyReader(object).String / OptionalString / Bool:
// 400 when missing (if required) or not a string; 422 when empty or longer than max_length.
Expected<std::string> RequiredString(const nlohmann::json& object, const char* key,
                                     std::size_t max_length = 200);
Expected<std::optional<std::string>> OptionalString(const nlohmann::json& object, const char* key,
                                                    std::size_t max_length = 200);
Expected<bool> RequiredBool(const nlohmann::json& object, const char* key);

HttpResponse JsonResponse(int status, const nlohmann::json& body);

// An amount of money as API.md writes it: {"amount": tiyn, "currency": "KZT"}.
inline nlohmann::json MoneyJson(std::int64_t tiyn) {
  return {{"amount", tiyn}, {"currency", "KZT"}};
}

// OpenAPI: a route's documentation with a required JSON object body of these properties.
nlohmann::json DocWithJsonBody(const char* tag, const std::vector<std::string>& required,
                               const nlohmann::json& properties);

}  // namespace jumys::http
