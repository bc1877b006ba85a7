#include "rendering/xlsx_workbook.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jumys::rendering {

Expected<std::string> XlsxWorkbook(const std::vector<XlsxSheet>& sheets) {
  std::string path = (std::filesystem::temp_directory_path() / "jumys-xlsx-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Error::Internal("xlsx: no temporary file");
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove{path};

  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Error::Internal("xlsx: workbook_new failed");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
    if (!ws) {
      workbook_close(book);
      return Error::Internal("xlsx: bad sheet name " + sheet.name);
    }
    for (std::size_t r = 0; r < sheet.preamble.size(); ++r) {
      for (std::size_t c = 0; c < sheet.preamble[r].size(); ++c) {
        worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                               sheet.preamble[r][c].c_str(), c == 0 ? bold : nullptr);
      }
    }
    const auto header_row =
        static_cast<lxw_row_t>(sheet.preamble.empty() ? 0 : sheet.preamble.size() + 1);
    for (std::size_t c = 0; c < sheet.header.size(); ++c) {
      worksheet_write_string(ws, header_row, static_cast<lxw_col_t>(c), sheet.header[c].c_str(),
                             bold);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 18, nullptr);
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(header_row + 1 + r);
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const XlsxCell& cell = sheet.rows[r][c];
        if (const auto* n = std::get_if<std::int64_t>(&cell)) {
          worksheet_write_number(ws, row, col, static_cast<double>(*n), nullptr);
        } else {
          worksheet_write_string(ws, row, col, std::get<std::string>(cell).c_str(), nullptr);
        }
      }
    }
    worksheet_freeze_panes(ws, header_row + 1, 0);
  }
  if (lxw_error e = workbook_close(book); e != LXW_NO_ERROR) {
    return Error::Internal(std::string("xlsx: ") + lxw_strerror(e));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace jumys::rendering
