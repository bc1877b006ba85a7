#pragma once
// The behaviour both backends must share. Include from exactly one test file per binary and
// instantiate with INSTANTIATE_TEST_SUITE_P(<Name>, DatabaseSuite, Values(DatabaseFactory{...})).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"
#include "storage/migrations.h"

namespace jumys::storage {

struct DatabaseFactory {
  std::string name;
  std::function<std::unique_ptr<Database>(const DatabaseOptions&)> make;
};

inline void PrintTo(const DatabaseFactory& factory, std::ostream* os) { *os << factory.name; }

inline std::string FactoryName(const ::testing::TestParamInfo<DatabaseFactory>& info) {
  return info.param.name;
}

inline std::string Describe(const Error& e) {
  return std::string(ErrorCodeName(e.code)) + ": " + e.message + " / " + e.internal;
}

class DatabaseSuite : public ::testing::TestWithParam<DatabaseFactory> {
 protected:
  void SetUp() override {
    db_ = GetParam().make({});
    ASSERT_NE(db_, nullptr);
  }

  void Script(std::string_view sql) {
    auto s = db_->ExecScript(sql);
    ASSERT_TRUE(s) << Describe(s.error());
  }
  void Write(std::string_view sql, const Params& params = {}) {
    auto s = db_->Write([&](Tx& tx) -> Status {
      auto r = tx.Exec(sql, params);
      if (!r) return r.error();
      return {};
    });
    ASSERT_TRUE(s) << Describe(s.error());
  }
  Rows Select(std::string_view sql, const Params& params = {}) {
    Rows out;
    auto s = db_->Read([&](Tx& tx) -> Status {
      auto r = tx.Query(sql, params);
      if (!r) return r.error();
      out = std::move(*r);
      return {};
    });
    EXPECT_TRUE(s) << Describe(s.error());
    return out;
  }
  std::int64_t Count(const std::string& table) {
    Rows r = Select("SELECT count(*) FROM " + table);
    return r.empty() ? -1 : r.Int(0, 0);
  }
  // Error of a read-only query expected to fail.
  Error ReadError(std::string_view sql) {
    auto s = db_->Read([&](Tx& tx) -> Status {
      auto r = tx.Query(sql);
      if (!r) return r.error();
      return {};
    });
    EXPECT_FALSE(s) << sql;
    return s ? Error{} : s.error();
  }

  std::unique_ptr<Database> db_;
};

constexpr const char* kPeopleSchema =
    "CREATE TABLE people (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
    "score DOUBLE PRECISION, note TEXT);"
    "CREATE TABLE visits (id BIGINT PRIMARY KEY, person_id BIGINT NOT NULL REFERENCES people(id));";

// ---- values and parameters ----

TEST_P(DatabaseSuite, RoundTripsEveryValueType) {
  Script(kPeopleSchema);
  const std::string kazakh = "Қазақстан Республикасы: әліппе ғ қ ң ө ұ ү һ і";
  const std::string russian = "Центр занятости населения, ул. Абая 1";
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  const char* insert = "INSERT INTO people (id, name, score, note) VALUES ($1, $2, $3, $4)";
  Write(insert, {kMax, kazakh, 0.1, russian});
  Write(insert, {kMin, "empty note", -2.5e-300, std::string()});
  Write(insert, {std::int64_t{0}, "nulls", nullptr, nullptr});
  Write(insert, {std::int64_t{7}, "big", 1e300, "emoji 🙂"});

  Rows r = Select("SELECT id, name, score, note FROM people ORDER BY id");
  ASSERT_EQ(r.size(), 4u);
  ASSERT_EQ(r.columns(), (std::vector<std::string>{"id", "name", "score", "note"}));
  EXPECT_EQ(r.Int(0, 0), kMin);
  EXPECT_EQ(r.Real(0, 2), -2.5e-300);
  EXPECT_FALSE(r.IsNull(0, 3));  // "" is not NULL
  EXPECT_EQ(r.Text(0, 3), "");
  EXPECT_EQ(r.Int(1, 0), 0);
  EXPECT_TRUE(r.IsNull(1, 2));
  EXPECT_TRUE(r.IsNull(1, 3));
  EXPECT_EQ(r.Optional(1, 3), std::nullopt);
  EXPECT_EQ(r.Real(1, 2), 0.0);
  EXPECT_EQ(r.Text(1, 3), "");
  EXPECT_EQ(r.Real(2, 2), 1e300);
  EXPECT_EQ(r.Text(2, 3), "emoji 🙂");
  EXPECT_EQ(r.Int(3, 0), kMax);
  EXPECT_EQ(r.Text(3, 1), kazakh);
  EXPECT_EQ(r.Real(3, 2), 0.1);  // exact: no digits lost on the way
  EXPECT_EQ(r.Text(3, 3), russian);

  // Text parameters compare equal to stored UTF-8.
  Rows k = Select("SELECT id FROM people WHERE name = $1", {kazakh});
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k.Int(0, 0), kMax);
}

