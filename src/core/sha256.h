#pragma once
// SHA-256 of arbitrary bytes as 64 lowercase hex characters (audit chain, token hashes), and
// the hex form it uses.
#include <string>
#include <string_view>

namespace jumys {

std::string Sha256Hex(std::string_view data);

// Bytes as lowercase hex.
std::string LowerHex(std::string_view bytes);

}  // namespace jumys
