#pragma once
// A reader for the simple CSV files the state bodies hand over: one record per line, fields
// separated by commas, no quoting. Line numbers are kept so a bad row can be named.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace jumys {

struct CsvRow {
  std::size_t line = 0;  // 1-based, counting blank lines too
  std::vector<std::string> cells;
};

// Cells are trimmed of surrounding spaces (and a trailing CR, for CRLF files).
std::vector<std::string> SplitCsvLine(std::string_view line);

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // The next non-blank line, or nullopt at the end of the text.
  std::optional<CsvRow> Next();

  // Reads the first non-blank line and checks it is exactly `header`. Unprocessable when the
  // text is empty or the header differs.
  Status ExpectHeader(const std::vector<std::string>& header);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
};

// A field as written: quoted only when it must be (RFC 4180).
std::string CsvField(std::string_view field);
// The fields quoted as needed, joined by commas, ended by CRLF.
std::string CsvLine(const std::vector<std::string>& fields);

// How a bad row is reported: a detail of the file's error whose field is "line 7", with the
// problem's key, params (and the line as {line}) and message.
ErrorDetail CsvLineProblem(std::size_t line, const Error& problem);

}  // namespace jumys