TEST_P(DatabaseSuite, NullParameterMatchesIsNull) {
  Script(kPeopleSchema);
  Write("INSERT INTO people (id, name, score) VALUES ($1, $2, $3)",
        {std::int64_t{1}, "a", nullptr});
  Write("UPDATE people SET note = $1 WHERE id = $2", {nullptr, std::int64_t{1}});
  Rows r = Select("SELECT count(*) FROM people WHERE score IS NULL AND note IS NULL");
  EXPECT_EQ(r.Int(0, 0), 1);
}

TEST_P(DatabaseSuite, PlaceholdersBindByNumberNotPosition) {
  Script("CREATE TABLE pairs (a TEXT, b TEXT)");
  Write("INSERT INTO pairs (a, b) VALUES ($2, $1)", {"first", "second"});
  Rows r = Select("SELECT a, b FROM pairs WHERE b = $2 AND a = $1", {"second", "first"});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.Text(0, 0), "second");
  EXPECT_EQ(r.Text(0, 1), "first");
  // One parameter used twice.
  EXPECT_EQ(Select("SELECT count(*) FROM pairs WHERE a = $1 OR b = $1", {"first"}).Int(0, 0), 1);
}

TEST_P(DatabaseSuite, ParameterCountMustMatchPlaceholders) {
  Script("CREATE TABLE pairs (a TEXT, b TEXT)");
  for (const Params& params : {Params{}, Params{"x", "y"}}) {
    auto s = db_->Read([&](Tx& tx) -> Status {
      auto r = tx.Query("SELECT a FROM pairs WHERE a = $1", params);
      if (!r) return r.error();
      return {};
    });
    ASSERT_FALSE(s) << params.size() << " parameters";
    EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  }
  // A gap in the numbering is refused too.
  auto gap = db_->Read([&](Tx& tx) -> Status {
    auto r = tx.Query("SELECT a FROM pairs WHERE a = $1 OR a = $3", {"x", "y", "z"});
    if (!r) return r.error();
    return {};
  });
  EXPECT_FALSE(gap);
}

TEST_P(DatabaseSuite, NulInTextAndNaNAreRejected) {
  Script(kPeopleSchema);
  for (const Params& params : {Params{std::int64_t{1}, std::string("a\0b", 3), 1.0},
                               Params{std::int64_t{1}, "ok", std::nan("")}}) {
    auto s = db_->Write([&](Tx& tx) -> Status {
      auto r = tx.Exec("INSERT INTO people (id, name, score) VALUES ($1, $2, $3)", params);
      if (!r) return r.error();
      return {};
    });
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidInput);
  }
  EXPECT_EQ(Count("people"), 0);
}

TEST_P(DatabaseSuite, QueryTakesOneStatement) {
  Script("CREATE TABLE t (x BIGINT)");
  auto s = db_->Write([&](Tx& tx) -> Status {
    auto r = tx.Exec("INSERT INTO t (x) VALUES (1); INSERT INTO t (x) VALUES (2)");
    if (!r) return r.error();
    return {};
  });
  EXPECT_FALSE(s);
  EXPECT_EQ(Count("t"), 0);
  Write("INSERT INTO t (x) VALUES (3);");  // a trailing semicolon is fine
  EXPECT_EQ(Count("t"), 1);
}

TEST_P(DatabaseSuite, ExecReturnsChangedRows) {
  Script("CREATE TABLE t (x BIGINT)");
  std::vector<std::int64_t> counts;
  auto s = db_->Write([&](Tx& tx) -> Status {
    for (const char* sql :
         {"INSERT INTO t (x) VALUES (1)", "INSERT INTO t (x) VALUES (2)",
          "INSERT INTO t (x) VALUES (3)", "UPDATE t SET x = x + 10", "DELETE FROM t WHERE x > 100",
          "CREATE TABLE u (y BIGINT)", "DELETE FROM t WHERE x = 11"}) {
      auto r = tx.Exec(sql);
      if (!r) return r.error();
      counts.push_back(*r);
    }
    return {};
  });
  ASSERT_TRUE(s) << Describe(s.error());
  EXPECT_EQ(counts, (std::vector<std::int64_t>{1, 1, 1, 3, 0, 0, 1}));
}

