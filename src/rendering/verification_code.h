#pragma once
// Verification codes printed on result documents and encoded in their QR (`/verify/{code}`).
#include <string>
#include <string_view>

namespace jumys::rendering {

// 16 characters of RFC 4648 base32 (A-Z, 2-7) from 80 random bits: unguessable, short
// enough to type from paper.
std::string NewVerificationCode();

// True for exactly 16 characters of that alphabet (upper case), what NewVerificationCode makes.
bool IsVerificationCode(std::string_view code);

// "<base_url>/verify/<code>" with one slash between, whatever base_url ends with.
std::string VerificationUrl(std::string_view base_url, std::string_view code);

}  // namespace jumys::rendering
