// The registry's rules without HTTP, on SQLite over the demo data (seed-demo): offices
// kzo-city and kzo-aral, and the oblast department kzo-oblast above them.
#include "services/registry/registry_service.h"

#include <gtest/gtest.h>

#include "core/identifiers.h"
#include "services/testing/demo_store.h"
#include "storage/audit_log.h"
#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::registry {
namespace {

const Instant kNow{std::chrono::seconds(testing::kHarnessMonday10Local)};
constexpr const char* kCityPerson = "851102400347";  // registered at kzo-city
constexpr const char* kAralEmployer = "111240007891";
constexpr const char* kCsvHeader = "bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\n";

class RegistryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    read_log_ = std::make_unique<storage::AuditReadLog>(*db_, std::chrono::milliseconds(50));
    service_ = std::make_unique<RegistryService>(*db_, offices_, *read_log_, [] { return kNow; });
  }

  Actor Staff(const std::string& login, const std::string& office_id) {
    auto office = offices_.Find(office_id);
    EXPECT_TRUE(office) << office_id;
    Actor a;
    a.user_id = 1;
    a.login = login;
    a.office_id = office_id;
    a.oblast_kato = office ? office->oblast_kato : "";
    a.oblast_scope = office && office->oblast_level;
    return a;
  }
  Actor Seeker() {
    Actor a;
    a.user_id = 2;
    a.login = "seeker";
    a.applicant = true;
    a.iin = demo::kDemoSeekerIin;
    return a;
  }

  // The events of one action, after the buffered read events are written.
  std::vector<testing::AuditRow> Audit(const std::string& action) {
    EXPECT_TRUE(read_log_->Flush().has_value());
    return store_.Audit(action);
  }
  std::int64_t AuditCount() {
    EXPECT_TRUE(read_log_->Flush().has_value());
    auto v = storage::VerifyAudit(*db_);
    EXPECT_TRUE(v.has_value() && v->ok);
    return v.has_value() ? v->events : -1;
  }

  std::optional<Person> StoredPerson(const std::string& iin) {
    std::optional<Person> p;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     JUMYS_ASSIGN_OR_RETURN(p, storage::FindPerson(tx, iin));
                     return {};
                   })
                    .has_value());
    return p;
  }
  std::optional<Revenue> StoredRevenue(const std::string& bin) {
    std::optional<Revenue> r;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     JUMYS_ASSIGN_OR_RETURN(r, storage::FindRevenue(tx, bin));
                     return {};
                   })
                    .has_value());
    return r;
  }

  testing::DemoStore store_;
  storage::Database* db_ = &store_.db();
  OfficeDirectory& offices_ = store_.offices();
  std::unique_ptr<storage::AuditReadLog> read_log_;
  std::unique_ptr<RegistryService> service_;
};

