#include "rendering/pdf_canvas.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <chrono>

namespace jumys::rendering {
namespace {

// Noto Sans first; fontconfig falls back to DejaVu Sans when Noto is not installed.
constexpr char kFontFamily[] = "Noto Sans, DejaVu Sans";

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

PangoLayout* MakeLayout(cairo_t* cr, const std::string& text, double width,
                        const TextStyle& style) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string(kFontFamily);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                     : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                    : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
  return layout;
}

double LayoutHeight(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace

PdfCanvas::PdfCanvas(std::string* out, const std::string& title, Instant created) : out_(out) {
  surface_ = cairo_pdf_surface_create_for_stream(&Append, out_, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "jumys");
  if (created.time_since_epoch().count() != 0) {
    // Fixed creation date: the same document renders to the same bytes.
    const std::string date = FormatRfc3339(created);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  }
  cr_ = cairo_create(surface_);
}

PdfCanvas::~PdfCanvas() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

Status PdfCanvas::Finish() {
  if (finished_) return Error::Internal("PdfCanvas::Finish called twice");
  finished_ = true;
  EndPage();
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  const cairo_status_t status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error::Internal(std::string("cairo PDF: ") + cairo_status_to_string(status));
  }
  return {};
}

void PdfCanvas::EnsureSpace(double height) {
  if (y_ + height <= kHeight - kMargin || y_ <= kMargin) return;
  EndPage();
  ++page_;
  y_ = kMargin;
}

void PdfCanvas::SetPageFooter(std::string label, int total_pages) {
  footer_label_ = std::move(label);
  total_pages_ = total_pages;
}

void PdfCanvas::EndPage() {
  if (total_pages_ > 1) {
    const double saved = y_;
    y_ = kHeight - kMargin + 12;
    DrawText(footer_label_ + "    " + std::to_string(page_) + " / " + std::to_string(total_pages_),
             left(), width(), TextStyle{7, false, false, Align::kRight, 0.35});
    y_ = saved;
  }
  cairo_show_page(cr_);
}

double PdfCanvas::MeasureText(const std::string& text, double width, const TextStyle& style) {
  PangoLayout* layout = MakeLayout(cr_, text, width, style);
  const double height = LayoutHeight(layout);
  g_object_unref(layout);
  return height;
}

double PdfCanvas::DrawText(const std::string& text, double x, double width,
                           const TextStyle& style) {
  PangoLayout* layout = MakeLayout(cr_, text, width, style);
  cairo_set_source_rgb(cr_, style.gray, style.gray, style.gray);
  cairo_move_to(cr_, x, y_);
  pango_cairo_show_layout(cr_, layout);
  const double height = LayoutHeight(layout);
  g_object_unref(layout);
  return height;
}

void PdfCanvas::TwoColumns(const std::string& kk, const std::string& ru, const TextStyle& style) {
  const double height =
      std::max(MeasureText(kk, column_width(), style), MeasureText(ru, column_width(), style));
  EnsureSpace(height);
  DrawText(kk, left(), column_width(), style);
  DrawText(ru, right_column_x(), column_width(), style);
  y_ += height;
}

void PdfCanvas::HorizontalLine(double x1, double x2, double line_width, bool dashed) {
  cairo_save(cr_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_set_line_width(cr_, line_width);
  if (dashed) {
    const double dash[] = {4, 3};
    cairo_set_dash(cr_, dash, 2, 0);
  }
  cairo_move_to(cr_, x1, y_);
  cairo_line_to(cr_, x2, y_);
  cairo_stroke(cr_);
  cairo_restore(cr_);
}

void PdfCanvas::FillSquare(double x, double y, double side) {
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_rectangle(cr_, x, y, side, side);
  cairo_fill(cr_);
}

}  // namespace jumys::rendering
