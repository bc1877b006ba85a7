#include "rendering/pdf_renderer.h"

#include "rendering/pdf_canvas.h"
#include "rendering/qr_code.h"

namespace jumys::rendering {
namespace {

const TextStyle kBody{10, false, false, Align::kLeft, 0};
const TextStyle kBold{10, true, false, Align::kLeft, 0};
const TextStyle kSmall{8, false, false, Align::kLeft, 0.2};
const TextStyle kSmallItalic{8, false, true, Align::kLeft, 0.25};
const TextStyle kTitle{13, true, false, Align::kCenter, 0};
const TextStyle kHeading{11, true, false, Align::kCenter, 0};

std::string Value(const std::map<std::string, std::string>& fields, const std::string& key) {
  auto it = fields.find(key);
  return it == fields.end() ? std::string() : it->second;
}

// The number printed at the top and in the footer: the registry number the app shows for the
// document, or the case number while there is none.
std::string DocumentNumber(const DocumentData& data) {
  const std::string number = Value(data.fields, "document_number");
  return number.empty() ? Value(data.fields, "case_number") : number;
}

// The printed value of a field in one language (a choice prints its text).
std::string Printed(const DocumentTemplate& tmpl, const std::string& key, bool kazakh,
                    const std::map<std::string, std::string>& fields) {
  const std::string value = Value(fields, key);
  auto spec = tmpl.fields.find(key);
  if (spec == tmpl.fields.end() || spec->second.choices.empty()) return value;
  auto choice = spec->second.choices.find(value);
  if (choice == spec->second.choices.end()) return value;
  return kazakh ? choice->second.kk : choice->second.ru;
}

Status CheckData(const DocumentTemplate& tmpl, const DocumentData& data) {
  std::vector<ErrorDetail> missing;
  for (const auto& [key, spec] : tmpl.fields) {
    const std::string value = Value(data.fields, key);
    if (value.empty()) {
      if (!spec.optional) missing.emplace_back(key, "field.required"_msg, "is required");
      continue;
    }
    if (!spec.choices.empty() && !spec.choices.count(value)) {
      std::string allowed;
      for (const auto& [choice, text] : spec.choices)
        allowed += (allowed.empty() ? "" : ", ") + choice;
      return FieldError(ErrorCode::kUnprocessable, key, "field.not_one_of"_msg,
                        "must be one of: {allowed}", {{"allowed", allowed}});
    }
  }
  if (!missing.empty()) {
    return Error::Unprocessable("document.lacks_fields"_msg,
                                "{kind} document lacks required fields", {{"kind", tmpl.kind}},
                                std::move(missing));
  }
  if (!tmpl.verifiable && data.eds) {
    return Error::Unprocessable("document.record_unsigned"_msg,
                                "{kind} is printed from a record and is never signed",
                                {{"kind", tmpl.kind}});
  }
  if (tmpl.verifiable && (data.verification_code.empty() || data.verification_url.empty())) {
    return Error::Unprocessable("document.needs_verification"_msg,
                                "document needs a verification code and URL");
  }
  if (data.grounds_kk.size() != data.grounds_ru.size()) {
    return Error::Unprocessable("document.grounds_languages"_msg,
                                "refusal grounds must be given in both kk and ru");
  }
  const bool grounds = tmpl.prints_grounds(data.fields);
  if (grounds && data.grounds_kk.empty()) {
    return Error::Unprocessable("document.needs_grounds"_msg,
                                "{kind} document must list at least one ground",
                                {{"kind", tmpl.kind}});
  }
  if (!grounds && !data.grounds_kk.empty()) {
    return Error::Unprocessable("document.no_grounds"_msg, "{kind} document does not list grounds",
                                {{"kind", tmpl.kind}});
  }
  return {};
}

void Letterhead(PdfCanvas& pdf, const DocumentData& data) {
  pdf.TwoColumns(Value(data.fields, "office_name_kk"), Value(data.fields, "office_name_ru"),
                 TextStyle{10, true, false, Align::kCenter, 0});
  pdf.Advance(6);
  pdf.HorizontalLine(pdf.left(), pdf.left() + pdf.width(), 1.5, false);
  pdf.Advance(3);
  pdf.HorizontalLine(pdf.left(), pdf.left() + pdf.width(), 0.5, false);
  pdf.Advance(8);
  const std::string number = "№ " + DocumentNumber(data);
  const std::string date = Value(data.fields, "issue_date");
  pdf.DrawText(number, pdf.left(), pdf.column_width(), kBody);
  pdf.DrawText(date, pdf.right_column_x(), pdf.column_width(),
               TextStyle{10, false, false, Align::kRight, 0});
  pdf.Advance(pdf.MeasureText(number, pdf.column_width(), kBody) + 4);
  if (!Value(data.fields, "document_number").empty()) {
    // The document has its own number: the case it belongs to is named, labelled.
    const std::string kase = "Іс / Дело № " + Value(data.fields, "case_number");
    pdf.Advance(pdf.DrawText(kase, pdf.left(), pdf.width(), kSmall));
  }
  pdf.Advance(10);
}

void Title(PdfCanvas& pdf, const DocumentTemplate& tmpl, const DocumentData& data) {
  for (bool kazakh : {true, false}) {
    const std::string text =
        FillText(tmpl, kazakh ? tmpl.title.kk : tmpl.title.ru, kazakh, data.fields);
    pdf.EnsureSpace(pdf.MeasureText(text, pdf.width(), kTitle));
    pdf.Advance(pdf.DrawText(text, pdf.left(), pdf.width(), kTitle) + 2);
  }
  pdf.Advance(10);
}

void Rows(PdfCanvas& pdf, const DocumentTemplate& tmpl, const DocumentData& data,
          const std::vector<std::string>& keys) {
  const double label_width = pdf.width() * 0.42;
  const double value_x = pdf.left() + label_width + 8;
  const double value_width = pdf.width() - label_width - 8;
  pdf.HorizontalLine(pdf.left(), pdf.left() + pdf.width(), 0.4, false);
  for (const std::string& key : keys) {
    const std::string value_kk = Printed(tmpl, key, true, data.fields);
    if (value_kk.empty()) continue;  // an absent optional field
    const std::string value_ru = Printed(tmpl, key, false, data.fields);
    const std::string value = value_kk == value_ru ? value_kk : value_kk + " / " + value_ru;
    const FieldSpec& spec = tmpl.fields.at(key);
    const std::string label = spec.label.kk + " / " + spec.label.ru;
    const double height = std::max(pdf.MeasureText(label, label_width, kSmall),
                                   pdf.MeasureText(value, value_width, kBody)) +
                          6;
    pdf.EnsureSpace(height);
    pdf.Advance(3);
    pdf.DrawText(label, pdf.left(), label_width, kSmall);
    pdf.DrawText(value, value_x, value_width, kBody);
    pdf.Advance(height - 3);
    pdf.HorizontalLine(pdf.left(), pdf.left() + pdf.width(), 0.4, false);
  }
  pdf.Advance(10);
}

// A header of the columns' labels, then a row per entry; each cell prints its value in both
// languages (once when they read the same), wrapped within the column.
void Table(PdfCanvas& pdf, const DocumentTemplate& tmpl, const DocumentData& data,
           const Block& block) {
  constexpr double kPad = 3;
  int shares = 0;
  for (int w : block.widths) shares += w;
  std::vector<double> xs, widths;
  double x = pdf.left();
  for (int w : block.widths) {
    const double width = pdf.width() * w / shares;
    xs.push_back(x + kPad);
    widths.push_back(width - 2 * kPad);
    x += width;
  }
  const auto row = [&](const std::vector<std::string>& cells, const TextStyle& style) {
    double height = 0;
    for (std::size_t i = 0; i < cells.size(); ++i)
      height = std::max(height, pdf.MeasureText(cells[i], widths[i], style));
    pdf.EnsureSpace(height + 2 * kPad);
    pdf.Advance(kPad);
    for (std::size_t i = 0; i < cells.size(); ++i) pdf.DrawText(cells[i], xs[i], widths[i], style);
    pdf.Advance(height + kPad);
    pdf.HorizontalLine(pdf.left(), pdf.left() + pdf.width(), 0.4, false);
  };
  std::vector<std::string> header;
  for (const auto& key : block.rows) {
    const FieldSpec& spec = tmpl.fields.at(key);
    header.push_back(spec.label.kk == spec.label.ru ? spec.label.kk
                                                    : spec.label.kk + " / " + spec.label.ru);
  }
  pdf.HorizontalLine(pdf.left(), pdf.left() + pdf.width(), 0.8, false);
  row(header, TextStyle{7.5, true, false, Align::kLeft, 0.2});
  for (const auto& values : data.table) {
    std::vector<std::string> cells;
    for (const auto& key : block.rows) {
      const std::string kk = Printed(tmpl, key, true, values);
      const std::string ru = Printed(tmpl, key, false, values);
      cells.push_back(kk == ru ? kk : kk + " / " + ru);
    }
    row(cells, TextStyle{8, false, false, Align::kLeft, 0.2});
  }
  pdf.Advance(10);
}

void Grounds(PdfCanvas& pdf, const Block& block, const DocumentData& data) {
  pdf.TwoColumns(block.text.kk + ":", block.text.ru + ":", kBold);
  pdf.Advance(4);
  for (size_t i = 0; i < data.grounds_kk.size(); ++i) {
    const std::string n = std::to_string(i + 1) + ". ";
    pdf.TwoColumns(n + data.grounds_kk[i], n + data.grounds_ru[i], kBody);
    pdf.Advance(4);
  }
  pdf.Advance(6);
}

void Cut(PdfCanvas& pdf, const Block& block) {
  pdf.EnsureSpace(40);
  pdf.Advance(8);
  pdf.HorizontalLine(pdf.left(), pdf.left() + pdf.width(), 0.8, true);
  pdf.Advance(2);
  pdf.Advance(pdf.DrawText("✂ " + block.text.kk + " / " + block.text.ru, pdf.left(), pdf.width(),
                           TextStyle{7, false, true, Align::kCenter, 0.3}) +
              10);
}

void Blocks(PdfCanvas& pdf, const DocumentTemplate& tmpl, const DocumentData& data) {
  for (const Block& block : tmpl.blocks) {
    if (!block.Shown(data.fields)) continue;
    switch (block.type) {
      case Block::Type::kText:
        pdf.TwoColumns(FillText(tmpl, block.text.kk, true, data.fields),
                       FillText(tmpl, block.text.ru, false, data.fields), kBody);
        pdf.Advance(10);
        break;
      case Block::Type::kHeading:
        pdf.EnsureSpace(40);
        for (const std::string* t : {&block.text.kk, &block.text.ru}) {
          pdf.Advance(pdf.DrawText(FillText(tmpl, *t, t == &block.text.kk, data.fields), pdf.left(),
                                   pdf.width(), kHeading) +
                      2);
        }
        pdf.Advance(8);
        break;
      case Block::Type::kRows:
        Rows(pdf, tmpl, data, block.rows);
        break;
      case Block::Type::kGrounds:
        Grounds(pdf, block, data);
        break;
      case Block::Type::kCut:
        Cut(pdf, block);
        break;
      case Block::Type::kTable:
        Table(pdf, tmpl, data, block);
        break;
    }
  }
}

Status SignatureAndVerification(PdfCanvas& pdf, const DocumentTemplate& tmpl,
                                const DocumentData& data) {
  const std::string source_kk =
      "Негіздеме: " + FillText(tmpl, tmpl.legal_source.kk, true, data.fields);
  const std::string source_ru =
      "Основание: " + FillText(tmpl, tmpl.legal_source.ru, false, data.fields);
  const double source_height =
      std::max(pdf.MeasureText(source_kk, pdf.column_width(), kSmallItalic),
               pdf.MeasureText(source_ru, pdf.column_width(), kSmallItalic));
  constexpr double kQrSide = 92;
  pdf.EnsureSpace(source_height + 70 + kQrSide);  // keep source, signer and QR together
  pdf.TwoColumns(source_kk, source_ru, kSmallItalic);
  pdf.Advance(18);

  // The signers' block only on a document they sign with EDS: an unsigned one names no one as
  // having signed it. Several parties each get their label, position and name, in order.
  if (data.eds) {
    const auto signer = [&](const std::string& position, const std::string& name) {
      const double height = pdf.DrawText(position, pdf.left(), pdf.column_width(), kBold);
      pdf.DrawText(name, pdf.right_column_x(), pdf.column_width(),
                   TextStyle{10, true, false, Align::kRight, 0});
      pdf.Advance(height + 16);
    };
    const std::string staff_position =
        Value(data.fields, "signer_position_kk") + "\n" + Value(data.fields, "signer_position_ru");
    if (tmpl.signers.empty()) signer(staff_position, Value(data.fields, "signer_name"));
    for (const Signer& s : tmpl.signers) {
      pdf.EnsureSpace(60);
      pdf.Advance(pdf.DrawText(s.label.kk + " / " + s.label.ru, pdf.left(), pdf.width(), kSmall) +
                  2);
      signer(s.position_field.empty() ? staff_position : Value(data.fields, s.position_field),
             Value(data.fields, s.name_field.empty() ? "signer_name" : s.name_field));
    }
  }
  if (!tmpl.verifiable) {
    pdf.Advance(
        pdf.DrawText("Құжатты ақпараттық жүйе өз жазбасынан қалыптастырды, ЭЦҚ-мен қол "
                     "қойылмаған.\nДокумент сформирован информационной системой по её "
                     "записи, ЭЦП не подписан.",
                     pdf.left(), pdf.width(), kSmall));
    return {};
  }

  JUMYS_ASSIGN_OR_RETURN(QrMatrix qr, EncodeQr(data.verification_url));
  const double module = kQrSide / (qr.size + 8);  // 4-module quiet zone each side
  const double qr_x = pdf.left() + 4 * module;
  const double qr_y = pdf.y() + 4 * module;
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (qr.at(x, y)) pdf.FillSquare(qr_x + x * module, qr_y + y * module, module * 1.02);
    }
  }
  const double text_x = pdf.left() + kQrSide + 10;
  const double text_width = pdf.width() - kQrSide - 10;
  pdf.Advance(6);
  // Only a document its signer signs with EDS says so; any other is the system's record.
  const std::string note =
      data.eds
          ? "Құжат электрондық цифрлық қолтаңбамен қол қойылған. Түпнұсқалығын QR-код немесе "
            "тексеру коды арқылы тексеруге болады.\nДокумент подписан электронной цифровой "
            "подписью. Подлинность можно проверить по QR-коду или коду проверки."
          : "Құжатты ақпараттық жүйе қалыптастырды, ЭЦҚ-мен қол қойылмаған. Түпнұсқалығын QR-код "
            "немесе тексеру коды арқылы тексеруге болады.\nДокумент сформирован информационной "
            "системой, ЭЦП не подписан. Подлинность можно проверить по QR-коду или коду "
            "проверки.";
  pdf.Advance(pdf.DrawText(note, text_x, text_width, kSmall) + 6);
  pdf.Advance(pdf.DrawText("Тексеру коды / Код проверки: " + data.verification_code, text_x,
                           text_width, kBold) +
              4);
  pdf.DrawText(data.verification_url, text_x, text_width, kSmall);
  return {};
}

}  // namespace

