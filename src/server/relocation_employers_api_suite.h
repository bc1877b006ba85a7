#pragma once
// P1's employers' side (processes/relocation-employers, docs/RELOCATION_EMPLOYERS.md) through the
// API, on SQLite (relocation_employers_api_test.cpp) and PostgreSQL
// (relocation_employers_api_pgtest.cpp): the employer files from the cabinet, the specialist
// accepts, reviews, includes and enters the vacancies, which are public at once as P1 vacancies
// of another oblast that a job seeker willing to move anywhere finds; a refusal with grounds;
// bad requisites and a bad occupation refused naming their fields.
#include "server/case_api_support.h"
#include "services/demo/demo_data.h"
#include "services/reference/reference_data.h"

namespace jumys::testing {

class RelocationEmployersApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kProcess = "relocation-employers";
  static constexpr const char* kBin = "080540001238";  // the demo employer
  static constexpr const char* kSeeker = "900515300127";
  // Petropavl, North Kazakhstan: a region of arrival, another oblast than the demo's Kyzylorda.
  static constexpr const char* kPetropavl = "591010000";

  // The demo's KATO codes and a region of arrival: test data, not the shipped subset.
  void ImportPlaces() {
    auto counts = reference::ImportClassifierText(
        api_.runtime().db(), reference::ClassifierKind::kKato,
        "code,parent,name_kk,name_ru,name_en\n"
        "430000000,,Қызылорда облысы,Кызылординская область,Kyzylorda Region\n"
        "431010000,430000000,Қызылорда қаласы,город Кызылорда,Kyzylorda city\n"
        "433200000,430000000,Арал ауданы,Аральский район,Aral District\n"
        "590000000,,Солтүстік Қазақстан облысы,Северо-Казахстанская область,North Kazakhstan "
        "Region\n"
        "591010000,590000000,Петропавл қаласы,город Петропавловск,Petropavl city\n",
        api_.Now());
    ASSERT_TRUE(counts) << counts.error().message;
  }

  static json Application() {
    return {{"requisites", demo::DemoEmployerRequisites()},
            {"subsidy_requested", true},
            {"workplaces_offered", 5},
            {"place", kPetropavl}};
  }

  http::HttpResponse FileFromCabinet(const json& data) {
    return Post(
        "/api/v1/cases",
        SignedRequest(
            {{"process", kProcess}, {"channel", "portal"}, {"office", "kzo-city"}, {"data", data}},
            "employer"),
        "employer");
  }

  static json Vacancy(const std::string& position, const std::string& nkz, int workplaces,
                      std::int64_t wage_tiyn) {
    return {{"position", position},
            {"occupation", nkz},
            {"workplaces", workplaces},
            {"monthly_wage", {{"amount", wage_tiyn}, {"currency", "KZT"}}}};
  }

  // Every row of a query, columns joined by '|', one line per row.
  std::string Table(const std::string& sql) {
    std::string out;
    auto read = api_.runtime().db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows.columns().size(); ++c) {
          out += (c ? "|" : "") + rows.Optional(r, c).value_or("NULL");
        }
        out += "\n";
      }
      return {};
    });
    EXPECT_TRUE(read.has_value()) << read.error().internal;
    return out;
  }

  // The titles and programmes of a job seeker's ranked vacancies, as the cabinet reads them.
  std::map<std::string, json> Matches(const std::string& login) {
    std::map<std::string, json> out;
    const json matches =
        GetJson(std::string("/api/v1/people/") + kSeeker + "/matches?limit=100", login);
    for (const auto& m : matches["items"]) out[m["vacancy"]["title"]] = m["vacancy"]["programme"];
    return out;
  }
};

TEST_P(RelocationEmployersApiSuite,
       AnIncludedEmployersVacanciesArePublicAndFoundFromAnotherOblast) {
  ImportPlaces();
  // The cabinet draws its form from the processes an employer may file from the portal.
  bool offered = false;
  for (const auto& p : GetJson("/api/v1/processes", "employer")) {
    if (p["code"] != kProcess) continue;
    offered = true;
    EXPECT_EQ(p["applicant"], "employer") << p.dump();
  }
  EXPECT_TRUE(offered);

  auto filed = FileFromCabinet(Application());
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::int64_t id = json::parse(filed.body)["id"];
  // 2.1-3.3 by the employer-interaction specialist; each task due by the step's limit.
  ExpectLegalDeadline(kProcess, QueueTask(id, "employers"));
  Take(id, "accept_application", "employers", "accepted");
  Take(id, "review_conditions", "employers", "compliant");
  Take(id, "decide_inclusion", "employers", "included");
  Take(id, "enter_vacancies", "employers", "entered",
       {{"vacancies", json::array({Vacancy("Дәнекерлеуші", "7", 3, 450'000'00),
                                   Vacancy("Жүк көлігінің жүргізушісі", "8", 2, 400'000'00)})}});

  const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "employers");
  EXPECT_EQ(kase["status"], "completed");
  EXPECT_EQ(kase["result"]["kind"], "participant_inclusion");
  // What the job seekers' side reads of an included employer.
  EXPECT_EQ(kase["data"]["requisites"]["iban"], "KZ86125KZT5004100100");
  EXPECT_EQ(kase["data"]["subsidy_requested"], true);

  // Both vacancies in the bank: the employer's, at the application's place, P1, public at once,
  // each linked to the case.
  EXPECT_EQ(Table("SELECT title, employer_bin, kato, nkz, wage_tiyn, workplaces, programme, "
                  "status FROM vacancies WHERE case_id = " +
                  std::to_string(id) + " ORDER BY id"),
            std::string("Дәнекерлеуші|") + kBin + "|591010000|7|45000000|3|P1|published\n" +
                "Жүк көлігінің жүргізушісі|" + kBin + "|591010000|8|40000000|2|P1|published\n");
  int linked = 0;
  for (const auto& l : kase["links"]) linked += l["kind"] == "vacancy";
  EXPECT_EQ(linked, 2) << kase["links"].dump();

  // The public search lists them as relocation vacancies, beside the region's other ones.
  const json found = json::parse(api_.Call("GET", "/api/v1/vacancies?kato=59&limit=50").body);
  int relocation = 0;
  for (const auto& v : found["items"]) {
    if (v["employer"]["bin"] == kBin) {
      EXPECT_EQ(v["programme"], "P1") << v.dump();
      ++relocation;
    }
  }
  EXPECT_EQ(relocation, 2) << found.dump();

  // The demo seeker (Kyzylorda, crafts and driving) moves within the oblast only: none of them.
  auto near = Matches("seeker");
  EXPECT_FALSE(near.count("Дәнекерлеуші"));
  // Willing to move anywhere, the seeker finds both, marked P1.
  json profile = GetJson(std::string("/api/v1/people/") + kSeeker + "/profile", "seeker");
  profile["mobility"] = "anywhere";
  auto put = api_.Call("PUT", std::string("/api/v1/people/") + kSeeker + "/profile", profile.dump(),
                       Token("seeker"));
  ASSERT_EQ(put.status, 200) << put.body;
  auto far = Matches("seeker");
  ASSERT_TRUE(far.count("Дәнекерлеуші")) << json(far).dump();
  EXPECT_EQ(far["Дәнекерлеуші"], "P1");
  EXPECT_EQ(far["Жүк көлігінің жүргізушісі"], "P1");

  // The employer learnt the decision in the cabinet's inbox.
  EXPECT_EQ(Select("SELECT COUNT(*) FROM notifications WHERE channel = 'inbox' AND "
                   "party_kind = 'employer' AND template = 'application_decided' AND case_id = " +
                   std::to_string(id)),
            "1");
}

