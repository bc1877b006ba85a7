#include "app/logging.h"

#include <spdlog/sinks/stdout_sinks.h>

namespace jumys {

void SetupLogging(std::string_view level) {
  auto logger = spdlog::stderr_logger_mt("jumys");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","event":%v})",
                      spdlog::pattern_time_type::utc);
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
}

void LogEvent(spdlog::level::level_enum level, std::string_view event, nlohmann::json fields) {
  fields["name"] = event;
  spdlog::log(level, "{}", fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace jumys
