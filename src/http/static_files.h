#pragma once
// Serves the built browser app (web/dist): hashed assets cached for a year, index.html
// revalidated every time, a strict Content-Security-Policy, and index.html for client-side
// routes. /api paths are never answered here, so an unknown API path stays a JSON 404.
#include <filesystem>
#include <string>

#include "core/error.h"
#include "http/http_types.h"
#include "http/router.h"

namespace jumys::http {

// No inline script or style, nothing from another origin.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// NCALayer, the national CA's signing application, listens on the user's own machine.
inline constexpr const char* kDefaultNcalayerUrl = "wss://127.0.0.1:13579";

// A ws:// or wss:// URL of a loopback host (127.0.0.1, localhost, [::1]) with an optional port,
// without a trailing slash; Invalid (cli.ncalayer_not_loopback) for anything else.
Expected<std::string> NcalayerUrl(std::string_view url);

// The app's policy with `ncalayer_url` (already checked by NcalayerUrl) as the only socket
// beside the app's own origin.
std::string ContentSecurityPolicy(std::string_view ncalayer_url);

class StaticFiles {
 public:
  // index.html is served with <meta name="jumys-ncalayer" content="URL"> so the page knows
  // where to probe for NCALayer.
  explicit StaticFiles(std::filesystem::path root, std::string ncalayer_url = kDefaultNcalayerUrl);

  // True when the request is for the app: a GET or HEAD outside /api/ that no route matches.
  bool Claims(const HttpRequest& request, const Router& router) const;
  HttpResponse Handle(const HttpRequest& request) const;
  // Whether the root holds a built app (index.html).
  bool Ready() const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
  std::string ncalayer_url_;
  std::string policy_;
};

// The MIME type for a file name's extension; application/octet-stream when unknown.
std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace jumys::http
