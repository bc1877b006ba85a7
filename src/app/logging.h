#pragma once
// Logs are one JSON object per line: {"time","level","event":{...}}. Every message passed to
// spdlog must therefore be a JSON value; LogEvent builds one.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <string_view>

namespace jumys {

void SetupLogging(std::string_view level);
void LogEvent(spdlog::level::level_enum level, std::string_view event,
              nlohmann::json fields = nlohmann::json::object());

}  // namespace jumys
