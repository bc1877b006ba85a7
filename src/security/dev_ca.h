#pragma once
// A test certificate authority for development and the demo (`jumys dev-ca --out DIR`): a root,
// EDS certificates and PKCS#12 key files for the demo accounts, an expired and a revoked
// certificate, a CRL listing the revoked one, and a certificate from an untrusted second root.
// Never for production: every key file has the same documented password.
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace jumys {

inline constexpr char kDevCaPassword[] = "demo";

struct DevCaAccount {
  std::string login;  // demo login, or "expired" / "revoked" / "untrusted"
  std::string iin;    // in the subject serialNumber as "IIN" + iin
  std::string bin;    // organisations: in an OU as "BIN" + bin; else ""
  std::string common_name;
  std::filesystem::path key_file;   // <login>.p12, password kDevCaPassword
  std::filesystem::path cert_file;  // <login>.pem, the certificate alone
};

struct DevCaResult {
  std::filesystem::path root_cert;       // root-ca.pem: the trust store's CA file
  std::filesystem::path crl;             // root-ca.crl.pem: lists revoked.pem
  std::filesystem::path untrusted_root;  // untrusted-root.pem: signs untrusted.pem only
  std::filesystem::path readme;          // README.txt: what the files are
  std::vector<DevCaAccount> accounts;    // demo accounts first, then the three negative cases
  const DevCaAccount* Find(const std::string& login) const;
};

// Writes the files (overwriting) into `out_dir`, created if missing. Certificates are valid from
// a day before `now` for three years; "expired" ended a year before `now`.
Expected<DevCaResult> CreateDevCa(const std::filesystem::path& out_dir, Instant now);

}  // namespace jumys
