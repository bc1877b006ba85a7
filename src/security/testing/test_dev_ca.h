#pragma once
// The development CA that tests trust, shared by the API harness and the suites below HTTP.
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "security/dev_ca.h"
#include "storage/testing/test_databases.h"

namespace jumys::testing {

// The development CA the tests trust (`jumys dev-ca`): <login>.p12 key files (password
// kDevCaPassword), root-ca.pem, root-ca.crl.pem. Made once, valid around the harness clock,
// and kept in the temp directory for later test processes: its RSA keys take seconds. Bump
// the "-v3" when security/dev_ca.cpp changes what it writes.
inline std::filesystem::path TestDevCaDir() {
  static const std::filesystem::path dir = [] {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("jumys-test-dev-ca-" + std::to_string(::getuid()) + "-v3");
    if (std::filesystem::exists(dir / "README.txt")) return dir;
    auto staging = dir;
    staging += "." + std::to_string(::getpid());
    auto ca = CreateDevCa(staging, Instant{std::chrono::seconds(kHarnessMonday10Local)});
    if (!ca) throw std::runtime_error("dev CA: " + ca.error().message + " " + ca.error().internal);
    std::error_code ec;
    std::filesystem::rename(staging, dir, ec);  // another process won the race: use its CA
    if (ec) std::filesystem::remove_all(staging, ec);
    return dir;
  }();
  return dir;
}

}  // namespace jumys::testing
