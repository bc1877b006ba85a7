#include "storage/testing/test_databases.h"

#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <random>
#include <stdexcept>
#include <system_error>

namespace jumys::storage {
namespace {

std::string RandomHex(int chars) {
  std::random_device rd;
  std::string out;
  while (static_cast<int>(out.size()) < chars) out += fmt::format("{:08x}", rd());
  out.resize(chars);
  return out;
}

// Forwards to the real database and runs cleanup after it is closed.
class OwningDatabase final : public Database {
 public:
  OwningDatabase(std::unique_ptr<Database> inner, std::function<void()> cleanup)
      : inner_(std::move(inner)), cleanup_(std::move(cleanup)) {}
  ~OwningDatabase() override {
    inner_.reset();
    cleanup_();
  }
  Dialect dialect() const override { return inner_->dialect(); }
  Status Read(const std::function<Status(Tx&)>& fn) override { return inner_->Read(fn); }
  Status Write(const std::function<Status(Tx&)>& fn) override { return inner_->Write(fn); }
  Status ExecScript(std::string_view sql) override { return inner_->ExecScript(sql); }

 private:
  std::unique_ptr<Database> inner_;
  std::function<void()> cleanup_;
};

std::string Describe(const Error& e) { return e.message + " / " + e.internal; }

}  // namespace

TempDir::TempDir() {
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("jumys-test-" + RandomHex(12));
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory under " + base.string());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<Database> MakeTestSqlite(const DatabaseOptions& options) {
  auto dir = std::make_shared<TempDir>();
  auto db = OpenDatabase("sqlite:" + (dir->path() / "test.db").string(), options);
  if (!db) throw std::runtime_error("cannot open test SQLite: " + Describe(db.error()));
  return std::make_unique<OwningDatabase>(std::move(*db), [dir]() mutable { dir.reset(); });
}

std::string TestPostgresUrl() {
  const char* url = std::getenv("JUMYS_PG_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "JUMYS_PG_URL is not set: these tests need PostgreSQL; run them as "
        "`scripts/with-postgres <test binary>`");
  }
  return url;
}

std::string WithSearchPath(const std::string& url, const std::string& schema) {
  if (url.rfind("pg:", 0) == 0) return url + " options='-csearch_path=" + schema + "'";
  const char sep = url.find('?') == std::string::npos ? '?' : '&';
  return url + sep + "options=-csearch_path%3D" + schema;
}

std::unique_ptr<Database> MakeTestPostgres(const DatabaseOptions& options) {
  const std::string url = TestPostgresUrl();
  DatabaseOptions admin_options;
  admin_options.readers = 1;
  auto admin = OpenDatabase(url, admin_options);
  if (!admin)
    throw std::runtime_error("cannot connect to JUMYS_PG_URL: " + Describe(admin.error()));
  const std::string schema = "t_" + RandomHex(16);
  if (auto s = (*admin)->ExecScript("CREATE SCHEMA " + schema); !s) {
    throw std::runtime_error("cannot create test schema: " + Describe(s.error()));
  }
  std::shared_ptr<Database> owner(std::move(*admin));
  auto drop = [owner, schema] {
    if (auto s = owner->ExecScript("DROP SCHEMA " + schema + " CASCADE"); !s) {
      std::cerr << "cannot drop test schema " << schema << ": " << Describe(s.error()) << "\n";
    }
  };
  auto db = OpenDatabase(WithSearchPath(url, schema), options);
  if (!db) {
    drop();
    throw std::runtime_error("cannot open test PostgreSQL: " + Describe(db.error()));
  }
  return std::make_unique<OwningDatabase>(std::move(*db), drop);
}

}  // namespace jumys::storage

namespace jumys::testing {

std::int64_t QueryCount(storage::Database& db, const std::string& sql,
                        const storage::Params& params) {
  std::int64_t n = -1;
  auto read = db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
    n = rows.Int(0, 0);
    return {};
  });
  if (!read)
    throw std::runtime_error("count: " + read.error().message + " " + read.error().internal);
  return n;
}

}  // namespace jumys::testing