TEST_F(RegistryServiceTest, AnEmployerWhoseRegistrationDateDisagreesWithTheBinIsRefused) {
  const auto specialist = Staff("employers", "kzo-city");
  const auto before = AuditCount();
  // 150340004568 records March 2015.
  auto wrong_year =
      service_->RegisterEmployer(specialist, {"150340004568", "X", "2016-03-02", "431010000"});
  ASSERT_FALSE(wrong_year.has_value());
  EXPECT_EQ(wrong_year.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(wrong_year.error().message, "registered_on: does not match the month the BIN records");
  EXPECT_EQ(wrong_year.error().key, "employer.registered_month");
  EXPECT_EQ(wrong_year.error().details.at(0).field, "registered_on");
  auto wrong_month =
      service_->RegisterEmployer(specialist, {"150340004568", "X", "2015-04-01", "431010000"});
  ASSERT_FALSE(wrong_month.has_value());
  EXPECT_EQ(wrong_month.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(AuditCount(), before);

  // Another day of the same month agrees: an update of the existing record.
  auto agreed = service_->RegisterEmployer(
      specialist, {"150340004568", "«Сыр Құрылыс» ЖШС", "2015-03-31", "431010000"});
  ASSERT_TRUE(agreed.has_value()) << agreed.error().message;
  EXPECT_FALSE(agreed->created);
  EXPECT_EQ(agreed->record.registered_on, "2015-03-31");
  EXPECT_EQ(agreed->record.office_id, "kzo-city");
}

TEST_F(RegistryServiceTest, AnEmployerRegisteredInTheFutureOrWithABadKatoIsRefused) {
  const auto specialist = Staff("employers", "kzo-city");
  auto next_month = AppendCheckDigit("26124000123");  // December 2026, after kNow
  ASSERT_TRUE(next_month);
  auto future =
      service_->RegisterEmployer(specialist, {*next_month, "X", "2026-12-01", "431010000"});
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().message, "registered_on: must not be in the future");
  EXPECT_EQ(future.error().key, "field.in_future");
  auto kato =
      service_->RegisterEmployer(specialist, {"150340004568", "X", "2015-03-02", "43101000A"});
  ASSERT_FALSE(kato.has_value());
  EXPECT_EQ(kato.error().code, ErrorCode::kUnprocessable);
  auto bad_bin =
      service_->RegisterEmployer(specialist, {"150340004569", "X", "2015-03-02", "431010000"});
  ASSERT_FALSE(bad_bin.has_value());
  EXPECT_EQ(bad_bin.error().code, ErrorCode::kUnprocessable);
}

TEST_F(RegistryServiceTest, ANewEmployerIsRegisteredAtTheCallersOfficeAndAudited) {
  auto bin = AppendCheckDigit("20114000999");  // November 2020
  ASSERT_TRUE(bin);
  auto created = service_->RegisterEmployer(Staff("employers", "kzo-city"),
                                            {*bin, "«Жаңа» ЖШС", "2020-11-05", "431010000"});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->record.office_id, "kzo-city");
  EXPECT_EQ(created->record.created_at, FormatRfc3339(kNow));
  auto events = Audit("employer.create");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "employers");
  EXPECT_EQ(events[0].entity_id, *bin);
  EXPECT_EQ(events[0].office_id, "kzo-city");
  EXPECT_EQ(events[0].data["registered_on"], "2020-11-05");
}

TEST_F(RegistryServiceTest, AnotherOfficesClerkNeitherSeesNorEditsAPerson) {
  const auto aral = Staff("clerk2", "kzo-aral");
  auto read = service_->ReadPerson(aral, kCityPerson, "r1");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);  // existence does not leak
  const auto before = AuditCount();
  // Registering them is a transfer request, answered as a new registration would be.
  auto write = service_->RegisterPerson(aral, {kCityPerson, "Басқа", "Біреу", "", "", ""});
  ASSERT_TRUE(write.has_value()) << write.error().message;
  EXPECT_TRUE(write->created);
  EXPECT_EQ(write->record.office_id, "kzo-aral");
  EXPECT_EQ(write->record.surname, "Басқа");
  EXPECT_EQ(AuditCount(), before + 1);  // person.transfer_request
  EXPECT_EQ(StoredPerson(kCityPerson)->surname, "Ахметова");
  EXPECT_EQ(StoredPerson(kCityPerson)->office_id, "kzo-city");
}

TEST_F(RegistryServiceTest, OblastStaffSeeAndEditAPersonWhoStaysAtTheirOffice) {
  const auto oblast = Staff("oblast-clerk", "kzo-oblast");
  auto read = service_->ReadPerson(oblast, kCityPerson, "r1");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->birth_date, "1985-11-02");
  auto write = service_->RegisterPerson(
      oblast, {kCityPerson, "Ахметова", "Сәуле", "Маратқызы", "+7 701 999 0000", ""});
  ASSERT_TRUE(write.has_value()) << write.error().message;
  EXPECT_FALSE(write->created);
  EXPECT_EQ(write->record.office_id, "kzo-city");
  EXPECT_EQ(write->record.phone, "+7 701 999 0000");
}

