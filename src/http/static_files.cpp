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

HttpResponse Plain(int status, std::string text, const std::string& policy) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(text);
  r.headers.emplace_back("Content-Security-Policy", policy);
  return r;
}

}  // namespace

Expected<std::string> NcalayerUrl(std::string_view url) {
  const auto refuse = [&url] {
    return Error::Invalid("cli.ncalayer_not_loopback"_msg,
                          "--ncalayer-url must be ws:// or wss:// on a loopback host "
                          "(127.0.0.1, localhost, [::1]) with an optional port, got '{value}'",
                          {{"value", std::string(url)}});
  };
  std::string_view rest = url;
  std::string scheme;
  for (std::string_view s : {"wss://", "ws://"}) {
    if (rest.substr(0, s.size()) == s) {
      scheme = s;
      rest.remove_prefix(s.size());
      break;
    }
  }
  if (scheme.empty()) return refuse();
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string_view host = rest;
  std::string_view port;
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos && rest != "[::1]") {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5) return refuse();
    for (char c : port) {
      if (c < '0' || c > '9') return refuse();
    }
    if (std::stoi(std::string(port)) > 65535 || std::stoi(std::string(port)) == 0) return refuse();
  }
  if (host != "127.0.0.1" && host != "localhost" && host != "[::1]") return refuse();
  return scheme + std::string(rest);
}

std::string ContentSecurityPolicy(std::string_view ncalayer_url) {
  std::string policy = kContentSecurityPolicy;
  const std::string own = "connect-src 'self'";
  policy.insert(policy.find(own) + own.size(), " " + std::string(ncalayer_url));
  return policy;
}

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

StaticFiles::StaticFiles(std::filesystem::path root, std::string ncalayer_url)
    : root_(std::move(root)),
      ncalayer_url_(std::move(ncalayer_url)),
      policy_(ContentSecurityPolicy(ncalayer_url_)) {}

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
  if (request.path.empty() || request.path.front() != '/') return Plain(400, "bad path\n", policy_);
  auto relative = SafeRelative(request.path);
  if (!relative) return Plain(400, "bad path\n", policy_);
  std::filesystem::path file = root_ / *relative;
  const bool is_asset = StartsWith(request.path, "/assets/");
  std::optional<std::string> body;
  if (!relative->empty()) body = ReadFile(file);
  if (!body) {
    // A file name that is missing is a 404; any other path is a route of the app.
    if (!relative->empty() && relative->filename().string().find('.') != std::string::npos) {
      return Plain(404, "not found\n", policy_);
    }
    file = root_ / "index.html";
    body = ReadFile(file);
    if (!body) return Plain(503, "the browser app is not built: run make\n", policy_);
  }
  if (file.filename() == "index.html") {
    // The configured socket for the page's NCALayer probe; the URL is checked, so plain text.
    if (const auto head = body->find("</head>"); head != std::string::npos) {
      body->insert(head, "<meta name=\"jumys-ncalayer\" content=\"" + ncalayer_url_ + "\">");
    }
  }
  HttpResponse r;
  r.status = 200;
  r.content_type = ContentTypeFor(file);
  if (request.method != "HEAD") r.body = std::move(*body);
  // Vite names assets by content hash, so a changed file gets a new name.
  r.headers.emplace_back("Cache-Control", is_asset ? kImmutable : kRevalidate);
  r.headers.emplace_back("Content-Security-Policy", policy_);
  r.headers.emplace_back("X-Frame-Options", "DENY");
  return r;
}

}  // namespace jumys::http
