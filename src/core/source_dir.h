#pragma once
// The checkout the binary was built from: the default place of processes/, reference/ and
// web/dist. Only source_dir.cpp sees the path, so every other object file is the same
// whichever directory it was built in (and the compiler cache shares it between checkouts).
#include <filesystem>

namespace jumys {

std::filesystem::path SourceDir();

}  // namespace jumys
