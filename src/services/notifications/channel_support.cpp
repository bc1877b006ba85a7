#include "services/notifications/channel_support.h"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

namespace jumys::notifications {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string ReplyForLog(std::string_view reply) {
  // One line: control characters become spaces.
  std::string line;
  for (char c : reply) {
    const auto byte = static_cast<unsigned char>(c);
    line.push_back(byte < 0x20 || byte == 0x7f ? ' ' : c);
  }
  // Word by word: addresses and long digit runs go.
  std::string out;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      ++i;
      continue;
    }
    size_t end = line.find(' ', i);
    if (end == std::string::npos) end = line.size();
    std::string word = line.substr(i, end - i);
    i = end;
    // "<...>" anywhere in the word: an address in angle brackets.
    for (size_t open = word.find('<'); open != std::string::npos; open = word.find('<', open + 1)) {
      const size_t close = word.find('>', open);
      if (close == std::string::npos) {
        word.replace(open, std::string::npos, "<address>");
        break;
      }
      word.replace(open, close - open + 1, "<address>");
    }
    if (word.find('@') != std::string::npos) word = "<address>";
    std::string masked;
    for (size_t j = 0; j < word.size();) {
      size_t k = j;
      while (k < word.size() && std::isdigit(static_cast<unsigned char>(word[k]))) ++k;
      if (k - j >= 7) {
        if (!masked.empty() && masked.back() == '+') masked.pop_back();
        masked += "<number>";
        j = k;
      } else if (k > j) {
        masked.append(word, j, k - j);
        j = k;
      } else {
        masked.push_back(word[j++]);
      }
    }
    out += masked;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > 200) {
    size_t cut = 200;
    // Do not cut a UTF-8 character in two.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

bool IsCurlSetupError(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_BAD_FUNCTION_ARGUMENT:
      return true;
    default:
      return false;
  }
}

}  // namespace jumys::notifications