TEST_P(RelocationEmployersApiSuite, ARefusalCitesItsGroundsAndEntersNoVacancy) {
  ImportPlaces();
  // Filed at the counter by the clerk for the employer: the same case from 2.1.
  auto filed = Post("/api/v1/cases",
                    {{"process", kProcess},
                     {"channel", "office"},
                     {"applicant", {{"bin", kBin}}},
                     {"documents", json::array()},
                     {"data", Application()}},
                    "clerk");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::int64_t id = json::parse(filed.body)["id"];
  Take(id, "accept_application", "employers", "accepted");
  Take(id, "review_conditions", "employers", "compliant");
  // A refusal without grounds is refused; with them the case ends refused, citing them.
  auto bare = Complete(TaskAt(id, "decide_inclusion", "employers"), "employers", "refused");
  EXPECT_EQ(bare.status, 422) << bare.body;
  Take(id, "decide_inclusion", "employers", "refused", {{"grounds", {"not_included"}}});
  const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "employers");
  EXPECT_EQ(kase["status"], "refused");
  EXPECT_EQ(kase["result"]["kind"], "refusal");
  EXPECT_EQ(kase["result"]["grounds"][0]["code"], "not_included");
  EXPECT_FALSE(kase["result"]["grounds"][0]["text"]["kk"].get<std::string>().empty());
  EXPECT_EQ(Select("SELECT COUNT(*) FROM vacancies WHERE case_id = " + std::to_string(id)), "0");
  // The employer sees it in the cabinet.
  const json mine = GetJson(std::string("/api/v1/cases?process=") + kProcess, "employer");
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["status"], "refused");
}

TEST_P(RelocationEmployersApiSuite, BadRequisitesAndABadOccupationAreRefusedByField) {
  ImportPlaces();
  json data = Application();
  data["requisites"].erase("iban");
  data["place"] = "599999999";
  auto missing = FileFromCabinet(data);
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(DetailKeys(missing), (json{{"data.requisites.iban", "field.required"},
                                       {"data.place", "field.unknown_code"}}))
      << missing.body;
  data = Application();
  data["requisites"]["iban"] = "KZ86125KZT5004100101";  // one digit mistyped
  auto mistyped = FileFromCabinet(data);
  EXPECT_EQ(mistyped.status, 422) << mistyped.body;
  EXPECT_EQ(DetailKeys(mistyped), (json{{"data.requisites.iban", "field.iban_invalid"}}));
  EXPECT_EQ(Select(std::string("SELECT COUNT(*) FROM cases WHERE process = '") + kProcess + "'"),
            "0");

  auto filed = FileFromCabinet(Application());
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::int64_t id = json::parse(filed.body)["id"];
  Take(id, "accept_application", "employers", "accepted");
  Take(id, "review_conditions", "employers", "compliant");
  Take(id, "decide_inclusion", "employers", "included");
  // An occupation the classifier lacks, and a list with nothing in it: nothing is stored.
  auto bad = Complete(TaskAt(id, "enter_vacancies", "employers"), "employers", "entered",
                      {{"vacancies", json::array({Vacancy("Дәнекерлеуші", "7", 3, 450'000'00),
                                                  Vacancy("Сварщик", "99999", 1, 450'000'00)})}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(DetailKeys(bad), (json{{"data.vacancies[1].occupation", "field.unknown_code"}}))
      << bad.body;
  auto empty = Complete(TaskAt(id, "enter_vacancies", "employers"), "employers", "entered",
                        {{"vacancies", json::array()}});
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(Select("SELECT COUNT(*) FROM vacancies WHERE case_id = " + std::to_string(id)), "0");
  EXPECT_EQ(QueueTask(id, "employers")["step"], "enter_vacancies");
}

}  // namespace jumys::testing