TEST_F(RegistryServiceTest, ApplicantsSeeOnlyTheirOwnRecord) {
  auto own = service_->ReadPerson(Seeker(), demo::kDemoSeekerIin, "r1");
  ASSERT_TRUE(own.has_value()) << own.error().message;
  auto other = service_->ReadPerson(Seeker(), kCityPerson, "r2");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
}

TEST_F(RegistryServiceTest, EmployersFollowTheSameOfficeOwnership) {
  const auto city = Staff("employers", "kzo-city");
  auto read = service_->ReadEmployer(city, kAralEmployer);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
  auto revenue = service_->ReadRevenue(city, kAralEmployer);
  ASSERT_FALSE(revenue.has_value());
  EXPECT_EQ(revenue.error().code, ErrorCode::kNotFound);
  auto write = service_->RegisterEmployer(city, {kAralEmployer, "X", "2011-12-20", "433200000"});
  ASSERT_TRUE(write.has_value()) << write.error().message;  // a transfer request
  EXPECT_EQ(write->record.office_id, "kzo-city");
  EXPECT_TRUE(service_->ReadEmployer(Staff("clerk2", "kzo-aral"), kAralEmployer).has_value());

  const auto oblast = Staff("oblast-clerk", "kzo-oblast");
  EXPECT_TRUE(service_->ReadEmployer(oblast, kAralEmployer).has_value());
  auto edited = service_->RegisterEmployer(
      oblast, {kAralEmployer, "«Арал Тұз» АҚ", "2011-12-20", "433200000"});
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  EXPECT_EQ(edited->record.office_id, "kzo-aral");
}

TEST_F(RegistryServiceTest, TheCardIsReadByStaffOfTheCardsOfficeOrThePersonsOffice) {
  // A city person whose card is kept at Aral (a hand-off).
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   JUMYS_TRY(storage::UpsertEmploymentCard(
                       tx, {kCityPerson, "kzo-aral", "job_seeker", "2026-11-01", std::nullopt,
                            std::nullopt, "2026-11-01T05:00:00Z", "2026-11-01T05:00:00Z"}));
                   return {};
                 })
                  .has_value());
  EXPECT_TRUE(
      service_->ReadEmploymentCard(Staff("clerk", "kzo-city"), kCityPerson, "r").has_value());
  EXPECT_TRUE(
      service_->ReadEmploymentCard(Staff("clerk2", "kzo-aral"), kCityPerson, "r").has_value());

  // 880722300562: person and card both at Aral.
  auto city = service_->ReadEmploymentCard(Staff("clerk", "kzo-city"), "880722300562", "r");
  ASSERT_FALSE(city.has_value());
  EXPECT_EQ(city.error().code, ErrorCode::kNotFound);
  auto oblast =
      service_->ReadEmploymentCard(Staff("oblast-clerk", "kzo-oblast"), "880722300562", "r9");
  ASSERT_TRUE(oblast.has_value()) << oblast.error().message;
  EXPECT_EQ(oblast->card.status, "job_seeker");
  ASSERT_EQ(oblast->history.size(), 1u);
  EXPECT_EQ(oblast->history[0].action, "created");
  auto events = Audit("employment_card.read");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].actor, "oblast-clerk");
  EXPECT_EQ(events[2].entity_id, "880722300562");
  EXPECT_EQ(events[2].data["request_id"], "r9");

  auto none = service_->ReadEmploymentCard(Seeker(), demo::kDemoSeekerIin, "r");
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
}

