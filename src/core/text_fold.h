#pragma once
// Lower-casing of UTF-8 text for comparisons people expect to ignore case: ASCII, Latin-1,
// Cyrillic and the Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І). The stores' own lower() does only
// ASCII in SQLite, so the SQLite connection answers lower() with this (sqlite_connection.cpp)
// and a search by name is the same on both stores. Invalid UTF-8 is copied unchanged.
#include <string>
#include <string_view>

namespace jumys {

char32_t LowerCodePoint(char32_t c);
std::string LowerUtf8(std::string_view text);

}  // namespace jumys
