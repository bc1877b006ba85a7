#pragma once
// QR code of a verification URL, as a square matrix of modules (libqrencode, level M).
#include <string>
#include <vector>

#include "core/error.h"

namespace jumys::rendering {

struct QrMatrix {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // row-major, size * size
  bool at(int x, int y) const { return dark[static_cast<size_t>(y * size + x)]; }
};

Expected<QrMatrix> EncodeQr(const std::string& text);

}  // namespace jumys::rendering
