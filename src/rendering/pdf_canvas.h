#pragma once
// A4 PDF drawing surface for result documents: pango text (Noto/DejaVu, full Kazakh Cyrillic
// shaping), lines, filled squares, and a cursor that starts a new page when the next piece
// does not fit. All units are PostScript points.
#include <memory>
#include <string>

#include "core/error.h"
#include "core/time.h"

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace jumys::rendering {

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  double size = 10;
  bool bold = false;
  bool italic = false;
  Align align = Align::kLeft;
  double gray = 0;  // 0 black .. 1 white
};

class PdfCanvas {
 public:
  // Writes into *out; title and creation date go into the PDF metadata.
  PdfCanvas(std::string* out, const std::string& title, Instant created);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  // Flushes and closes the PDF; the bytes are in *out afterwards.
  Status Finish();

  // Footer printed on every page when the document has more than one: "<label>  n / total".
  void SetPageFooter(std::string label, int total_pages);
  int pages() const { return page_; }

  double left() const { return kMargin; }
  double width() const { return kWidth - 2 * kMargin; }
  double column_width() const { return (width() - kGutter) / 2; }
  double right_column_x() const { return kMargin + column_width() + kGutter; }
  double y() const { return y_; }
  void Advance(double dy) { y_ += dy; }
  // Starts a new page unless `height` more points fit above the bottom margin.
  void EnsureSpace(double height);

  double MeasureText(const std::string& text, double width, const TextStyle& style);
  // Draws at the cursor without moving it; returns the height used.
  double DrawText(const std::string& text, double x, double width, const TextStyle& style);
  // Kazakh on the left, Russian on the right, then moves the cursor below the taller one.
  void TwoColumns(const std::string& kk, const std::string& ru, const TextStyle& style);
  void HorizontalLine(double x1, double x2, double line_width, bool dashed);
  void FillSquare(double x, double y, double side);

 private:
  static constexpr double kWidth = 595.28;
  static constexpr double kHeight = 841.89;
  static constexpr double kMargin = 48;
  static constexpr double kGutter = 24;

  std::string* out_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  void EndPage();

  double y_ = kMargin;
  bool finished_ = false;
  int page_ = 1;
  int total_pages_ = 0;
  std::string footer_label_;
};

}  // namespace jumys::rendering
