// Office administration on SQLite over the demo data.
#include "services/offices/office_admin.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "services/testing/demo_store.h"
#include "storage/repositories/repositories.h"

namespace jumys::offices {
namespace {

const Instant kNow{std::chrono::seconds(testing::kHarnessMonday10Local)};

class OfficeAdministrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = std::make_unique<OfficeAdministration>(*db_, offices_, [] { return kNow; });
    admin_ = store_.As("admin");  // of the oblast department kzo-oblast
  }

  // The office as loaded, as an edit that changes nothing.
  OfficeEdit EditOf(const std::string& id) {
    auto o = offices_.Find(id);
    EXPECT_TRUE(o) << id;
    if (!o) return {};
    return {o->id,
            o->name_kk,
            o->name_ru,
            o->name_en,
            o->kato,
            o->oblast_kato,
            o->oblast_level ? "oblast" : "centre",
            o->time_zone_name,
            o->hours};
  }

  std::vector<storage::OfficeRecord> StoredOffices() {
    std::vector<storage::OfficeRecord> out;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     JUMYS_ASSIGN_OR_RETURN(out, storage::ListOffices(tx));
                     return {};
                   })
                    .has_value());
    return out;
  }

  std::vector<testing::AuditRow> OfficeEvents() { return store_.Audit("office.upsert"); }

  void ExpectRefused(const OfficeEdit& edit, ErrorCode code, const std::string& message_part) {
    const auto before = StoredOffices();
    auto r = service_->PutOffice(admin_, edit);
    ASSERT_FALSE(r.has_value()) << edit.id;
    EXPECT_EQ(r.error().code, code) << r.error().message;
    EXPECT_NE(r.error().message.find(message_part), std::string::npos) << r.error().message;
    EXPECT_EQ(StoredOffices().size(), before.size());
    EXPECT_EQ(OfficeEvents().size(), 0u);
  }

  testing::DemoStore store_;
  storage::Database* db_ = &store_.db();
  OfficeDirectory& offices_ = store_.offices();
  std::unique_ptr<OfficeAdministration> service_;
  Actor admin_;
};

TEST_F(OfficeAdministrationTest, AnEditIsStoredAuditedAndInTheDirectoryAtOnce) {
  auto edit = EditOf("kzo-city");
  edit.hours.days[5] = DayHours{10 * 60, 14 * 60, 0, 0};  // Saturday 10:00-14:00, no lunch
  edit.name_en = "Kyzylorda City Employment Centre No. 1";
  auto r = service_->PutOffice(admin_, edit);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_TRUE((*r)->hours.days[5]);
  EXPECT_EQ((*r)->hours.days[5]->open, 10 * 60);
  // The directory every scope check and deadline reads is the reloaded one.
  auto loaded = offices_.Find("kzo-city");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->name_en, "Kyzylorda City Employment Centre No. 1");
  EXPECT_TRUE(loaded->hours.days[5]);
  bool stored = false;
  for (const auto& o : StoredOffices()) {
    if (o.id != "kzo-city") continue;
    stored = true;
    EXPECT_EQ(nlohmann::json::parse(o.hours), OfficeHoursToJson(edit.hours));
  }
  EXPECT_TRUE(stored);
  auto events = OfficeEvents();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "admin");
  EXPECT_EQ(events[0].entity_id, "kzo-city");
  EXPECT_EQ(events[0].office_id, "kzo-city");
  auto data = events[0].data;
  EXPECT_EQ(data["name"]["en"], "Kyzylorda City Employment Centre No. 1");
  EXPECT_EQ(data["level"], "centre");
  EXPECT_EQ(data["hours"], OfficeHoursToJson(edit.hours));
}

TEST_F(OfficeAdministrationTest, ANewOfficeOfTheOblastIsCreated) {
  auto edit = EditOf("kzo-aral");
  edit.id = "kzo-kazaly";
  edit.kato = "434400000";
  auto r = service_->PutOffice(admin_, edit);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ((*r)->id, "kzo-kazaly");
  EXPECT_EQ(offices_.All().size(), 6u);  // the demo's five and this one
  EXPECT_EQ(StoredOffices().size(), 6u);
}

TEST_F(OfficeAdministrationTest, TheIdMustBeLowerCaseLettersDigitsAndDashes) {
  for (const char* id : {"", "Kzo-City", "kzo_city", "kzo city"}) {
    auto edit = EditOf("kzo-city");
    edit.id = id;
    ExpectRefused(edit, ErrorCode::kUnprocessable, "office id");
  }
  auto edit = EditOf("kzo-city");
  edit.id = std::string(41, 'a');
  ExpectRefused(edit, ErrorCode::kUnprocessable, "office id");
}

TEST_F(OfficeAdministrationTest, KatoCodesMustHaveNineDigits) {
  auto edit = EditOf("kzo-city");
  edit.kato = "43101000";
  ExpectRefused(edit, ErrorCode::kUnprocessable, "KATO");
  edit = EditOf("kzo-city");
  edit.oblast_kato = "43000000x";
  ExpectRefused(edit, ErrorCode::kUnprocessable, "KATO");
}

TEST_F(OfficeAdministrationTest, TheLevelIsCentreOrOblast) {
  auto edit = EditOf("kzo-city");
  edit.level = "district";
  ExpectRefused(edit, ErrorCode::kUnprocessable, "level");
}

TEST_F(OfficeAdministrationTest, TheTimeZoneMustBeKnown) {
  auto edit = EditOf("kzo-city");
  edit.time_zone = "Mars/Olympus";
  ExpectRefused(edit, ErrorCode::kUnprocessable, "time zone");
}

TEST_F(OfficeAdministrationTest, TheHoursMustBeValid) {
  auto edit = EditOf("kzo-city");
  edit.hours.days[0] = DayHours{14 * 60, 10 * 60, 0, 0};  // closes before it opens
  ExpectRefused(edit, ErrorCode::kUnprocessable, "opening must be before closing");
}

TEST_F(OfficeAdministrationTest, AnOfficeCannotBePlacedInAnotherOblast) {
  auto edit = EditOf("kzo-city");
  edit.oblast_kato = "750000000";
  ExpectRefused(edit, ErrorCode::kForbidden, "own oblast");
  EXPECT_EQ(offices_.Find("kzo-city")->oblast_kato, "430000000");
}

TEST_F(OfficeAdministrationTest, AnotherOblastsOfficeAnswersLikeAnUnknownOne) {
  Actor almaty = admin_;
  almaty.login = "almaty-admin";
  almaty.oblast_kato = "750000000";
  auto edit = EditOf("kzo-city");
  edit.oblast_kato = "750000000";  // claimed for the other oblast
  auto r = service_->PutOffice(almaty, edit);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(offices_.Find("kzo-city")->oblast_kato, "430000000");
  EXPECT_EQ(OfficeEvents().size(), 0u);
}

}  // namespace
}  // namespace jumys::offices