std::string FillText(const DocumentTemplate& tmpl, const std::string& text, bool kazakh,
                     const std::map<std::string, std::string>& fields) {
  std::string out;
  out.reserve(text.size() + 64);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      out.push_back('{');
      ++i;
      continue;
    }
    const size_t end = text.find('}', i + 1);
    if (end == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    out += Printed(tmpl, text.substr(i + 1, end - i - 1), kazakh, fields);
    i = end;
  }
  return out;
}

Expected<std::string> RenderPdf(const DocumentTemplates& templates, const DocumentData& data) {
  const DocumentTemplate* tmpl = templates.Find(data.kind);
  if (!tmpl) {
    return Error::Unprocessable("document.unknown_kind"_msg, "unknown document kind '{kind}'",
                                {{"kind", data.kind}});
  }
  JUMYS_TRY(CheckData(*tmpl, data));
  // Two passes when needed: the first counts the pages the footer of the second numbers.
  int total_pages = 1;
  for (int pass = 0; pass < 2; ++pass) {
    std::string pdf_bytes;
    PdfCanvas pdf(&pdf_bytes, FillText(*tmpl, tmpl->title.ru, false, data.fields), data.issued_at);
    pdf.SetPageFooter(
        "№ " + DocumentNumber(data) + (tmpl->verifiable ? "  ·  " + data.verification_code : ""),
        total_pages);
    Letterhead(pdf, data);
    Title(pdf, *tmpl, data);
    Blocks(pdf, *tmpl, data);
    JUMYS_TRY(SignatureAndVerification(pdf, *tmpl, data));
    total_pages = pdf.pages();
    JUMYS_TRY(pdf.Finish());
    if (total_pages == 1 || pass == 1) return pdf_bytes;
  }
  return Error::Internal("unreachable: RenderPdf passes");
}

}  // namespace jumys::rendering
