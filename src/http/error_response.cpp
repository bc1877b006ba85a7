// ErrorResponse: the single Error -> HTTP mapping (docs/STYLE.md "Errors").
#include <nlohmann/json.hpp>

#include "http/server.h"

namespace jumys::http {

HttpResponse ErrorResponse(const Error& error) {
  const auto params = [](const MessageParams& values) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : values) out[name] = value;
    return out;
  };
  nlohmann::json details = nlohmann::json::array();
  for (const auto& d : error.details) {
    details.push_back(
        {{"field", d.field}, {"key", d.key}, {"params", params(d.params)}, {"message", d.message}});
  }
  const nlohmann::json body = {{"error",
                                {{"code", ErrorCodeName(error.code)},
                                 {"key", error.key},
                                 {"params", params(error.params)},
                                 {"message", error.message},
                                 {"details", details}}}};
  HttpResponse response;
  response.status = HttpStatus(error.code);
  response.content_type = "application/json";
  // error.internal is deliberately never read here: it is for logs only.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace jumys::http
