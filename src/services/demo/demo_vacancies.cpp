#include "services/demo/demo_vacancies.h"

#include <nlohmann/json.hpp>

#include "services/demo/demo_data.h"
#include "storage/audit_log.h"

namespace jumys::demo {

namespace {

using nlohmann::json;

enum class Seeded { kPublished, kScheduled, kStale };

struct DemoVacancy {
  const char* bin;
  const char* office;
  const char* title;
  const char* description;
  const char* nkz;  // shipped major groups only
  const char* kato;
  std::int64_t wage_tiyn;
  const char* working_time;
  int workplaces;
  json requirements;
  bool disability_suitable;
  int days_ago;  // published (or, scheduled: days ahead)
  Seeded state = Seeded::kPublished;
};

constexpr const char* kSyrQurylys = "150340004568";
constexpr const char* kAralTuz = "111240007891";
constexpr const char* kQambash = "190640001115";
constexpr const char* kCity = "431010000";
constexpr const char* kAral = "433200000";
constexpr const char* kPetropavl = "591010000";

json Req(std::initializer_list<std::pair<const char*, const char*>> must,
         std::initializer_list<std::pair<const char*, const char*>> nice) {
  json out = {{"must", json::array()}, {"nice", json::array()}};
  for (const auto& [k, v] : must) out["must"].push_back({{"kind", k}, {"value", v}});
  for (const auto& [k, v] : nice) out["nice"].push_back({{"kind", k}, {"value", v}});
  return out;
}

std::vector<DemoVacancy> Vacancies() {
  return {
      {kDemoEmployerBin, "kzo-city", "Балық өңдеу цехының жұмысшысы / Рабочий цеха рыбопереработки",
       "Балықты тазалау, сұрыптау, қаптау / Разделка, сортировка и упаковка рыбы", "9", kCity,
       180'000'00, "shift", 6, Req({}, {{"language", "kk"}}), true, 2},
      {kDemoEmployerBin, "kzo-city", "Тоңазытқыш көлік жүргізушісі / Водитель рефрижератора",
       "Қызылорда – Алматы рейстері / Рейсы Кызылорда – Алматы", "8", kCity, 350'000'00, "rotation",
       2, Req({{"driving_licence", "C"}, {"experience", "3"}}, {{"language", "ru"}}), false, 5},
      {kDemoEmployerBin, "kzo-city", "Бухгалтер / Бухгалтер",
       "Бастапқы құжаттар, салық есептілігі / Первичные документы, налоговая отчётность", "2",
       kCity, 300'000'00, "full_time", 1,
       Req({{"education", "higher"}, {"skill", "1С"}}, {{"experience", "2"}}), true, 9},
      {kDemoEmployerBin, "kzo-city", "Сатушы-кассир / Продавец-кассир",
       "Фирмалық балық дүкені / Фирменный рыбный магазин", "5", kCity, 160'000'00, "part_time", 2,
       Req({}, {{"language", "kk"}, {"language", "ru"}}), true, 1},
      {kSyrQurylys, "kzo-city", "Дәнекерлеуші / Сварщик",
       "Металл конструкцияларды дәнекерлеу / Сварка металлоконструкций", "7", kCity, 320'000'00,
       "full_time", 4, Req({{"skill", "электросварка"}}, {{"experience", "1"}}), false, 3},
      {kSyrQurylys, "kzo-city", "Тас қалаушы / Каменщик",
       "Тұрғын үй құрылысы / Жилищное строительство", "7", kCity, 280'000'00, "full_time", 5,
       Req({}, {{"experience", "1"}}), false, 12},
      {kSyrQurylys, "kzo-city", "Құрылыс жұмысшысы / Подсобный рабочий на стройке",
       "Материалдарды тасу, алаңды тазалау / Подноска материалов, уборка площадки", "9", kCity,
       170'000'00, "full_time", 8, Req({}, {}), false, 6},
      {kSyrQurylys, "kzo-city", "Смета инженері / Инженер-сметчик",
       "Құрылыс сметалары / Сметы на строительство", "2", kCity, 380'000'00, "remote", 1,
       Req({{"education", "higher"}}, {{"skill", "АВС-4"}}), true, 15},
      {kAralTuz, "kzo-aral", "Тұз өндіру операторы / Оператор солепромысла",
       "Тұз өндіру жабдығын басқару / Управление оборудованием добычи соли", "8", kAral, 290'000'00,
       "shift", 3, Req({{"experience", "1"}}, {{"skill", "техника қауіпсіздігі"}}), false, 4},
      {kAralTuz, "kzo-aral", "Қаптаушы / Упаковщик", "Тұзды қаптау желісі / Линия фасовки соли",
       "9", kAral, 150'000'00, "part_time", 4, Req({}, {}), true, 8},
      {kAralTuz, "kzo-aral", "Зертхана лаборанты / Лаборант",
       "Тұз сапасын бақылау / Контроль качества соли", "3", kAral, 210'000'00, "full_time", 1,
       Req({{"education", "technical"}}, {{"language", "kk"}}), true, 11},
      {kQambash, "kzo-aral", "Аспаз / Повар", "Демалыс базасының асханасы / Кухня базы отдыха", "5",
       kAral, 200'000'00, "rotation", 2, Req({{"experience", "1"}}, {{"language", "ru"}}), false,
       7},
      {kQambash, "kzo-aral", "Әкімші / Администратор базы отдыха",
       "Қонақтарды қабылдау, брондау / Приём гостей, бронирование", "4", kAral, 230'000'00,
       "full_time", 1, Req({{"language", "kk"}, {"language", "ru"}}, {{"language", "en"}}), true, 3,
       Seeded::kScheduled},
      // In the city, where the demo's employer-interaction specialist has it to confirm.
      {kSyrQurylys, "kzo-city", "Күзетші / Сторож", "Құрылыс алаңын күзету / Охрана стройплощадки",
       "5", kCity, 190'000'00, "shift", 2, Req({}, {{"experience", "1"}}), false, 0,
       Seeded::kStale},
      // In Petropavl, the region of arrival of the demo's relocation (P1), with housing: what a
      // job seeker moving from Kyzylorda oblast finds. Unit groups 8341 and 7212 in full NKZ.
      {kDemoNkoEmployerBin, "nko-petropavl",
       "Ауыл шаруашылығы тракторшы-машинисі / Тракторист-машинист сельскохозяйственного "
       "производства",
       "Егіс және орақ жұмыстары, К-700, Кировец; жатақхана беріледі / Посевная и уборочная, "
       "К-700, Кировец; предоставляется общежитие",
       "8", kPetropavl, 300'000'00, "shift", 5,
       Req({{"driving_licence", "C"}}, {{"experience", "2"}, {"language", "ru"}}), false, 4},
      {kDemoNkoEmployerBin, "nko-petropavl", "Электргазбен дәнекерлеуші / Электрогазосварщик",
       "Ауыл шаруашылығы техникасын жөндеу; жатақхана беріледі / Ремонт сельхозтехники; "
       "предоставляется общежитие",
       "7", kPetropavl, 320'000'00, "full_time", 3,
       Req({{"skill", "электросварка"}}, {{"experience", "1"}, {"language", "ru"}}), false, 6},
  };
}

storage::Value At(const std::optional<Instant>& at) {
  if (!at) return nullptr;
  return FormatRfc3339(*at);
}

}  // namespace

Expected<int> SeedDemoVacancies(storage::Database& db, Instant now, const RelevancePolicy& policy) {
  const std::string seeded_at = FormatRfc3339(now);
  constexpr auto kDay = std::chrono::hours(24);
  int written = 0;
  JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, tx.Query("SELECT COUNT(*) FROM vacancies"));
    if (existing.Int(0, 0) > 0) return {};
    for (const DemoVacancy& d : Vacancies()) {
      VacancyState state;
      if (d.state == Seeded::kScheduled) {
        state.status = VacancyStatus::kScheduled;
        state.times.publish_at = now + d.days_ago * kDay;
      } else if (d.state == Seeded::kStale) {
        if (policy.confirm_every_days <= 0) continue;  // nothing goes stale without a period
        state.status = VacancyStatus::kStale;
        state.times.relevant_since = now - (policy.confirm_every_days + 5) * kDay;
        state.times.stale_since = *state.times.relevant_since + policy.confirm_every_days * kDay;
      } else {
        state.status = VacancyStatus::kPublished;
        state.times.relevant_since = now - d.days_ago * kDay;
      }
      JUMYS_TRY(tx.Exec(
          "INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, "
          "wage_tiyn, working_time, workplaces, requirements, disability_suitable, status, "
          "publish_at, relevant_since, stale_since, next_change_at, created_by, created_at, "
          "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,"
          "'seed-demo',$17,$17)",
          {d.bin, d.office, d.title, d.description, d.nkz, d.kato, d.wage_tiyn, d.working_time,
           std::int64_t{d.workplaces}, d.requirements.dump(),
           std::int64_t{d.disability_suitable ? 1 : 0},
           std::string(VacancyStatusName(state.status)), At(state.times.publish_at),
           At(state.times.relevant_since), At(state.times.stale_since),
           At(NextTimedChange(state, policy)), seeded_at}));
      ++written;
    }
    return storage::AppendAudit(tx, {seeded_at,
                                     "seed-demo",
                                     "demo.seed_vacancies",
                                     "store",
                                     "demo",
                                     "kzo-oblast",
                                     {{"vacancies", written}}});
  }));
  return written;
}

}  // namespace jumys::demo
