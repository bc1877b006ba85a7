// The relevance periods' file: the shipped one leaves them unset, a set period names its
// source, and a bad one stops the start naming the file and key.
#include "services/vacancies/relevance_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/source_dir.h"

namespace jumys::vacancies {
namespace {

class RelevanceFileTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& text) {
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_ = std::filesystem::temp_directory_path() /
                                ("jumys-relevance-" + std::to_string(::getpid()) + ".yaml");
};

TEST_F(RelevanceFileTest, TheShippedFileLeavesBothPeriodsUnset) {
  auto file = LoadRelevanceFile(SourceDir() / "reference/vacancies/relevance.yaml");
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_FALSE(file->confirm_every_days.has_value());
  EXPECT_FALSE(file->expire_after_stale_days.has_value());
  EXPECT_EQ(file->Policy().confirm_every_days, 0);  // never stale
  EXPECT_EQ(file->Policy().expire_after_stale_days, 0);
}

TEST_F(RelevanceFileTest, ASetPeriodNamesItsSource) {
  auto file = LoadRelevanceFile(
      Write("confirm_every_days: 14\nexpire_after_stale_days: 30\nsource: order 12 of 2026\n"));
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->Policy().confirm_every_days, 14);
  EXPECT_EQ(file->Policy().expire_after_stale_days, 30);
  EXPECT_EQ(file->source, "order 12 of 2026");

  auto unsourced = LoadRelevanceFile(Write("confirm_every_days: 14\n"));
  ASSERT_FALSE(unsourced.has_value());
  EXPECT_EQ(unsourced.error().key, "vacancy.relevance_source");
}

TEST_F(RelevanceFileTest, ABadPeriodOrFileStopsTheStart) {
  for (const char* text :
       {"confirm_every_days: 0\nsource: x\n", "confirm_every_days: 2.5\nsource: x\n",
        "expire_after_stale_days: [1]\nsource: x\n", "confirm_every_days: 4000\nsource: x\n"}) {
    auto file = LoadRelevanceFile(Write(text));
    ASSERT_FALSE(file.has_value()) << text;
    EXPECT_EQ(file.error().key, "vacancy.relevance_days") << text;
  }
  EXPECT_FALSE(LoadRelevanceFile(Write("[1, 2]\n")).has_value());
  EXPECT_FALSE(LoadRelevanceFile(path_.string() + ".absent").has_value());
}

}  // namespace
}  // namespace jumys::vacancies
