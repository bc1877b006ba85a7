#pragma once
// How a document words what it prints: dates, masked identifiers, titles, the signer's position
// in kk/ru/en, initials, and the position of one acting by delegation.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace jumys::documents {

// "2026-11-23" -> "23.11.2026", as Kazakhstan's documents print dates.
std::string PrintedDate(const std::string& iso);
// "1 234 567,89" tenge from tiyn, as Kazakh documents print sums.
std::string Tenge(std::int64_t tiyn);
std::string MaskId(std::string_view id);
// English names for the verification page (the printed documents are kk/ru only).
std::string EnglishTitle(const std::string& kind);
std::string EnglishPosition(const std::string& role, bool oblast);
// A template title without its {field} placeholders.
std::string PlainTitle(std::string title);
// The signer's position as printed under the signature: kk, ru.
std::pair<std::string, std::string> Position(const std::string& role, bool oblast);
// "Бауыржан Қайратұлы Оспанов" -> "Б. Қ. Оспанов".
std::string ShortName(const std::string& full);
// The position of one acting in a delegated role, with whose delegation and for which period:
// kk, ru, en.
std::array<std::string, 3> ActingPosition(const std::string& role, bool oblast,
                                          const std::string& delegator_name,
                                          const std::string& from, const std::string& to);

}  // namespace jumys::documents
