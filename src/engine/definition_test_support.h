#pragma once
// Test helpers for definition files: a scratch tree with processes/ and reference/, and a
// small valid definition to mutate into bad ones. Header-only, for *_test.cpp files.
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include "core/time.h"

namespace jumys::testing {

inline Date Day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// `text` with the first `from` replaced by `to`; a `from` that is not there is the test's own
// mistake and fails it.
inline std::string Mutate(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  if (pos == std::string::npos) throw std::invalid_argument("no '" + from + "' in the text");
  return text.replace(pos, from.size(), to);
}

// The 1-based line of the n-th line of `text` containing `needle` (0 when absent).
inline int LineOf(const std::string& text, const std::string& needle, int nth = 1) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string row = text.substr(start, end == std::string::npos ? end : end - start);
    if (row.find(needle) != std::string::npos && --nth == 0) return line;
    if (end == std::string::npos) break;
    start = end + 1;
    ++line;
  }
  return 0;
}

class DefinitionTree {
 public:
  DefinitionTree() {
    std::random_device rd;
    root_ = std::filesystem::temp_directory_path() /
            ("jumys-defs-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(processes());
    std::filesystem::create_directories(reference() / "refusal-grounds");
  }
  ~DefinitionTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  DefinitionTree(const DefinitionTree&) = delete;
  DefinitionTree& operator=(const DefinitionTree&) = delete;

  std::filesystem::path processes() const { return root_ / "processes"; }
  std::filesystem::path reference() const { return root_ / "reference"; }

  // Writes processes/<code>/<version>.yaml and returns its path.
  std::filesystem::path Definition(const std::string& code, const std::string& version,
                                   const std::string& text) const {
    return Write(processes() / code / (version + ".yaml"), text);
  }
  std::filesystem::path Grounds(const std::string& code, const std::string& text) const {
    return Write(reference() / "refusal-grounds" / (code + ".yaml"), text);
  }

  static std::filesystem::path Write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

 private:
  std::filesystem::path root_;
};

// A complete, valid definition of process "demo": office channel, intake, appointment,
// review with a decision, signature.
inline std::string DemoDefinition(const std::string& version = "v1",
                                  const std::string& effective = "{from: 2020-01-01}") {
  return R"(code: demo
version: )" +
         version + R"(
status: active
title: {kk: Демо, ru: Демо, en: Demo}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: )" +
         effective + R"(
provider: centre
channels:
  office: {ref: "6.1", start: register}
intake:
  refusal: {result: acceptance_refusal, incomplete: incomplete_set, expired: expired_document}
  documents:
    - {type: application, required: true}
steps:
  - id: register
    ref: "6.2"
    role: office_clerk
    limit: 20min
    title: {kk: Тіркеу, ru: Регистрация, en: Register}
    outcomes:
      - {id: accepted, next: assign}
      - {id: refused_acceptance, end: acceptance_refusal, requires_grounds: true}
  - id: assign
    ref: "6.3"
    role: head
    limit: 20min
    assigns: executor
    title: {kk: Тағайындау, ru: Назначение, en: Assign}
    outcomes:
      - {id: assigned, next: review}
  - id: review
    ref: "6.4"
    role: executor
    limit: 30min
    guards: [has_employment_card]
    title: {kk: Қарау, ru: Рассмотрение, en: Review}
    outcomes:
      - {id: approve, decides: notification, effects: [upsert_employment_card], next: sign}
      - {id: refuse, decides: refusal, requires_grounds: true, next: sign}
  - id: sign
    ref: "6.5"
    role: head
    limit: 20min
    signature: required
    title: {kk: Қол қою, ru: Подпись, en: Sign}
    outcomes:
      - {id: signed, effects: [issue_result], end: decided}
)";
}

inline std::string DemoGrounds() {
  return R"(process: demo
grounds:
  - {code: incomplete_set, result: acceptance_refusal, item: "6.2", text: {kk: а, ru: б, en: c}}
  - {code: expired_document, result: acceptance_refusal, item: "6.2", text: {kk: а, ru: б, en: c}}
  - {code: unreliable_documents, result: refusal, item: "10", text: {kk: а, ru: б, en: c}}
)";
}

}  // namespace jumys::testing
