#pragma once
// Classifier imports and look-ups on a real store, the same on both (SQLite and PostgreSQL).
// Include from one test file per binary and instantiate ReferenceDataSuite with a Backend.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/source_dir.h"
#include "engine/store_field_lookups.h"
#include "services/reference/reference_cli.h"
#include "services/reference/reference_data.h"
#include "storage/migrations.h"
#include "storage/schema/schema.h"
#include "storage/testing/test_databases.h"

namespace jumys::testing {

using reference::ClassifierKind;

class ReferenceDataSuite : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = MakeTestDatabase(GetParam());
    ASSERT_TRUE(storage::Migrate(*db_, storage::SchemaMigrations(db_->dialect())).has_value());
    data_ = std::make_unique<reference::ReferenceData>(*db_, [] { return Now(); });
  }

  static Instant Now() { return *ParseRfc3339("2026-12-01T05:00:00Z"); }

  reference::ImportCounts Import(ClassifierKind kind, const std::string& text) {
    auto counts = reference::ImportClassifierText(*db_, kind, text, Now());
    EXPECT_TRUE(counts.has_value()) << (counts ? "" : counts.error().message);
    return counts ? *counts : reference::ImportCounts{};
  }

  std::vector<std::string> Codes(ClassifierKind kind, const std::string& q,
                                 std::optional<std::string> parent = std::nullopt, int limit = 50) {
    auto found = data_->Search(kind, q, parent, limit);
    EXPECT_TRUE(found.has_value()) << (found ? "" : found.error().message);
    std::vector<std::string> out;
    if (found) {
      for (const auto& r : *found) out.push_back(r.code);
    }
    return out;
  }

  static std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  static constexpr const char* kHeader = "code,parent,name_kk,name_ru,name_en\n";
  static std::string Nkz() {
    return std::string(kHeader) +
           "2,,Кәсіпқой мамандар,Специалисты-профессионалы,Professionals\n"
           "21,2,Ғылым мамандары,Специалисты в области науки,Science professionals\n"
           "22,2,Денсаулық мамандары,Специалисты здравоохранения,Health professionals\n"
           "7,,Жұмысшылар,Рабочие,Craft workers\n"
           "71,7,Құрылысшылар,Строители,\"Building workers, excluding electricians\"\n";
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<reference::ReferenceData> data_;
};

TEST_P(ReferenceDataSuite, ImportAddsThenUpdatesAndNeverDuplicates) {
  const auto first = Import(ClassifierKind::kNkz, Nkz());
  EXPECT_EQ(first.added, 5);
  EXPECT_EQ(first.updated, 0);
  const auto again = Import(ClassifierKind::kNkz, Nkz());
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.unchanged, 5);
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "").size(), 5u);

  // A renamed code is updated, a new one added.
  std::string renamed = Nkz();
  renamed.replace(renamed.find("Craft workers"), 13, "Craft and related trades workers");
  renamed += "72,7,Металл өңдеушілер,Металлисты,Metal workers\n";
  const auto third = Import(ClassifierKind::kNkz, renamed);
  EXPECT_EQ(third.added, 1);
  EXPECT_EQ(third.updated, 1);
  auto seven = data_->Get(ClassifierKind::kNkz, "7");
  ASSERT_TRUE(seven.has_value());
  EXPECT_EQ(seven->row.name_en, "Craft and related trades workers");
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "7"), (std::vector<std::string>{"7", "71", "72"}));
}

