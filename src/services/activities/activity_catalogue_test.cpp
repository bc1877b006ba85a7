#include "services/activities/activity_catalogue.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/source_dir.h"

namespace jumys::activities {
namespace {

namespace fs = std::filesystem;

const fs::path kShipped = SourceDir() / "reference" / "activities" / "programme-activities.yaml";

// The file's text written to a scratch file, loaded, and the file removed.
Expected<ActivityCatalogue> Load(const std::string& text, const std::set<std::string>& codes = {}) {
  static int counter = 0;
  const fs::path file =
      fs::temp_directory_path() /
      ("jumys_activities_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + ".yaml");
  std::ofstream(file) << text;
  auto out = ActivityCatalogue::LoadFile(file, codes);
  fs::remove(file);
  return out;
}

// Where an error points: "file:line".
std::string Line(const Error& e) {
  const std::string where = e.details.empty() ? "" : e.details[0].field;
  return where.substr(where.rfind(':') + 1);
}

const char* const kHeader = R"(audiences:
  - code: employers
    name: {kk: "Жұмыс берушілер", ru: "Работодатели", en: "Employers"}
kinds:
  - code: outreach
    name: {kk: "Түсіндіру", ru: "Разъяснение", en: "Outreach"}
programmes:
  - code: voluntary-relocation
    name: {kk: "Қоныс аудару", ru: "Переселение", en: "Relocation"}
    items:
)";

TEST(ActivityCatalogue, TheShippedFileNamesP1sItemsOutsideTheCase) {
  auto c = ActivityCatalogue::LoadFile(kShipped, {"voluntary-relocation", "subsidised-jobs"});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  ASSERT_EQ(c->programmes().size(), 1u);
  const SeedItem* fair = c->Item("voluntary-relocation", "4.1");
  ASSERT_NE(fair, nullptr);
  EXPECT_EQ(fair->kind, "vacancy_fair");
  EXPECT_EQ(fair->audiences, (std::vector<std::string>{"job_seekers", "employers"}));
  EXPECT_EQ(c->Item("voluntary-relocation", "12.1")->kind, "consultation");
  EXPECT_EQ(c->Item("voluntary-relocation", "1.1")->audiences,
            (std::vector<std::string>{"employers"}));
  // A step of the case is not an activity.
  EXPECT_EQ(c->Item("voluntary-relocation", "5.1"), nullptr);
  EXPECT_TRUE(c->HasKind("outreach"));
  EXPECT_FALSE(c->HasAudience("commission"));
}

TEST(ActivityCatalogue, AProgrammeThatIsNoProcessStopsTheLoad) {
  auto c = ActivityCatalogue::LoadFile(kShipped, {"subsidised-jobs"});
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().key, "reference.code_unknown");
}

TEST(ActivityCatalogue, AnItemOfAnUnknownKindOrAudienceIsRefusedAtItsLine) {
  auto kind = Load(std::string(kHeader) + R"(      - ref: "1.1"
        kind: fair
        audiences: [employers]
        actor: employer_specialist
        name: {kk: "а", ru: "б", en: "c"}
)");
  ASSERT_FALSE(kind.has_value());
  EXPECT_EQ(kind.error().details[0].key, "field.not_one_of");
  EXPECT_EQ(Line(kind.error()), "12");
  auto audience = Load(std::string(kHeader) + R"(      - ref: "1.1"
        kind: outreach
        audiences: [employers, public]
        actor: employer_specialist
        name: {kk: "а", ru: "б", en: "c"}
)");
  ASSERT_FALSE(audience.has_value());
  EXPECT_EQ(audience.error().details[0].key, "field.not_one_of");
}

TEST(ActivityCatalogue, AnItemGivenTwiceOrAnUnknownActorIsRefused) {
  const std::string item = R"(      - ref: "1.1"
        kind: outreach
        audiences: [employers]
        actor: employer_specialist
        name: {kk: "а", ru: "б", en: "c"}
)";
  auto twice = Load(std::string(kHeader) + item + item);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().details[0].key, "reference.code_duplicate");
  std::string stranger = item;
  stranger.replace(stranger.find("employer_specialist"), 19, "janitor");
  auto actor = Load(std::string(kHeader) + stranger);
  ASSERT_FALSE(actor.has_value());
  EXPECT_EQ(actor.error().details[0].key, "reference.code_unknown");
}

}  // namespace
}  // namespace jumys::activities