TEST_F(RegistryServiceTest, RegisteringAndReadingAPersonIsAudited) {
  const auto aral = Staff("clerk2", "kzo-aral");
  auto created = service_->RegisterPerson(
      aral, {"950515400122", "Қасымова", "Аружан", "", "+7 705 111 2233", ""});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->record.office_id, "kzo-aral");
  EXPECT_EQ(created->record.sex, "female");
  EXPECT_EQ(created->record.birth_date, "1995-05-15");
  EXPECT_EQ(created->record.created_at, FormatRfc3339(kNow));
  auto events = Audit("person.create");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "clerk2");
  EXPECT_EQ(events[0].entity_id, "950515400122");
  EXPECT_EQ(events[0].office_id, "kzo-aral");
  EXPECT_EQ(events[0].data["surname"], "Қасымова");
  EXPECT_EQ(events[0].data["phone"], "+7 705 111 2233");

  ASSERT_TRUE(service_->ReadPerson(aral, "950515400122", "req-7").has_value());
  auto reads = Audit("person.read");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].actor, "clerk2");
  EXPECT_EQ(reads[0].entity_id, "950515400122");
  EXPECT_EQ(reads[0].data["request_id"], "req-7");
}

TEST_F(RegistryServiceTest, RegisteringAPersonTwiceUpdatesTheOneRecord) {
  const auto aral = Staff("clerk2", "kzo-aral");
  ASSERT_TRUE(service_->RegisterPerson(aral, {"950515400122", "Қасымова", "Аружан", "", "", ""})
                  .has_value());
  auto again =
      service_->RegisterPerson(aral, {"950515400122", "Қасымова", "Аружан", "", "", "Арал қ."});
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->record.address, "Арал қ.");
  EXPECT_EQ(Audit("person.create").size(), 1u);
  EXPECT_EQ(Audit("person.update").size(), 1u);
}

TEST_F(RegistryServiceTest, APersonBornAfterTodayOrWithABadIinIsRefused) {
  const auto clerk = Staff("clerk", "kzo-city");
  auto unborn = AppendCheckDigit("27010150012");  // 2027-01-01, after kNow
  ASSERT_TRUE(unborn);
  auto future = service_->RegisterPerson(clerk, {*unborn, "A", "B", "", "", ""});
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().message, "iin: IIN birth date is in the future");
  EXPECT_EQ(future.error().key, "iin.born_in_future");
  auto bad = service_->RegisterPerson(clerk, {"851102400348", "A", "B", "", "", ""});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnprocessable);
  EXPECT_TRUE(Audit("person.create").empty());
}

TEST_F(RegistryServiceTest, ABlankNameOfAPersonOrEmployerIsRefused) {
  const auto clerk = Staff("clerk", "kzo-city");
  const auto before = AuditCount();
  for (const char* blank : {"", "  ", "\t", "\xC2\xA0 \xE2\x80\x83"}) {
    auto surname = service_->RegisterPerson(clerk, {"851102400347", blank, "B", "", "", ""});
    ASSERT_FALSE(surname.has_value());
    EXPECT_EQ(surname.error().code, ErrorCode::kUnprocessable);
    EXPECT_EQ(surname.error().key, "field.empty");
    EXPECT_EQ(surname.error().details.at(0).field, "surname");
    auto given = service_->RegisterPerson(clerk, {"851102400347", "A", blank, "", "", ""});
    ASSERT_FALSE(given.has_value());
    EXPECT_EQ(given.error().details.at(0).field, "given_name");
    auto employer = service_->RegisterEmployer(Staff("employers", "kzo-city"),
                                               {"150340004568", blank, "2015-03-02", "431010000"});
    ASSERT_FALSE(employer.has_value());
    EXPECT_EQ(employer.error().code, ErrorCode::kUnprocessable);
    EXPECT_EQ(employer.error().details.at(0).field, "name");
  }
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(RegistryServiceTest, GoodRevenueRowsAreImportedAndAudited) {
  const auto admin = Staff("admin", "kzo-oblast");
  const std::string csv = std::string(kCsvHeader) +
                          "080540001238,2026-11-20,500,70\r\n"
                          "\n"
                          " 111240007891 , 2026-11-20 , 0 , 125 \r\n";
  auto imported = service_->ImportRevenue(admin, csv);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(*imported, 2u);
  auto demo = StoredRevenue(demo::kDemoEmployerBin);
  ASSERT_TRUE(demo);
  EXPECT_EQ(demo->tax_arrears_tiyn, 500);
  EXPECT_EQ(demo->social_arrears_tiyn, 70);
  EXPECT_EQ(demo->as_of, "2026-11-20");
  EXPECT_EQ(demo->imported_by, "admin");
  EXPECT_EQ(StoredRevenue(kAralEmployer)->social_arrears_tiyn, 125);
  auto events = Audit("revenue.import");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "admin");
  EXPECT_EQ(events[0].office_id, "kzo-oblast");
  EXPECT_EQ(events[0].data["rows"], 2);
  EXPECT_EQ(events[0].data["sha256"].get<std::string>().size(), 64u);
}