TEST_P(ReferenceDataSuite, ACodeThatLeavesIsInactiveNotDeletedAndComesBack) {
  Import(ClassifierKind::kNkz, Nkz());
  std::string without = Nkz();
  without.erase(without.find("22,2,"), without.find("7,,") - without.find("22,2,"));
  const auto counts = Import(ClassifierKind::kNkz, without);
  EXPECT_EQ(counts.deactivated, 1);
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "2"), (std::vector<std::string>{"2", "21"}));
  auto gone = data_->Get(ClassifierKind::kNkz, "22");
  ASSERT_TRUE(gone.has_value()) << "kept for the records that name it";
  EXPECT_FALSE(gone->row.active);
  EXPECT_FALSE(*data_->IsActive(ClassifierKind::kNkz, "22"));
  EXPECT_TRUE(*data_->IsActive(ClassifierKind::kNkz, "21"));
  EXPECT_EQ(Import(ClassifierKind::kNkz, without).deactivated, 0);  // already inactive
  const auto back = Import(ClassifierKind::kNkz, Nkz());
  EXPECT_EQ(back.updated, 1);
  EXPECT_TRUE(*data_->IsActive(ClassifierKind::kNkz, "22"));
}

TEST_P(ReferenceDataSuite, ABadFileStoresNothing) {
  Import(ClassifierKind::kNkz, Nkz());
  // Line 3 is fine and new, line 4 is not: neither is stored, nothing is deactivated.
  auto bad = reference::ImportClassifierText(
      *db_, ClassifierKind::kNkz, std::string(kHeader) + "3,,a,b,c\n31,3,a,b,c\n32,9,a,b,c\n",
      Now());
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().key, "reference.csv_invalid");
  EXPECT_EQ(bad.error().details.at(0).field, "line 4");
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "").size(), 5u);
  EXPECT_TRUE(Codes(ClassifierKind::kNkz, "3").empty());
  EXPECT_TRUE(*data_->IsActive(ClassifierKind::kNkz, "71"));
}

TEST_P(ReferenceDataSuite, SearchByCodePrefixOrWordsInAnyLanguageIgnoringCase) {
  Import(ClassifierKind::kNkz, Nkz());
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "2"), (std::vector<std::string>{"2", "21", "22"}));
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "ДЕНСАУЛЫҚ"), (std::vector<std::string>{"22"}));
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "здравоохранения"), (std::vector<std::string>{"22"}));
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "СПЕЦИАЛИСТЫ науки"), (std::vector<std::string>{"21"}));
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "building workers"), (std::vector<std::string>{"71"}));
  EXPECT_TRUE(Codes(ClassifierKind::kNkz, "100%").empty());  // % is a letter, not a wildcard
  EXPECT_TRUE(Codes(ClassifierKind::kNkz, "_").empty());
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "", std::string("")),
            (std::vector<std::string>{"2", "7"}));  // the top level
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "", std::string("2")),
            (std::vector<std::string>{"21", "22"}));  // children
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "health", std::string("2")),
            (std::vector<std::string>{"22"}));
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "", std::nullopt, 2).size(), 2u);  // the limit
  EXPECT_TRUE(Codes(ClassifierKind::kKato, "").empty());                   // kinds do not mix
}

TEST_P(ReferenceDataSuite, OneCodeWithItsPath) {
  Import(ClassifierKind::kKato,
         std::string(kHeader) +
             "430000000,,Қызылорда облысы,Кызылординская область,"
             "Kyzylorda Region\n"
             "433200000,430000000,Арал ауданы,Аральский район,Aral District\n"
             "433220100,433200000,Арал қ.,г. Аральск,Aralsk\n");
  auto town = data_->Get(ClassifierKind::kKato, "433220100");
  ASSERT_TRUE(town.has_value());
  EXPECT_EQ(town->row.level, 4);
  ASSERT_EQ(town->path.size(), 2u);
  EXPECT_EQ(town->path[0].code, "430000000");
  EXPECT_EQ(town->path[1].code, "433200000");
  auto missing = data_->Get(ClassifierKind::kKato, "439999999");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().key, "reference.code_unknown");
}

