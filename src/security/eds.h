#pragma once
// Electronic digital signatures (EDS / ЭЦП) as Kazakhstan issues them: X.509 certificates with
// the holder's IIN in the subject serialNumber ("IIN" + 12 digits) and, for an organisation,
// its BIN in an OU ("BIN" + 12 digits). Verifies CMS (PKCS#7) detached signatures with OpenSSL:
// content, chain to the trust store, validity at an instant, key usage, revocation (CRL).
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

typedef struct x509_store_st X509_STORE;

namespace jumys {

class CertificateCache;

struct SignerIdentity {
  std::string iin;  // "" when the subject has no IIN serialNumber
  std::string bin;  // "" for a personal certificate
  std::string common_name;
  std::string organization;
};

// Trusted root (and intermediate) certificates and the CRLs to check leaves against.
class TrustStore {
 public:
  // PEM files; each CA file may hold several certificates, each CRL file one or more CRLs.
  // Every CA loaded must have its CRL among them (eds.ca_without_crl otherwise), and every
  // signer certificate is checked against its issuer's CRL.
  static Expected<TrustStore> Load(const std::vector<std::filesystem::path>& ca_files,
                                   const std::vector<std::filesystem::path>& crl_files);

  X509_STORE* store() const { return store_.get(); }
  CertificateCache& certificates() const { return *certificates_; }

 private:
  std::shared_ptr<X509_STORE> store_;               // read-only after Load: shared across threads
  std::shared_ptr<CertificateCache> certificates_;  // those signatures carry, decoded once
};

// The trust store read from its files, and read again when one of them changes (authorities
// republish their CRLs) or when asked (SIGHUP). When the new files do not load, the store in
// use stays and the error is returned for the log.
class TrustFiles {
 public:
  static Expected<std::unique_ptr<TrustFiles>> Load(std::vector<std::filesystem::path> ca_files,
                                                    std::vector<std::filesystem::path> crl_files);
  std::shared_ptr<const TrustStore> Current() const;
  // True when a new store is in use; without `force`, only when a file's time or size changed.
  Expected<bool> Reload(bool force);

 private:
  TrustFiles() = default;
  std::string Stamp() const;  // the files' modification times and sizes

  std::vector<std::filesystem::path> ca_files_, crl_files_;
  mutable std::mutex mutex_;
  std::shared_ptr<const TrustStore> current_;
  std::string stamp_;
};

// `cms` is DER, PEM ("-----BEGIN CMS-----" / "PKCS7") or base64 DER. Errors are Unprocessable
// with a message meant for the signer ("signature certificate has expired", ...); Invalid when
// `cms` is not a CMS signature at all.
Expected<SignerIdentity> VerifyDetachedSignature(const TrustStore& trust, std::string_view content,
                                                 std::string_view cms, Instant at);

// The same checks given only the content's SHA-256 (lowercase hex), for a signature whose
// signed attributes carry it (as every EDS client's do); refused otherwise: the content is needed.
Expected<SignerIdentity> VerifyDetachedSignatureOfDigest(const TrustStore& trust,
                                                         std::string_view sha256_hex,
                                                         std::string_view cms, Instant at);

// The certificate must belong to the signing account: its IIN (when `expected_iin` is given)
// and its BIN (when `expected_bin` is given). Unprocessable, naming the masked IIN/BIN found.
Status CheckSignerMatches(const SignerIdentity& signer, std::string_view expected_iin,
                          std::string_view expected_bin);

}  // namespace jumys
