#pragma once
// A test certificate authority for development and the demo (`jumys dev-ca --out DIR`): a root,
// EDS certificates and PKCS#12 key files for the demo accounts, an expired and a revoked
// certificate, a CRL listing the revoked one, and a certificate from an untrusted second root.
// Never for production: every key file has the same documented password.
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
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

// How far back the root, the accounts' certificates and the CRL are valid: the demo signs its P3
// contract and payments months before the day the CA is made (services/demo).
inline constexpr std::chrono::days kDevCaBackdate{400};

// Writes the files (overwriting) into `out_dir`, created if missing. Certificates are valid from
// kDevCaBackdate before `now` until three years after it; "expired" ended a year before `now`.
Expected<DevCaResult> CreateDevCa(const std::filesystem::path& out_dir, Instant now);

// Why the CA in `dir` cannot sign as the demo accounts over all of [from, to] — a missing file,
// or a certificate or the CRL not valid for the whole span (a CA made before kDevCaBackdate
// existed starts a day before it was made) — or "" when it can.
Expected<std::string> DevCaGap(const std::filesystem::path& dir, Instant from, Instant to);

// Signs as a demo account with its key file in a dev CA directory: a detached DER CMS signature
// with SHA-256 signed attributes, signed at `at` (its signingTime), as an EDS client makes
// (security/eds.h verifies it). Each key file is opened once (its password-based key derivation
// is the dear part).
class DevCaSigner {
 public:
  explicit DevCaSigner(std::filesystem::path dir);
  ~DevCaSigner();
  DevCaSigner(const DevCaSigner&) = delete;
  DevCaSigner& operator=(const DevCaSigner&) = delete;

  Expected<std::string> Sign(const std::string& login, std::string_view content, Instant at);

 private:
  struct Key;
  std::filesystem::path dir_;
  std::map<std::string, std::unique_ptr<Key>> keys_;
};

}  // namespace jumys