TEST_P(ReferenceDataSuite, BackgroundImportReportsItsOutcome) {
  Actor admin;
  admin.login = "admin";
  admin.office_id = "kzo-oblast";
  auto bad = data_->StartImport(admin, ClassifierKind::kNkz, "code\n1\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnprocessable);
  auto id = data_->StartImport(admin, ClassifierKind::kNkz, Nkz());
  ASSERT_TRUE(id.has_value()) << id.error().message;
  data_->WaitForImports();
  auto done = data_->GetImport(ClassifierKind::kNkz, *id);
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(done->row.state, "done");
  EXPECT_EQ(done->row.rows_total, 5);
  EXPECT_EQ(done->row.rows_done, 5);
  EXPECT_EQ(done->row.added, 5);
  EXPECT_EQ(done->row.created_by, "admin");
  EXPECT_FALSE(done->row.finished_at.empty());
  EXPECT_FALSE(data_->GetImport(ClassifierKind::kKato, *id).has_value());  // another kind's
  EXPECT_FALSE(data_->GetImport(ClassifierKind::kNkz, *id + 1).has_value());
}

TEST_P(ReferenceDataSuite, ShippedClassifiersLoadAndAgreeWithTheDemoData) {
  const auto dir = SourceDir() / "reference/classifiers";
  const auto nkz = Import(ClassifierKind::kNkz, ReadFile(dir / "nkz.csv"));
  EXPECT_EQ(nkz.added, 9);
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "", std::string("")).size(), 9u);
  const auto kato = Import(ClassifierKind::kKato, ReadFile(dir / "kato.csv"));
  EXPECT_EQ(kato.added, 5);
  // The offices and employers of the demo data name these places.
  for (const char* code : {"430000000", "431010000", "433200000", "590000000", "591010000"}) {
    EXPECT_TRUE(*data_->IsActive(ClassifierKind::kKato, code)) << code;
  }
}

TEST_P(ReferenceDataSuite, CommandLineImportPrintsABarOnlyOnATerminal) {
  storage::TempDir dir;
  const auto file = dir.path() / "nkz.csv";
  std::ofstream(file) << Nkz();
  std::ostringstream out, err;
  EXPECT_EQ(reference::ImportReferenceCommand(*db_, "nkz", file.string(), Now(), out, err, false),
            0);
  EXPECT_EQ(out.str(), "nkz: 5 rows, 5 added, 0 updated, 0 deactivated, 0 unchanged\n");
  EXPECT_EQ(err.str(), "");  // not a terminal: the summary alone
  std::ostringstream out2, err2;
  EXPECT_EQ(reference::ImportReferenceCommand(*db_, "nkz", file.string(), Now(), out2, err2, true),
            0);
  EXPECT_EQ(out2.str(), "nkz: 5 rows, 0 added, 0 updated, 0 deactivated, 5 unchanged\n");
  EXPECT_NE(err2.str().find("\r[##############################] 100%  5/5 rows\n"),
            std::string::npos)
      << err2.str();

  std::ofstream(file) << kHeader << "1,,a,b,c\n12,3,a,b,c\n";
  std::ostringstream out3, err3;
  EXPECT_EQ(reference::ImportReferenceCommand(*db_, "nkz", file.string(), Now(), out3, err3, true),
            1);
  EXPECT_EQ(out3.str(), "");
  const std::string refusal = err3.str();
  EXPECT_EQ(std::count(refusal.begin(), refusal.end(), '\n'), 1) << refusal;
  EXPECT_NE(err3.str().find("line 3"), std::string::npos) << err3.str();
  std::ostringstream out4, err4;
  EXPECT_EQ(
      reference::ImportReferenceCommand(*db_, "isco", file.string(), Now(), out4, err4, false), 1);
  EXPECT_EQ(err4.str(), "jumys import-reference: --kind must be nkz or kato, not 'isco'\n");
  EXPECT_EQ(Codes(ClassifierKind::kNkz, "").size(), 5u);  // the bad file changed nothing
}

