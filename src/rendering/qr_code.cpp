#include "rendering/qr_code.h"

#include <qrencode.h>

#include <memory>

namespace jumys::rendering {

Expected<QrMatrix> EncodeQr(const std::string& text) {
  if (text.empty()) return Error::Unprocessable("qr.empty"_msg, "QR code: empty text");
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return Error::Unprocessable("qr.too_long"_msg, "QR code: text too long to encode");
  QrMatrix out;
  out.size = code->width;
  out.dark.resize(static_cast<size_t>(out.size * out.size));
  for (int i = 0; i < out.size * out.size; ++i)
    out.dark[static_cast<size_t>(i)] = code->data[i] & 1;
  return out;
}

}  // namespace jumys::rendering
