#pragma once
// RFC 4648 base64 (standard alphabet, padded), as EDS signatures and stored files travel.
#include <optional>
#include <string>
#include <string_view>

namespace jumys {

std::string Base64Encode(std::string_view bytes);
// nullopt unless the text is padded base64 (whitespace between groups is ignored).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace jumys
