#include "services/documents/document_wording.h"

#include <map>
#include <vector>

namespace jumys::documents {

// "2026-11-23" -> "23.11.2026", as Kazakhstan's documents print dates.
std::string Tenge(std::int64_t tiyn) {
  std::string whole = std::to_string(tiyn / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(i, " ");
  const int cents = static_cast<int>(tiyn % 100);
  return whole + "," + (cents < 10 ? "0" : "") + std::to_string(cents);
}

std::string PrintedDate(const std::string& iso) {
  if (iso.size() < 10) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string MaskId(std::string_view id) {
  std::string out(id);
  for (std::size_t i = 2; i + 2 < out.size(); ++i) out[i] = '*';
  return out;
}

// English names for the verification page (the printed documents are kk/ru only).
std::string EnglishTitle(const std::string& kind) {
  static const std::map<std::string, std::string> kTitles = {
      {"notification", "Notification of registration as a job seeker"},
      {"certificate", "Certificate of registration as unemployed"},
      {"referral_employment", "Referral to employment"},
      {"referral_youth_practice", "Referral to youth practice"},
      {"referral_social_jobs", "Referral to a social job"},
      {"referral_public_works", "Referral to public works"},
      {"refusal", "Reasoned refusal to provide the public service"},
      {"acceptance_refusal", "Refusal to accept the application"},
      {"coupon_receipt", "Receipt of the documents and tear-off coupon"},
      {"permit", "Permit to employ foreign labour"},
      {"decision_notice", "Notification of the decision taken"},
      {"subsidised_job_contract", "Contract on organising subsidised jobs"},
      {"special_workplace_contract",
       "Contract on organising special workplaces for persons with disabilities"},
      {"special_workplace_referral", "Referral to employment at a special workplace"},
      {"relocation_referral", "Referral to voluntary relocation within the oblast"},
      {"relocation_social_contract", "Tripartite social contract on voluntary relocation"},
      {"relocation_social_contract_bilateral", "Social contract on voluntary relocation"},
  };
  auto it = kTitles.find(kind);
  return it == kTitles.end() ? kind : it->second;
}

std::string EnglishPosition(const std::string& role, bool oblast) {
  if (role == "head") return oblast ? "Head of the department" : "Head of the centre";
  if (role == "executor") return "Responsible executor";
  if (role == "office_clerk") return "Office clerk";
  if (role == "system") return "The \"Labour market\" information system";
  return "Staff member";
}

// A template title without its {field} placeholders (the values are not kept): "Разрешение
// ... ({permit_variant})" reads "Разрешение ..."; "Договор № {contract_number} об ..." reads
// "Договор об ..." (the sign goes with its number).
std::string PlainTitle(std::string title) {
  static const std::string kNumberSign = "№ ";
  for (auto open = title.find('{'); open != std::string::npos; open = title.find('{')) {
    const auto close = title.find('}', open);
    if (close == std::string::npos) break;
    std::size_t from = open;
    if (from >= kNumberSign.size() &&
        title.compare(from - kNumberSign.size(), kNumberSign.size(), kNumberSign) == 0) {
      from -= kNumberSign.size();
    }
    title.erase(from, close - from + 1);
  }
  for (auto empty = title.find(" ()"); empty != std::string::npos; empty = title.find(" ()")) {
    title.erase(empty, 3);
  }
  for (auto twice = title.find("  "); twice != std::string::npos; twice = title.find("  ")) {
    title.erase(twice, 1);
  }
  while (!title.empty() && title.back() == ' ') title.pop_back();
  return title;
}

// The signer's position as printed under the signature.
std::pair<std::string, std::string> Position(const std::string& role, bool oblast) {
  if (role == "head") {
    return oblast
               ? std::pair<std::string, std::string>{"Басқарма басшысы", "Руководитель управления"}
               : std::pair<std::string, std::string>{"Орталық басшысы", "Руководитель центра"};
  }
  if (role == "executor") return {"Жауапты орындаушы", "Ответственный исполнитель"};
  if (role == "office_clerk") return {"Кеңсе қызметкері", "Работник канцелярии"};
  if (role == "system") return {"«Еңбек нарығы» ААЖ", "АИС «Рынок труда»"};
  return {"Қызметкер", "Сотрудник"};
}

// "Бауыржан Қайратұлы Оспанов" -> "Б. Қ. Оспанов": initials, then the surname (the last word).
std::string ShortName(const std::string& full) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < full.size()) {
    const auto end = full.find(' ', at);
    if (end != at) words.push_back(full.substr(at, end == std::string::npos ? end : end - at));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  if (words.size() < 2) return full;
  std::string out;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const unsigned char lead = static_cast<unsigned char>(words[i][0]);
    const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out += words[i].substr(0, len) + ". ";
  }
  return out + words.back();
}

// The position of one acting in a delegated role, with whose delegation and for which period,
// as printed under the signature and shown on the verification page: kk, ru, en.
std::array<std::string, 3> ActingPosition(const std::string& role, bool oblast,
                                          const std::string& delegator_name,
                                          const std::string& from, const std::string& to) {
  const std::string by = ShortName(delegator_name);
  const std::string period_kk = PrintedDate(from) + " – " + PrintedDate(to);
  std::string kk, ru, en;
  if (role == "head") {
    kk = oblast ? "Басқарма басшысының міндетін атқарушы" : "Орталық басшысының міндетін атқарушы";
    ru = oblast ? "Исполняющий обязанности руководителя управления"
                : "Исполняющий обязанности руководителя центра";
    en = oblast ? "Acting head of the department" : "Acting head of the centre";
  } else {
    const auto [own_kk, own_ru] = Position(role, oblast);
    kk = own_kk + " міндетін атқарушы";
    ru = "Исполняющий обязанности: " + own_ru;
    en = "Acting " + EnglishPosition(role, oblast);
  }
  kk += " (өкілеттік берген: " + by + ", " + period_kk + ")";
  ru += " (по поручению: " + by + ", с " + PrintedDate(from) + " по " + PrintedDate(to) + ")";
  en += " (by delegation of " + by + ", from " + PrintedDate(from) + " to " + PrintedDate(to) + ")";
  return {kk, ru, en};
}

}  // namespace jumys::documents
