#pragma once
// Decoding of the request target: percent-escapes in the path, form-style query strings.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jumys::http {

// Decodes %XX escapes; with plus_as_space also '+' -> ' ' (query strings). nullopt for a
// malformed escape or an encoded NUL, which no valid request needs.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space);

// "a=1&b=x%20y&c" -> {a:"1", b:"x y", c:""}; empty pairs are skipped and the first of
// repeated names wins. nullopt if any part is malformed.
std::optional<std::map<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace jumys::http
