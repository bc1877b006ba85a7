#pragma once
// Runs a shell command for tests that check files with outside tools (openssl, pdftotext).
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace jumys::testing {

// Runs `command` through the shell; appends its stdout and stderr to *output; returns its exit
// status
// (-1 when it could not run or was killed).
inline int RunCommand(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buffer;
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output->append(buffer.data(), n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace jumys::testing
