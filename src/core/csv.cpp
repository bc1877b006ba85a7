#include "core/csv.h"

namespace jumys {

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto comma = line.find(',', start);
    auto cell = line.substr(start, comma == std::string_view::npos ? line.npos : comma - start);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r')) cell.remove_suffix(1);
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    out.emplace_back(cell);
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

std::optional<CsvRow> CsvReader::Next() {
  while (pos_ < text_.size()) {
    auto nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    std::string_view line = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    ++line_;
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
    return CsvRow{line_, SplitCsvLine(line)};
  }
  return std::nullopt;
}

Status CsvReader::ExpectHeader(const std::vector<std::string>& header) {
  auto first = Next();
  if (!first) return Error::Unprocessable("csv.empty"_msg, "the file is empty");
  if (first->cells != header) {
    std::string joined;
    for (const auto& h : header) joined += (joined.empty() ? "" : ",") + h;
    return Error::Unprocessable("csv.header"_msg, "the first line must be the header {header}",
                                {{"header", joined}});
  }
  return {};
}

ErrorDetail CsvLineProblem(std::size_t line, const Error& problem) {
  ErrorDetail detail;
  detail.field = "line " + std::to_string(line);
  detail.key = problem.key;
  detail.params = problem.params;
  detail.params.emplace_back("line", std::to_string(line));
  detail.message = problem.message;
  return detail;
}

std::string CsvField(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + CsvField(fields[i]);
  return out + "\r\n";
}

}  // namespace jumys
