#include "services/demo/demo_data.h"

#include "security/password.h"
#include "services/permits/permit_demo.h"
#include "storage/audit_log.h"
#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::demo {

namespace {

constexpr const char* kStandardHours =
    R"({"mon":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"tue":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"wed":{"hours":"09:00-18:30","lunch":"13:00-14:30"},)"
    R"("thu":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"fri":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"sat":null,"sun":null})";

struct DemoUser {
  const char* login;
  const char* full_name;
  const char* office;
  const char* roles;
  const char* iin;  // staff: the IIN of their EDS certificate (the dev CA's, see dev_ca.cpp)
  const char* bin;
};

// The demo job seeker's profile (docs/MATCHING.md), so that `employment` sees ranked vacancies:
// craft work or driving, in the oblast, from 250 000 tenge.
Status SeedDemoProfile(storage::Tx& tx, const std::string& now) {
  const nlohmann::json document = {
      {"occupations", nlohmann::json::array({"7", "8"})},
      {"skills", nlohmann::json::array({"дәнекерлеу", "жүк көлігін жүргізу"})},
      {"education", "vocational"},
      {"experience", {{{"nkz", "7"}, {"years", 6}}, {{"nkz", "8"}, {"years", 2}}}},
      {"languages", {{{"code", "kk"}, {"level", "native"}}, {{"code", "ru"}, {"level", "fluent"}}}},
      {"wage_tiyn", 250'000'00},
      {"working_times", nlohmann::json::array({"full_time", "shift"})},
      {"mobility", "oblast"},
      {"home_kato", "431010000"},
      {"driving_licences", nlohmann::json::array({"B", "C"})},
      {"disability", false},
      {"adaptations", nlohmann::json::array()}};
  JUMYS_TRY(tx.Exec(
      "INSERT INTO seeker_profiles (iin, document, home_kato, home_oblast, mobility, "
      "wage_tiyn, major_groups, created_by, updated_by, created_at, updated_at) VALUES "
      "($1, $2, '431010000', '43', 'oblast', 25000000, '78', 'seed-demo', 'seed-demo', $3, $3)",
      {kDemoSeekerIin, document.dump(), now}));
  return {};
}

}  // namespace

nlohmann::json DemoEmployerRequisites() {
  return {
      {"legal_name", "«Арал Балық» ЖШС"},     {"legal_address", "Қызылорда қ., Әйтеке би к-сі 1"},
      {"iban", "KZ86125KZT5004100100"},       {"bank_bic", "HSBKKZKX"},
      {"signatory_name", "Серікбаев Нұрлан"}, {"signatory_position", "Директор"}};
}

