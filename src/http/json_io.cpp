#include "http/json_io.h"

namespace jumys::http {

Expected<nlohmann::json> ParseJsonObject(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Error::Invalid("request body is not valid JSON");
  if (!parsed.is_object()) return Error::Invalid("request body must be a JSON object");
  return parsed;
}

Expected<std::optional<std::string>> OptionalString(const nlohmann::json& object, const char* key,
                                                    std::size_t max_length) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return Error::Invalid(std::string("'") + key + "' must be a string");
  auto value = it->get<std::string>();
  if (value.size() > max_length) {
    return Error::Unprocessable(std::string("'") + key + "' is longer than " +
                                std::to_string(max_length) + " bytes");
  }
  return std::optional<std::string>{std::move(value)};
}

Expected<std::string> RequiredString(const nlohmann::json& object, const char* key,
                                     std::size_t max_length) {
  JUMYS_ASSIGN_OR_RETURN(auto value, OptionalString(object, key, max_length));
  if (!value) return Error::Invalid(std::string("'") + key + "' is required");
  if (value->empty()) return Error::Unprocessable(std::string("'") + key + "' must not be empty");
  return std::move(*value);
}

Expected<bool> RequiredBool(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return Error::Invalid(std::string("'") + key + "' is required");
  if (!it->is_boolean()) return Error::Invalid(std::string("'") + key + "' must be true or false");
  return it->get<bool>();
}

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

nlohmann::json DocWithJsonBody(const char* tag, const std::vector<std::string>& required,
                               const nlohmann::json& properties) {
  const nlohmann::json schema = {
      {"type", "object"}, {"required", required}, {"properties", properties}};
  return {{"tags", {tag}},
          {"requestBody",
           {{"required", true}, {"content", {{"application/json", {{"schema", schema}}}}}}}};
}

}  // namespace jumys::http