TEST_P(DatabaseSuite, BooleansReadAlike) {
  Script("CREATE TABLE t (x BIGINT)");
  Write("INSERT INTO t (x) VALUES (5)");
  Rows r = Select("SELECT x > 1, x > 9 FROM t");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_TRUE(r.Bool(0, 0));
  EXPECT_FALSE(r.Bool(0, 1));
}

// ---- transactions ----

TEST_P(DatabaseSuite, FailedWriteLeavesNothing) {
  Script(kPeopleSchema);
  auto s = db_->Write([&](Tx& tx) -> Status {
    for (std::int64_t id : {1, 2}) {
      auto r =
          tx.Exec("INSERT INTO people (id, name) VALUES ($1, $2)", {id, "n" + std::to_string(id)});
      if (!r) return r.error();
    }
    return Error::Unprocessable("test.changed_mind"_msg, "changed my mind");
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(s.error().message, "changed my mind");
  EXPECT_EQ(Count("people"), 0);
}

TEST_P(DatabaseSuite, ThrowingWriteRollsBackAndRethrows) {
  Script(kPeopleSchema);
  EXPECT_THROW(db_->Write([&](Tx& tx) -> Status {
    auto r = tx.Exec("INSERT INTO people (id, name) VALUES (1, 'a')");
    EXPECT_TRUE(r);
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("people"), 0);
  Write("INSERT INTO people (id, name) VALUES (1, 'a')");  // the connection is usable again
  EXPECT_EQ(Count("people"), 1);
}

TEST_P(DatabaseSuite, FailedStatementAbortsTheTransaction) {
  Script(kPeopleSchema);
  Write("INSERT INTO people (id, name) VALUES (1, 'a')");
  const char* insert = "INSERT INTO people (id, name) VALUES ($1, $2)";
  bool later_failed = false;
  auto s = db_->Write([&](Tx& tx) -> Status {
    EXPECT_TRUE(tx.Exec(insert, {std::int64_t{2}, "b"}));
    auto dup = tx.Exec(insert, {std::int64_t{3}, "a"});
    EXPECT_FALSE(dup);
    later_failed = !tx.Exec(insert, {std::int64_t{4}, "d"});
    return {};  // swallowing the error must not commit anything
  });
  EXPECT_TRUE(later_failed);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count("people"), 1);
  // The same statements work in the next transaction.
  Write(insert, {std::int64_t{2}, "b"});
  EXPECT_EQ(Count("people"), 2);
}

TEST_P(DatabaseSuite, UniqueViolationIsConflictWithoutSql) {
  Script(kPeopleSchema);
  Write("INSERT INTO people (id, name) VALUES (1, 'Айгүл')");
  for (const char* sql : {"INSERT INTO people (id, name) VALUES (2, 'Айгүл')",
                          "INSERT INTO people (id, name) VALUES (1, 'other')"}) {
    auto s = db_->Write([&](Tx& tx) -> Status {
      auto r = tx.Exec(sql);
      if (!r) return r.error();
      return {};
    });
    ASSERT_FALSE(s) << sql;
    EXPECT_EQ(s.error().code, ErrorCode::kConflict) << Describe(s.error());
    EXPECT_EQ(s.error().message, "already exists");
    EXPECT_NE(s.error().internal.find("INSERT"), std::string::npos);
  }
  EXPECT_EQ(Count("people"), 1);
}

TEST_P(DatabaseSuite, ForeignKeyViolationIsConflict) {
  Script(kPeopleSchema);
  auto s = db_->Write([&](Tx& tx) -> Status {
    auto r = tx.Exec("INSERT INTO visits (id, person_id) VALUES (1, 42)");
    if (!r) return r.error();
    return {};
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict) << Describe(s.error());
  EXPECT_EQ(Count("visits"), 0);
}

TEST_P(DatabaseSuite, ReadsSeeCommittedWrites) {
  Script(kPeopleSchema);
  for (std::int64_t i = 1; i <= 5; ++i) {
    Write("INSERT INTO people (id, name) VALUES ($1, $2)", {i, "p" + std::to_string(i)});
    EXPECT_EQ(Count("people"), i);
  }
}

TEST_P(DatabaseSuite, WriteSeesItsOwnChanges) {
  Script(kPeopleSchema);
  auto s = db_->Write([&](Tx& tx) -> Status {
    EXPECT_TRUE(tx.Exec("INSERT INTO people (id, name) VALUES (1, 'a')"));
    auto r = tx.Query("SELECT name FROM people WHERE id = 1");
    if (!r) return r.error();
    EXPECT_EQ(r->size(), 1u);
    return {};
  });
  EXPECT_TRUE(s);
}

TEST_P(DatabaseSuite, ReadIsOneSnapshot) {
  Script(kPeopleSchema);
  Write("INSERT INTO people (id, name) VALUES (1, 'a')");
  std::vector<std::int64_t> seen;
  auto s = db_->Read([&](Tx& tx) -> Status {
    auto before = tx.Query("SELECT count(*) FROM people");
    if (!before) return before.error();
    seen.push_back(before->Int(0, 0));
    std::thread writer([&] { Write("INSERT INTO people (id, name) VALUES (2, 'b')"); });
    writer.join();
    auto after = tx.Query("SELECT count(*) FROM people");
    if (!after) return after.error();
    seen.push_back(after->Int(0, 0));
    return {};
  });
  ASSERT_TRUE(s) << Describe(s.error());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 1}));
  EXPECT_EQ(Count("people"), 2);
}

TEST_P(DatabaseSuite, ReadCannotWrite) {
  Script(kPeopleSchema);
  auto s = db_->Read([&](Tx& tx) -> Status {
    auto r = tx.Exec("INSERT INTO people (id, name) VALUES (1, 'a')");
    if (!r) return r.error();
    return {};
  });
  EXPECT_FALSE(s);
  EXPECT_EQ(Count("people"), 0);
}

TEST_P(DatabaseSuite, NestedWriteIsAnErrorNotADeadlock) {
  Script(kPeopleSchema);
  Status inner;
  auto outer = db_->Write([&](Tx& tx) -> Status {
    inner = db_->Write([](Tx&) -> Status { return {}; });
    auto r = tx.Exec("INSERT INTO people (id, name) VALUES (1, 'a')");
    if (!r) return r.error();
    return {};
  });
  EXPECT_TRUE(outer) << Describe(outer.error());
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().code, ErrorCode::kInternal);
  EXPECT_EQ(Count("people"), 1);
}

