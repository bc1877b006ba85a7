#pragma once
// Test-side signing, header only: what a user's key file and the browser do, done with OpenSSL
// (CMS_sign, detached, DER) so tests can produce signatures for VerifyDetachedSignature.
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.h"
#include "security/openssl_ptr.h"

namespace jumys::testing {

// A PKCS#12 key file opened with its password: its key and certificate.
struct OpenedKeyFile {
  openssl::Pkey key;
  openssl::Cert cert;
};

// Opening a key file runs its password-based key derivation, the dearest part of signing:
// benchmarks open it once, as a signer's browser keeps it open while they sign.
inline Expected<OpenedKeyFile> OpenKeyFile(const std::filesystem::path& p12_file,
                                           const std::string& password) {
  std::ifstream in(p12_file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string der = bytes.str();
  openssl::Bio p12_bio = openssl::MemoryBio(der);
  openssl::Pkcs12 p12(d2i_PKCS12_bio(p12_bio.get(), nullptr));
  if (!p12)
    return Error::Invalid("test.not_pkcs12"_msg, "not a PKCS#12 file: {file}",
                          {{"file", p12_file.string()}});
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  if (PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &ca) != 1) {
    ERR_clear_error();
    return Error::Unprocessable("test.wrong_password"_msg, "wrong key file password");
  }
  openssl::CertStack ca_owner(ca);
  return OpenedKeyFile{openssl::Pkey(key), openssl::Cert(cert)};
}

// A detached DER CMS signature of `content`; tests may add CMS_sign flags (CMS_NOATTR,
// CMS_NOCERTS) and certificates to carry beside the signer's.
inline Expected<std::string> SignWithKey(const OpenedKeyFile& signer, const std::string& content,
                                         unsigned extra_flags = 0,
                                         STACK_OF(X509) * extra_certs = nullptr) {
  openssl::Bio data = openssl::MemoryBio(content);
  openssl::Cms cms(CMS_sign(signer.cert.get(), signer.key.get(), extra_certs, data.get(),
                            CMS_DETACHED | CMS_BINARY | extra_flags));
  if (!cms) return Error::Internal("CMS_sign failed");
  openssl::Bio out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) return Error::Internal("i2d_CMS_bio failed");
  return openssl::BioBytes(out.get());
}

// A detached DER CMS signature of `content` with the key and certificate in a PKCS#12 file.
inline Expected<std::string> SignWithKeyFile(const std::filesystem::path& p12_file,
                                             const std::string& password,
                                             const std::string& content) {
  JUMYS_ASSIGN_OR_RETURN(auto signer, OpenKeyFile(p12_file, password));
  return SignWithKey(signer, content);
}

}  // namespace jumys::testing