TEST_F(RegistryServiceTest, ABadRevenueRowIsNamedByItsLineAndNothingIsWritten) {
  const auto admin = Staff("admin", "kzo-oblast");
  const auto before = AuditCount();
  const std::string csv = std::string(kCsvHeader) +
                          "080540001238,2026-11-20,500,0\n"
                          "\n"
                          "111240007891,2026-11-20,12x,0\n"
                          "111240007891,2026-11-20,0\n";
  auto rejected = service_->ImportRevenue(admin, csv);
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(rejected.error().message, "the file has invalid rows");
  EXPECT_EQ(rejected.error().key, "csv.invalid_rows");
  // Each bad row is a detail: its line, its own key and params.
  const auto& details = rejected.error().details;
  ASSERT_EQ(details.size(), 2u);
  EXPECT_EQ(details[0].field, "line 4");
  EXPECT_EQ(details[0].key, "csv.not_tiyn");
  EXPECT_EQ(details[0].params, (MessageParams{{"value", "12x"}, {"line", "4"}}));
  EXPECT_EQ(details[0].message, "'12x' is not a non-negative amount in tiyn");
  EXPECT_EQ(details[1].field, "line 5");
  EXPECT_EQ(details[1].key, "csv.field_count");
  EXPECT_EQ(details[1].params, (MessageParams{{"expected", "4"}, {"found", "3"}, {"line", "5"}}));
  EXPECT_EQ(details[1].message, "expected 4 fields, found 3");
  // The good row before it was not written either.
  EXPECT_EQ(StoredRevenue(demo::kDemoEmployerBin)->tax_arrears_tiyn, 0);
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(RegistryServiceTest, ARevenueFileWithoutItsHeaderIsRefused) {
  const auto admin = Staff("admin", "kzo-oblast");
  auto empty = service_->ImportRevenue(admin, " \r\n\n");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message, "the file is empty");
  auto headless = service_->ImportRevenue(admin, "080540001238,2026-11-20,500,0\n");
  ASSERT_FALSE(headless.has_value());
  EXPECT_EQ(headless.error().message,
            "the first line must be the header bin,as_of,tax_arrears_tiyn,social_arrears_tiyn");
  EXPECT_TRUE(Audit("revenue.import").empty());
}

TEST_F(RegistryServiceTest, ADuplicateBinInARevenueFileKeepsItsLastRow) {
  const auto admin = Staff("admin", "kzo-oblast");
  const std::string csv = std::string(kCsvHeader) +
                          "080540001238,2026-11-20,500,0\n"
                          "080540001238,2026-11-21,900,10\n";
  auto imported = service_->ImportRevenue(admin, csv);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(*imported, 2u);  // rows read, not distinct employers
  auto stored = StoredRevenue(demo::kDemoEmployerBin);
  EXPECT_EQ(stored->as_of, "2026-11-21");
  EXPECT_EQ(stored->tax_arrears_tiyn, 900);
  EXPECT_EQ(stored->social_arrears_tiyn, 10);
}

}  // namespace
}  // namespace jumys::registry
