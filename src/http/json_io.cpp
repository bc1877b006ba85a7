#include "http/json_io.h"

namespace jumys::http {

Expected<nlohmann::json> ParseJsonObject(const std::string& body) {
  JUMYS_ASSIGN_OR_RETURN(auto parsed, ParseJson(body, "request body"));
  if (!parsed.is_object()) {
    return Error::Invalid("request.not_object"_msg, "request body must be a JSON object");
  }
  return parsed;
}

Expected<JsonReader> BodyReader(const nlohmann::json& object, std::string path) {
  return JsonReader::Of(object, std::move(path), ErrorCode::kInvalidInput);
}

Expected<std::optional<std::string>> OptionalString(const nlohmann::json& object, const char* key,
                                                    std::size_t max_length) {
  JUMYS_ASSIGN_OR_RETURN(auto in, BodyReader(object));
  return in.OptionalString(key, max_length);
}

Expected<std::string> RequiredString(const nlohmann::json& object, const char* key,
                                     std::size_t max_length) {
  JUMYS_ASSIGN_OR_RETURN(auto in, BodyReader(object));
  return in.String(key, max_length);
}

Expected<bool> RequiredBool(const nlohmann::json& object, const char* key) {
  JUMYS_ASSIGN_OR_RETURN(auto in, BodyReader(object));
  return in.Bool(key);
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
