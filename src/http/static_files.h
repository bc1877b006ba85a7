#pragma once
// Serves the built browser app (web/dist): hashed assets cached for a year, index.html
// revalidated every time, a strict Content-Security-Policy, and index.html for client-side
// routes. /api paths are never answered here, so an unknown API path stays a JSON 404.
#include <filesystem>
#include <string>

#include "http/http_types.h"
#include "http/router.h"

namespace jumys::http {

// No inline script or style, nothing from another origin.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // True when the request is for the app: a GET or HEAD outside /api/ that no route matches.
  bool Claims(const HttpRequest& request, const Router& router) const;
  HttpResponse Handle(const HttpRequest& request) const;
  // Whether the root holds a built app (index.html).
  bool Ready() const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

// The MIME type for a file name's extension; application/octet-stream when unknown.
std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace jumys::http
