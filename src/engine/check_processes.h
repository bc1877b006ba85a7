#pragma once
// Command-line hooks: `jumys check-processes [DIR]` and `jumys export-bpmn CODE`.
// The refusal grounds are read from the `reference` folder beside DIR (DIR/../reference).
#include <filesystem>
#include <ostream>
#include <string>

namespace jumys {

// Prints "ok: N definitions (M runnable, K sketches)" to `out` and returns 0, or prints the
// first error as "file:line: reason" to `err` and returns 1.
int CheckProcessesCommand(const std::filesystem::path& dir, std::ostream& out, std::ostream& err);
int CheckProcessesCommand(const std::filesystem::path& dir);  // std::cout / std::cerr

// Writes the BPMN 2.0 XML of `code` to `out`: the given version, or else the version in
// force today, or else (a sketch) the newest one. Returns 0, or 1 with a reason on `err`.
int ExportBpmnCommand(const std::filesystem::path& dir, const std::string& code,
                      const std::string& version, std::ostream& out, std::ostream& err);

}  // namespace jumys
