#pragma once
// The certificates a CMS signature carries, decoded once per certificate rather than once per
// signature: OpenSSL 3.0 decodes each certificate's public key through its provider decoders,
// which costs more than the rest of the signature's checks, and every signature of one signer
// carries the same certificate.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/string_hash.h"

typedef struct x509_st X509;

namespace jumys {

// A CMS ContentInfo (DER) split into the same structure without its SignedData certificates,
// and those certificates, each as its own DER.
struct SplitCms {
  std::string without_certificates;
  std::vector<std::string_view> certificates;  // views into the input
};

// nullopt when `der` is not definite-length DER SignedData carrying plain X.509 certificates
// (BER, attribute certificates, no certificates at all): the caller then parses it whole.
std::optional<SplitCms> SplitCertificates(std::string_view der);

class CertificateCache {
 public:
  CertificateCache() = default;
  CertificateCache(const CertificateCache&) = delete;
  CertificateCache& operator=(const CertificateCache&) = delete;
  ~CertificateCache();

  // A new reference to the certificate `der` decodes to (the caller frees it), or nullptr when
  // it is not a certificate.
  X509* Get(std::string_view der);

 private:
  // Signers are few; past this many the cache starts over rather than grow without bound.
  static constexpr std::size_t kMaxEntries = 4096;
  std::mutex mutex_;
  std::unordered_map<std::string, X509*, StringHash, std::equal_to<>>
      by_der_;  // holds one reference each
};

}  // namespace jumys
