#include "core/source_dir.h"

namespace jumys {

std::filesystem::path SourceDir() { return JUMYS_SOURCE_DIR; }

}  // namespace jumys
