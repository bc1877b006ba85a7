#pragma once
// A report as an Excel workbook (XLSX), through libxlsxwriter: named sheets of a header row and
// rows of text or whole numbers. What the SLA report exports for those who read it in Excel.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"

namespace jumys::rendering {

using XlsxCell = std::variant<std::string, std::int64_t>;

struct XlsxSheet {
  std::string name;  // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::vector<std::string> header;
  std::vector<std::vector<XlsxCell>> rows;
  // Rows above the header (what was asked, when it was read), then a blank row.
  std::vector<std::vector<std::string>> preamble = {};
};

// The workbook's bytes. The library writes to a file: a private temporary one, removed after.
Expected<std::string> XlsxWorkbook(const std::vector<XlsxSheet>& sheets);

}  // namespace jumys::rendering
