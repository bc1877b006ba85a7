// libFuzzer target: any bytes as an imported CSV file (the classifiers, bank statements) read
// line by line, its header checked, and written back field by field as the exports do. Nothing
// may crash; every cell is trimmed as promised, line numbers only grow, and a written field
// reads back as what was given. Links only core/csv.cpp and core/error.cpp.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/csv.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

// A field as CsvField wrote it, unquoted again (RFC 4180).
std::string Unquoted(const std::string& written) {
  if (written.empty() || written.front() != '"') return written;
  Check(written.size() >= 2 && written.back() == '"');
  std::string out;
  for (std::size_t i = 1; i + 1 < written.size(); ++i) {
    out += written[i];
    if (written[i] == '"') {
      Check(written[i + 1] == '"');
      ++i;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jumys::CsvReader reader(text);
  std::size_t last_line = 0;
  while (auto row = reader.Next()) {
    Check(row->line > last_line && !row->cells.empty());
    last_line = row->line;
    for (const auto& cell : row->cells) {
      Check(cell.find('\n') == std::string::npos);
      Check(cell.empty() || (cell.front() != ' ' && cell.back() != ' ' && cell.back() != '\r'));
    }
  }
  jumys::CsvReader header(text);
  if (auto checked = header.ExpectHeader({"code", "name_kk", "name_ru"}); !checked) {
    Check(checked.error().code == jumys::ErrorCode::kUnprocessable);
  }
  const std::string field(text);
  Check(Unquoted(jumys::CsvField(field)) == field);
  return 0;
}
