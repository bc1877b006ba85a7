#pragma once
// Reading ids from paths and paging parameters from queries, with the API's errors.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "http/http_types.h"

namespace jumys::http {

// A positive decimal id in path parameter `name`; anything else is 404 (no such resource).
Expected<std::int64_t> PathId(const HttpRequest& request, const char* name);

// Query parameter `limit`: 1..max_limit, `fallback` when absent; 400 otherwise.
Expected<int> QueryLimit(const HttpRequest& request, int fallback, int max_limit);

// A positive decimal id in query parameter `name`, 0 when absent; 400 otherwise.
Expected<std::int64_t> QueryId(const HttpRequest& request, const char* name);

// A required date (YYYY-MM-DD) in query parameter `name`; 400 when absent or malformed.
Expected<Date> QueryDate(const HttpRequest& request, const char* name);

}  // namespace jumys::http
