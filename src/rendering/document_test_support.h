#pragma once
// Shared by the document tests (header only, so nothing test-only lands in jumys_lib): the
// repository's templates, sample values for every field, running the PDF command-line tools.
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/source_dir.h"
#include "core/testing/run_command.h"
#include "rendering/document_templates.h"
#include "rendering/pdf_renderer.h"
#include "rendering/verification_code.h"
#include "storage/testing/test_databases.h"

namespace jumys::rendering::testing {

using jumys::testing::RunCommand;

inline std::string TemplatesDir() { return (jumys::SourceDir() / "reference/documents").string(); }

// A complete DocumentData for `tmpl`: sample values for every field (the applicant's name uses
// every Kazakh-specific letter), two grounds when the template lists them, the first allowed
// value for fields with choices.
inline DocumentData SampleData(const DocumentTemplate& tmpl) {
  static const std::map<std::string, std::string> kSamples = {
      {"case_number", "KZO-2026-000123"},
      {"issue_date", "23.11.2026"},
      {"office_name_kk", "Қызылорда қаласының жұмыспен қамту орталығы"},
      {"office_name_ru", "Центр занятости населения города Кызылорды"},
      {"signer_name", "Әбдіғали Серікұлы Нұрмағанбетов"},
      {"signer_position_kk", "Орталық басшысы"},
      {"signer_position_ru", "Руководитель центра"},
      {"applicant_name", "Әлихан Ғабитұлы Қоңырбаев-Өтегенұлы Үмбетһі"},
      {"applicant_iin", "90********27"},
      {"applicant_id", "90********27"},
      {"employer_name", "«Сырдария Құрылыс» ЖШС"},
      {"employer_bin", "080540001238"},
      {"employer_address", "Қызылорда қ., Әйтеке би к-сі, 27"},
      {"position", "Электр дәнекерлеуші"},
      {"occupation", "Инженер-құрылысшы"},
      {"permit_number", "KZ-FL-2026-0042"},
      {"workers_count", "3"},
      {"work_region", "Қызылорда облысы"},
      {"valid_from", "01.12.2026"},
      {"valid_until", "30.11.2027"},
      {"service_kk", "Жұмыс іздеген адамдарды тіркеу"},
      {"service_ru", "Регистрация лиц, ищущих работу"},
      {"documents_list",
       "өтініш, жеке басын куәландыратын құжат / заявление, удостоверение личности"},
      {"clerk_name", "Гүлнәр Бақытқызы Сәрсенова"},
  };
  DocumentData data;
  data.kind = tmpl.kind;
  for (const auto& [key, spec] : tmpl.fields) {
    if (!spec.choices.empty()) {
      data.fields[key] = spec.choices.begin()->first;
    } else if (auto it = kSamples.find(key); it != kSamples.end()) {
      data.fields[key] = it->second;
    } else {
      data.fields[key] = "20.11.2026";  // the remaining fields are dates
    }
  }
  if (tmpl.prints_grounds(data.fields)) {
    data.grounds_kk = {"Құжаттардың анық еместігі анықталды", "Талаптарға сәйкес келмеу"};
    data.grounds_ru = {"Установлена недостоверность документов", "Несоответствие требованиям"};
  }
  data.verification_code = NewVerificationCode();
  data.verification_url = VerificationUrl("https://jumys.example.kz", data.verification_code);
  return data;
}

inline std::string WriteTempFile(const std::string& name, const std::string& bytes) {
  static const storage::TempDir dir;  // one per test process: ctest runs them in parallel
  const auto path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

// Collapses runs of whitespace into one space, so wrapped text compares as one line.
inline std::string Normalized(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// The text with every space removed: pdftotext sometimes splits a run of glyphs (a URL, a code)
// or drops the spaces around "/", so such runs are compared without spaces.
inline std::string WithoutSpaces(std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(),
                            [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
             text.end());
  return text;
}

}  // namespace jumys::rendering::testing