Expected<bool> SeedDemo(storage::Database& db, Instant now_instant) {
  const std::string now = FormatRfc3339(now_instant);
  const std::vector<storage::OfficeRecord> offices = {
      {"kzo-oblast",
       "Қызылорда облысының жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы",
       "Управление координации занятости и социальных программ Кызылординской области",
       "Kyzylorda Oblast Department of Employment Coordination and Social Programmes", "430000000",
       "430000000", "oblast", "Asia/Qyzylorda", kStandardHours},
      {"kzo-city", "Қызылорда қаласының жұмыспен қамту орталығы",
       "Центр занятости населения города Кызылорды", "Kyzylorda City Employment Centre",
       "431010000", "430000000", "centre", "Asia/Qyzylorda", kStandardHours},
      {"kzo-aral", "Арал ауданының жұмыспен қамту орталығы",
       "Центр занятости населения Аральского района", "Aral District Employment Centre",
       "433200000", "430000000", "centre", "Asia/Qyzylorda", kStandardHours},
      // The region of arrival of a relocation (P1). Asia/Almaty is UTC+5, as all Kazakhstan,
      // since 1 March 2024 (tzdata 2024a on).
      {"nko-oblast",
       "Солтүстік Қазақстан облысының жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар "
       "басқармасы",
       "Управление координации занятости и социальных программ Северо-Казахстанской области",
       "North Kazakhstan Oblast Department of Employment Coordination and Social Programmes",
       "590000000", "590000000", "oblast", "Asia/Almaty", kStandardHours},
      {"nko-petropavl", "Петропавл қаласының жұмыспен қамту орталығы",
       "Центр занятости населения города Петропавловска", "Petropavl City Employment Centre",
       "591010000", "590000000", "centre", "Asia/Almaty", kStandardHours},
  };
  const std::vector<DemoUser> users = {
      {"clerk", "Әлия Серікқызы Жұмабаева", "kzo-city", "office_clerk", "930402400015", ""},
      {"head", "Бауыржан Қайратұлы Оспанов", "kzo-city", "head", "780301300017", ""},
      {"executor", "Динара Ерланқызы Ахметова", "kzo-city", "executor", "880910400015", ""},
      {"employment", "Нұрлан Маратұлы Сейітов", "kzo-city", "employment_specialist", "", ""},
      {"employers", "Гүлнар Асанқызы Бекова", "kzo-city", "employer_specialist", "", ""},
      {"analyst", "Ержан Болатұлы Тәжібаев", "kzo-city", "analyst", "", ""},
      {"unit-head", "Райхан Жомартқызы Исаева", "kzo-city", "unit_head", "", ""},
      {"clerk2", "Айгүл Нұржанқызы Омарова", "kzo-aral", "office_clerk", "", ""},
      {"head2", "Самат Ғаниұлы Есенов", "kzo-aral", "head", "800612300014", ""},
      {"executor2", "Мадина Талғатқызы Құлова", "kzo-aral", "executor", "", ""},
      {"oblast-clerk", "Жанар Бекқызы Сәрсенова", "kzo-oblast", "office_clerk", "", ""},
      {"oblast-head", "Қанат Серікұлы Әбдіров", "kzo-oblast", "head", "740925300012", ""},
      {"oblast-executor", "Ләззат Әлиқызы Нұрова", "kzo-oblast", "executor", "", ""},
      {"commission", "Арман Досұлы Жақсылықов", "kzo-oblast", "commission_secretary", "", ""},
      {"member", "Талғат Серікұлы Бейсенов", "kzo-oblast", "commission_member", "", ""},
      {"admin", "Администратор жүйесі", "kzo-oblast", "admin", "", ""},
      {"national-admin", "Ұлттық әкімші", "kzo-oblast", "national_admin", "", ""},
      {"oblast-analyst", "Гүлмира Жақсылыққызы Оразбаева", "kzo-oblast", "analyst", "", ""},
      {"pet-clerk", "Наталья Викторовна Ковальчук", "nko-petropavl", "office_clerk", "", ""},
      {"pet-head", "Асхат Мұратұлы Жүсіпов", "nko-petropavl", "head", "790814300018", ""},
      {"pet-employment", "Елена Сергеевна Морозова", "nko-petropavl", "employment_specialist", "",
       ""},
      {"pet-employers", "Данияр Серікұлы Қасымов", "nko-petropavl", "employer_specialist", "", ""},
      {"nko-oblast-head", "Сергей Николаевич Петренко", "nko-oblast", "head", "750611300017", ""},
      {"nko-analyst", "Айнұр Бекболатқызы Смағұлова", "nko-oblast", "analyst", "", ""},
      {"seeker", "Ерлан Серікұлы Нұрпейісов", "", "job_seeker", kDemoSeekerIin, ""},
      {"mover", "Жанат Мұхтарұлы Қалиев", "", "job_seeker", kDemoMoverIin, ""},
      {"employer", "«Арал Балық» ЖШС", "", "employer", "", kDemoEmployerBin},
      {"employer-nko", "«Петропавл Агро» ЖШС", "", "employer", "", kDemoNkoEmployerBin},
  };
  const std::vector<storage::PersonRecord> people = {
      {kDemoSeekerIin, "Нұрпейісов", "Ерлан", "Серікұлы", "1990-05-15", "male", "kzo-city",
       "+7 701 000 0001", "Қызылорда қ., Абай даңғылы 1", "", ""},
      // His family, who would move with him (P1).
      {kDemoSpouseIin, "Нұрпейісова", "Айгерім", "Бақытқызы", "1992-03-08", "female", "kzo-city",
       "+7 701 000 0004", "Қызылорда қ., Абай даңғылы 1", "", ""},
      {kDemoChildIin, "Нұрпейісов", "Әли", "Ерланұлы", "2016-09-21", "male", "kzo-city", "",
       "Қызылорда қ., Абай даңғылы 1", "", ""},
      {kDemoMoverIin, "Қалиев", "Жанат", "Мұхтарұлы", "1987-04-14", "male", "kzo-city",
       "+7 701 000 0005", "Қызылорда қ., Тоқмағамбетов к-сі 7", "", ""},
      {kDemoMoverSpouseIin, "Қалиева", "Динара", "Асқарқызы", "1989-10-02", "female", "kzo-city",
       "+7 701 000 0006", "Қызылорда қ., Тоқмағамбетов к-сі 7", "", ""},
      {kDemoMoverChildIin, "Қалиева", "Аяулым", "Жанатқызы", "2015-06-03", "female", "kzo-city", "",
       "Қызылорда қ., Тоқмағамбетов к-сі 7", "", ""},
      {"851102400347", "Ахметова", "Сәуле", "Маратқызы", "1985-11-02", "female", "kzo-city",
       "+7 701 000 0002", "Қызылорда қ., Желтоқсан к-сі 12", "", ""},
      {"951203400783", "Иванова", "Ольга", "Петровна", "1995-12-03", "female", "kzo-city", "", "",
       "", ""},
      {"780611300895", "Тұрсынов", "Бақыт", "Әбенұлы", "1978-06-11", "male", "kzo-city", "", "", "",
       ""},
      {"880722300562", "Жұмағалиев", "Асқар", "Төлегенұлы", "1988-07-22", "male", "kzo-aral",
       "+7 702 000 0003", "Арал қ., Горький к-сі 5", "", ""},
      {"010201500671", "Сейітқали", "Ерасыл", "Қанатұлы", "2001-02-01", "male", "kzo-aral", "", "",
       "", ""},
      {"970808400911", "Әбілқызы", "Жансая", "", "1997-08-08", "female", "kzo-aral", "", "", "",
       ""},
  };
  const std::vector<storage::EmployerRecord> employers = {
      {kDemoEmployerBin, "«Арал Балық» ЖШС / ТОО «Арал Балык»", "2008-05-14", "431010000",
       "kzo-city", "", ""},
      {"150340004568", "«Сыр Құрылыс» ЖШС / ТОО «Сыр Курылыс»", "2015-03-02", "431010000",
       "kzo-city", "", ""},
      {"111240007891", "«Арал Тұз» АҚ / АО «Арал Туз»", "2011-12-20", "433200000", "kzo-aral", "",
       ""},
      {"190640001115", "«Қамбаш» ЖШС / ТОО «Камбаш»", "2019-06-05", "433200000", "kzo-aral", "",
       ""},
      {kDemoNkoEmployerBin, "«Петропавл Агро» ЖШС / ТОО «Петропавл Агро»", "2012-09-18",
       "591010000", "nko-petropavl", "", ""},
  };
  const std::string password_hash = HashPassword(kDemoPassword);
  bool seeded = false;
  JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto user_count, storage::CountUsers(tx));
    if (user_count > 0) return {};
    for (const auto& o : offices) JUMYS_TRY(storage::UpsertOffice(tx, o, now));
    for (const auto& u : users) {
      storage::UserRecord rec;
      rec.login = u.login;
      rec.kind = *u.office ? "staff" : "applicant";
      rec.full_name = u.full_name;
      rec.office_id = u.office;
      rec.roles = u.roles;
      rec.iin = u.iin;
      rec.bin = u.bin;
      rec.password_hash = password_hash;
      JUMYS_TRY(storage::InsertUser(tx, rec, now));
    }
    for (const auto& p : people) JUMYS_TRY(storage::UpsertPerson(tx, p, now));
    for (const auto& e : employers) JUMYS_TRY(storage::UpsertEmployer(tx, e, now));
    // Two people already registered as job seekers, so S2 and S3 can be tried at once.
    for (const auto& [iin, office] :
         {std::pair{"851102400347", "kzo-city"}, std::pair{"880722300562", "kzo-aral"}}) {
      JUMYS_TRY(storage::UpsertEmploymentCard(
          tx, {iin, office, "job_seeker", "2026-10-01", std::nullopt, std::nullopt, now, now}));
      JUMYS_TRY(storage::AppendCardHistory(
          tx, {0, iin, now, "seed-demo", "created", std::nullopt, {{"status", "job_seeker"}}}));
    }
    JUMYS_TRY(SeedDemoProfile(tx, now));
    // Revenue data as of the seeding day, so it is fresh for the check at submission (P2 1.3,
    // reference/revenue/freshness.yaml) when the demo starts.
    const std::string today = FormatDate(Date{std::chrono::floor<std::chrono::days>(now_instant)});
    JUMYS_TRY(storage::UpsertRevenue(tx, {kDemoEmployerBin, today, 0, 0, now, "seed-demo"}));
    JUMYS_TRY(storage::UpsertRevenue(tx, {"150340004568", today, 1'250'000, 0, now, "seed-demo"}));
    JUMYS_TRY(permits::SeedPermitDemo(tx, now_instant, kDemoEmployerBin));
    seeded = true;
    return storage::AppendAudit(tx, {now,
                                     "seed-demo",
                                     "demo.seed",
                                     "store",
                                     "demo",
                                     "kzo-oblast",
                                     {{"offices", offices.size()},
                                      {"users", users.size()},
                                      {"people", people.size()},
                                      {"employers", employers.size()}}});
  }));
  return seeded;
}

}  // namespace jumys::demo
