#include "http/static_files.h"

#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace jumys::http {

namespace {

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The path's segments when every one is a plain name: no "..", ".", empty names, backslashes
// or NULs, so the file can only lie under the root.
std::optional<std::filesystem::path> SafeRelative(const std::string& path) {
  std::filesystem::path out;
  std::size_t pos = 1;  // past the leading '/'
  while (pos <= path.size()) {
    auto end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    const std::string segment = path.substr(pos, end - pos);
    if (segment.empty()) {
      if (end != path.size()) return std::nullopt;  // "//" inside the path
    } else if (segment == "." || segment == ".." ||
               segment.find_first_of(std::string("\\\0:", 3)) != std::string::npos) {
      return std::nullopt;
    } else {
      out /= segment;
    }
    pos = end + 1;
  }
  return out;
}

std::optional<std::string> ReadFile(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  return body.str();
}

HttpResponse Plain(int status, std::string text) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(text);
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  return r;
}

}  // namespace

std::string ContentTypeFor(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

bool StaticFiles::Ready() const {
  std::error_code ec;
  return std::filesystem::is_regular_file(root_ / "index.html", ec);
}

bool StaticFiles::Claims(const HttpRequest& request, const Router& router) const {
  if (request.method != "GET" && request.method != "HEAD") return false;
  if (request.path == "/api" || StartsWith(request.path, "/api/")) return false;
  std::map<std::string, std::string> params;
  bool method_mismatch = false;
  return router.Match(request.method, request.path, params, method_mismatch) == nullptr &&
         !method_mismatch;
}

HttpResponse StaticFiles::Handle(const HttpRequest& request) const {
  if (request.path.empty() || request.path.front() != '/') return Plain(400, "bad path\n");
  auto relative = SafeRelative(request.path);
  if (!relative) return Plain(400, "bad path\n");
  std::filesystem::path file = root_ / *relative;
  const bool is_asset = StartsWith(request.path, "/assets/");
  std::optional<std::string> body;
  if (!relative->empty()) body = ReadFile(file);
  if (!body) {
    // A file name that is missing is a 404; any other path is a route of the app.
    if (!relative->empty() && relative->filename().string().find('.') != std::string::npos) {
      return Plain(404, "not found\n");
    }
    file = root_ / "index.html";
    body = ReadFile(file);
    if (!body) return Plain(503, "the browser app is not built: run make\n");
  }
  HttpResponse r;
  r.status = 200;
  r.content_type = ContentTypeFor(file);
  if (request.method != "HEAD") r.body = std::move(*body);
  // Vite names assets by content hash, so a changed file gets a new name.
  r.headers.emplace_back("Cache-Control", is_asset ? kImmutable : kRevalidate);
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("X-Frame-Options", "DENY");
  return r;
}

}  // namespace jumys::http
