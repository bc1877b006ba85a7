#include "services/reference/reference_cli.h"

#include <fstream>
#include <ostream>
#include <sstream>

#include "services/reference/reference_data.h"

namespace jumys::reference {

std::string ProgressBar(std::size_t done, std::size_t total, int width) {
  const double share = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(share * width);
  std::string bar = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
  const std::string percent = std::to_string(static_cast<int>(share * 100));
  bar += std::string(3 - std::min<std::size_t>(3, percent.size()), ' ') + percent + "%  ";
  return bar + std::to_string(done) + "/" + std::to_string(total) + " rows";
}

int ImportReferenceCommand(storage::Database& db, const std::string& kind_text,
                           const std::string& file, Instant now, std::ostream& out,
                           std::ostream& err, bool tty) {
  const auto fail = [&err](const std::string& reason) {
    err << "jumys import-reference: " << reason << "\n";
    return 1;
  };
  const auto kind = ParseClassifierKind(kind_text);
  if (!kind) return fail("--kind must be nkz or kato, not '" + kind_text + "'");
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail("cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  auto entries = ParseClassifierCsv(*kind, text.str());
  if (!entries) {
    std::string reason = entries.error().message;
    if (!entries.error().details.empty()) {
      const auto& d = entries.error().details.front();
      reason += " (" + d.field + ": " + d.message + ")";
    }
    return fail(file + ": " + reason);
  }
  ImportProgress progress;
  if (tty) {
    progress = [&err](std::size_t done, std::size_t total) {
      err << "\r" << ProgressBar(done, total) << std::flush;
    };
    err << ProgressBar(0, entries->size()) << std::flush;
  }
  auto counts = ApplyClassifier(db, *kind, *entries, now, progress);
  if (tty) err << "\n";
  if (!counts) return fail(counts.error().message);
  out << ClassifierKindName(*kind) << ": " << counts->rows << " rows, " << counts->added
      << " added, " << counts->updated << " updated, " << counts->deactivated << " deactivated, "
      << counts->unchanged << " unchanged\n";
  return 0;
}

}  // namespace jumys::reference
