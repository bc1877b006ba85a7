#include "security/cms_certificates.h"

#include <openssl/x509.h>

#include <cstdint>

namespace jumys {
namespace {

constexpr unsigned char kSequence = 0x30;
constexpr unsigned char kObjectId = 0x06;
constexpr unsigned char kContext0 = 0xA0;  // [0], constructed

// One definite-length DER element inside `in`: its tag and where its content lies.
struct Element {
  unsigned char tag = 0;
  std::size_t begin = 0;          // the tag byte
  std::size_t content_begin = 0;  // after the length octets
  std::size_t end = 0;            // one past the content
};

std::optional<Element> ReadElement(std::string_view in, std::size_t at, std::size_t limit) {
  if (at + 2 > limit) return std::nullopt;
  Element e;
  e.tag = static_cast<unsigned char>(in[at]);
  if ((e.tag & 0x1F) == 0x1F) return std::nullopt;  // high tag numbers: not in SignedData
  std::size_t p = at + 1;
  std::size_t length = static_cast<unsigned char>(in[p++]);
  if (length & 0x80) {
    const std::size_t octets = length & 0x7F;
    // 0 octets is BER's indefinite length; more than 4 is not a signature's size.
    if (octets == 0 || octets > 4 || p + octets > limit) return std::nullopt;
    length = 0;
    for (std::size_t k = 0; k < octets; ++k) {
      length = (length << 8) | static_cast<unsigned char>(in[p++]);
    }
  }
  if (length > limit - p) return std::nullopt;
  e.begin = at;
  e.content_begin = p;
  e.end = p + length;
  return e;
}

void AppendHeader(std::string& out, unsigned char tag, std::size_t length) {
  out += static_cast<char>(tag);
  if (length < 0x80) {
    out += static_cast<char>(length);
    return;
  }
  unsigned char octets[sizeof(std::size_t)];
  int n = 0;
  for (std::size_t rest = length; rest != 0; rest >>= 8)
    octets[n++] = static_cast<unsigned char>(rest);
  out += static_cast<char>(0x80 | n);
  while (n > 0) out += static_cast<char>(octets[--n]);
}

std::size_t HeaderSize(std::size_t length) {
  if (length < 0x80) return 2;
  std::size_t size = 2;  // tag, and the count of length octets that follow
  for (std::size_t rest = length; rest != 0; rest >>= 8) ++size;
  return size;
}

}  // namespace

std::optional<SplitCms> SplitCertificates(std::string_view der) {
  // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
  auto info = ReadElement(der, 0, der.size());
  if (!info || info->tag != kSequence || info->end != der.size()) return std::nullopt;
  auto type = ReadElement(der, info->content_begin, info->end);
  if (!type || type->tag != kObjectId) return std::nullopt;
  auto wrapper = ReadElement(der, type->end, info->end);
  if (!wrapper || wrapper->tag != kContext0 || wrapper->end != info->end) return std::nullopt;
  auto signed_data = ReadElement(der, wrapper->content_begin, wrapper->end);
  if (!signed_data || signed_data->tag != kSequence || signed_data->end != wrapper->end) {
    return std::nullopt;
  }
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
  //                           certificates [0] IMPLICIT OPTIONAL, crls [1] OPTIONAL, signerInfos }
  std::size_t at = signed_data->content_begin;
  for (int field = 0; field < 3; ++field) {
    auto e = ReadElement(der, at, signed_data->end);
    if (!e) return std::nullopt;
    at = e->end;
  }
  auto certificates = ReadElement(der, at, signed_data->end);
  if (!certificates || certificates->tag != kContext0) return std::nullopt;

  SplitCms split;
  for (std::size_t c = certificates->content_begin; c < certificates->end;) {
    auto cert = ReadElement(der, c, certificates->end);
    if (!cert || cert->tag != kSequence) return std::nullopt;  // other CertificateChoices
    split.certificates.push_back(der.substr(cert->begin, cert->end - cert->begin));
    c = cert->end;
  }
  if (split.certificates.empty()) return std::nullopt;

  const std::size_t removed = certificates->end - certificates->begin;
  const std::size_t signed_length = signed_data->end - signed_data->content_begin - removed;
  const std::size_t wrapper_length = HeaderSize(signed_length) + signed_length;
  const std::size_t type_size = type->end - type->begin;
  std::string& out = split.without_certificates;
  out.reserve(der.size());
  AppendHeader(out, kSequence, type_size + HeaderSize(wrapper_length) + wrapper_length);
  out.append(der.substr(type->begin, type_size));
  AppendHeader(out, kContext0, wrapper_length);
  AppendHeader(out, kSequence, signed_length);
  out.append(
      der.substr(signed_data->content_begin, certificates->begin - signed_data->content_begin));
  out.append(der.substr(certificates->end, signed_data->end - certificates->end));
  return split;
}

CertificateCache::~CertificateCache() {
  for (auto& [der, cert] : by_der_) X509_free(cert);
}

X509* CertificateCache::Get(std::string_view der) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_der_.find(der); it != by_der_.end()) {
      X509_up_ref(it->second);
      return it->second;
    }
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &bytes, static_cast<long>(der.size()));
  if (!cert || bytes != reinterpret_cast<const unsigned char*>(der.data() + der.size())) {
    X509_free(cert);
    return nullptr;
  }
  std::lock_guard lock(mutex_);
  if (by_der_.size() >= kMaxEntries) {
    for (auto& [key, held] : by_der_) X509_free(held);
    by_der_.clear();
  }
  auto [it, added] = by_der_.emplace(std::string(der), cert);
  if (!added) {  // decoded meanwhile by another thread
    X509_free(cert);
    cert = it->second;
  }
  X509_up_ref(cert);
  return cert;
}

}  // namespace jumys