// What a classifier field's check asks the store (engine/store_field_lookups.h), without HTTP:
// a code with its level and whether it is active, and whether the classifier has any code.
TEST_P(ReferenceDataSuite, FieldChecksAskTheStoredCodes) {
  OfficeDirectory offices;
  using Code = std::optional<FieldLookups::ClassifierCode>;
  const auto ask = [&](const std::string& kind, const std::string& code) {
    std::pair<Code, bool> out;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     StoreFieldLookups lookups(offices, tx);
                     JUMYS_ASSIGN_OR_RETURN(out.first, lookups.FindClassifierCode(kind, code));
                     JUMYS_ASSIGN_OR_RETURN(out.second, lookups.ClassifierLoaded(kind));
                     return {};
                   })
                    .has_value());
    return out;
  };
  const auto nothing = ask("nkz", "21");
  EXPECT_FALSE(nothing.first);
  EXPECT_FALSE(nothing.second) << "nothing loaded";
  Import(ClassifierKind::kNkz, Nkz());
  auto [found, loaded] = ask("nkz", "21");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->level, 2);
  EXPECT_TRUE(found->active);
  EXPECT_TRUE(loaded);
  EXPECT_FALSE(ask("nkz", "2199").first);
  EXPECT_FALSE(ask("kato", "21").second) << "another classifier's codes do not count";
  // A code the next file leaves out stays, inactive; a file with no code leaves none active.
  Import(ClassifierKind::kNkz, std::string(kHeader) + "2,,a,b,c\n");
  found = ask("nkz", "21").first;
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->active);
  Import(ClassifierKind::kNkz, kHeader);
  EXPECT_FALSE(ask("nkz", "2").second);
}

// A classifier of 450 codes under major group 1: the sub-major and minor groups, then unit
// groups, so an import reports progress more than once (every 200 rows).
inline std::string LargeNkz() {
  std::string csv = "code,parent,name_kk,name_ru,name_en\n1,,a,b,c\n";
  std::vector<std::string> minors;
  for (int a = 1; a <= 9; ++a) {
    csv += "1" + std::to_string(a) + ",,a,b,c\n";
    for (int b = 1; b <= 9; ++b) {
      minors.push_back("1" + std::to_string(a) + std::to_string(b));
      csv += minors.back() + ",,a,b,c\n";
    }
  }
  for (int n = 0; n < 359; ++n) csv += minors[n / 9] + std::to_string(n % 9 + 1) + ",,a,b,c\n";
  return csv;
}

// The progress a long import reports, as the import route's rows_done and the command's bar
// read it: every 200 rows and at the end.
TEST_P(ReferenceDataSuite, ALongImportReportsItsProgressAsItGoes) {
  auto entries = reference::ParseClassifierCsv(ClassifierKind::kNkz, LargeNkz());
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 450u);
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  auto counts = reference::ApplyClassifier(
      *db_, ClassifierKind::kNkz, *entries, Now(),
      [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(counts->added, 450);
  EXPECT_EQ(calls,
            (std::vector<std::pair<std::size_t, std::size_t>>{{200, 450}, {400, 450}, {450, 450}}));
}

TEST_P(ReferenceDataSuite, TheCommandRedrawsItsBarOnATerminal) {
  storage::TempDir dir;
  const auto file = dir.path() / "nkz.csv";
  std::ofstream(file) << LargeNkz();
  std::ostringstream out, err;
  ASSERT_EQ(reference::ImportReferenceCommand(*db_, "nkz", file.string(), Now(), out, err, true), 0)
      << err.str();
  EXPECT_EQ(out.str(), "nkz: 450 rows, 450 added, 0 updated, 0 deactivated, 0 unchanged\n");
  // Each redraw returns to the start of the line; the last ends it.
  EXPECT_EQ(err.str(),
            "[..............................]   0%  0/450 rows"
            "\r[#############.................]  44%  200/450 rows"
            "\r[##########################....]  88%  400/450 rows"
            "\r[##############################] 100%  450/450 rows\n");
}

TEST(ReferenceProgressBar, FillsInProportion) {
  EXPECT_EQ(reference::ProgressBar(0, 200, 10), "[..........]   0%  0/200 rows");
  EXPECT_EQ(reference::ProgressBar(90, 200, 10), "[####......]  45%  90/200 rows");
  EXPECT_EQ(reference::ProgressBar(0, 0, 4), "[####] 100%  0/0 rows");
}

}  // namespace jumys::testing
