#pragma once
// `jumys import-reference --kind nkz|kato --file X.csv` (docs/REFERENCE_DATA.md): the import
// with a progress bar on a terminal and one summary line.
#include <cstddef>
#include <iosfwd>
#include <string>

#include "core/time.h"
#include "storage/database.h"

namespace jumys::reference {

// "[#########...........]  45%  450/1000 rows" in `width` cells of bar.
std::string ProgressBar(std::size_t done, std::size_t total, int width = 30);

// Reads `file`, imports it as `kind`; the summary goes to `out`. With `tty` the bar is redrawn
// on `err` (carriage returns) as rows are applied; without it `err` gets nothing but a failure.
// Returns the exit code: 0, or 1 with one line "jumys import-reference: <reason>" on `err`.
int ImportReferenceCommand(storage::Database& db, const std::string& kind, const std::string& file,
                           Instant now, std::ostream& out, std::ostream& err, bool tty);

}  // namespace jumys::reference