TEST_P(DatabaseSuite, ConcurrentWritersAllLandAndReadersSeeConsistentState) {
  Script(
      "CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);"
      "INSERT INTO counter (id, n) VALUES (1, 0);"
      "CREATE TABLE log (worker BIGINT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (worker, seq));");
  constexpr int kWriters = 6;
  constexpr int kEach = 40;
  std::atomic<int> failures{0};
  std::atomic<bool> done{false};
  std::atomic<int> torn_reads{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        auto s = db_->Write([&](Tx& tx) -> Status {
          auto up = tx.Exec("UPDATE counter SET n = n + 1 WHERE id = 1");
          if (!up) return up.error();
          auto ins = tx.Exec("INSERT INTO log (worker, seq) VALUES ($1, $2)",
                             {std::int64_t{w}, std::int64_t{i}});
          if (!ins) return ins.error();
          return {};
        });
        if (!s) ++failures;
      }
    });
  }
  std::thread reader([&] {
    while (!done) {
      auto s = db_->Read([&](Tx& tx) -> Status {
        auto n = tx.Query("SELECT n FROM counter WHERE id = 1");
        if (!n) return n.error();
        auto rows = tx.Query("SELECT count(*) FROM log");
        if (!rows) return rows.error();
        if (n->Int(0, 0) != rows->Int(0, 0)) ++torn_reads;
        return {};
      });
      if (!s) ++failures;
    }
  });
  for (auto& t : threads) t.join();
  done = true;
  reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(torn_reads, 0);
  EXPECT_EQ(Select("SELECT n FROM counter").Int(0, 0), kWriters * kEach);
  EXPECT_EQ(Count("log"), kWriters * kEach);
}

TEST_P(DatabaseSuite, ExecScriptRunsAllOrNothing) {
  Script(
      "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL);\n"
      "-- a comment; with a semicolon\n"
      "INSERT INTO notes (id, body) VALUES (1, 'бірінші; first');\n"
      "INSERT INTO notes (id, body) VALUES (2, 'второй');\n");
  Rows r = Select("SELECT body FROM notes ORDER BY id");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.Text(0, 0), "бірінші; first");
  EXPECT_EQ(r.Text(1, 0), "второй");

  auto s = db_->ExecScript(
      "CREATE TABLE half (x BIGINT); INSERT INTO notes (id, body) VALUES (3, 'x');"
      "INSERT INTO no_such_table (x) VALUES (1);");
  ASSERT_FALSE(s);
  ReadError("SELECT count(*) FROM half");  // the table went with the rollback
  EXPECT_EQ(Count("notes"), 2);
}

}  // namespace jumys::storage

// Migrations run through the same fixtures.
#include "storage/migrations_suite.h"  // IWYU pragma: keep
