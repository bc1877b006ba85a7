#pragma once
// The classifiers over HTTP on both stores (reference_api_test.cpp, reference_api_pgtest.cpp):
// the demo's shipped NKZ and KATO codes for any signed-in user, an administrator's CSV import
// answered 202 and followed to its end, a bad file refused with 422 naming its lines and
// storing nothing, and who may do what.
#include <nlohmann/json.hpp>
#include <thread>

#include "server/testing/api_fixture.h"

namespace jumys::testing {

using json = nlohmann::json;

class ReferenceApiSuite : public ApiFixture {
 protected:
  json Get(const std::string& target, const std::string& as, int status = 200) {
    auto r = api_.Call("GET", target, "", api_.Login(as));
    EXPECT_EQ(r.status, status) << target << " " << r.body;
    return json::parse(r.body, nullptr, false);
  }
  std::vector<std::string> Codes(const std::string& target, const std::string& as = "seeker") {
    std::vector<std::string> out;
    const json body = Get(target, as);
    EXPECT_TRUE(body.contains("items")) << body.dump();
    for (const auto& i : body["items"]) out.push_back(i["code"]);
    return out;
  }
  http::HttpResponse Upload(const std::string& kind, const std::string& csv,
                            const std::string& as = "admin") {
    return UploadWith(kind, csv, api_.Login(as));
  }
  http::HttpResponse UploadWith(const std::string& kind, const std::string& csv,
                                const std::string& token) {
    return api_.Call("POST", "/api/v1/reference/" + kind + "/imports", csv, token, "text/csv");
  }
  static constexpr const char* kHeader = "code,parent,name_kk,name_ru,name_en\n";
};

TEST_P(ReferenceApiSuite, TheDemoClassifiersAnswerAnySignedInUser) {
  EXPECT_EQ(Codes("/api/v1/reference/nkz?parent="),
            (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9"}));
  EXPECT_EQ(Codes("/api/v1/reference/kato?q=арал", "employer"),
            (std::vector<std::string>{"433200000"}));
  EXPECT_EQ(Codes("/api/v1/reference/kato?q=43&limit=2", "clerk"),
            (std::vector<std::string>{"430000000", "431010000"}));
  const json aral = Get("/api/v1/reference/kato/433200000", "clerk2");
  EXPECT_EQ(aral["name"]["ru"], "Аральский район");
  EXPECT_EQ(aral["level"], 2);
  EXPECT_EQ(aral["active"], true);
  ASSERT_EQ(aral["path"].size(), 1u);
  EXPECT_EQ(aral["path"][0]["code"], "430000000");
  EXPECT_TRUE(aral["path"][0]["parent"].is_null());
  EXPECT_EQ(Get("/api/v1/reference/kato/439999999", "clerk", 404)["error"]["key"],
            "reference.code_unknown");
  EXPECT_EQ(Get("/api/v1/reference/isco?q=1", "clerk", 404)["error"]["key"],
            "reference.kind_unknown");
  EXPECT_EQ(Get("/api/v1/reference/nkz?limit=0", "clerk", 400)["error"]["code"], "invalid_input");
  EXPECT_EQ(Get("/api/v1/reference/nkz?q=" + std::string(201, 'x'), "clerk",
                400)["error"]["details"][0]["field"],
            "q");
  EXPECT_EQ(api_.Call("GET", "/api/v1/reference/nkz").status, 401);
}

TEST_P(ReferenceApiSuite, AnAdministratorsImportRunsToItsEnd) {
  const std::string csv = std::string(kHeader) +
                          "2,,Кәсіпқой мамандар,Специалисты-профессионалы,Professionals\n"
                          "21,2,Ғылым мамандары,Специалисты в области науки,Science professionals\n"
                          "7,,x,y,Craft workers\n";
  const std::string admin = api_.Login("admin");
  const auto before = AuditCount();
  auto r = UploadWith("nkz", csv, admin);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(AuditCount(), before + 1);  // reference.import
  const json started = json::parse(r.body);
  EXPECT_EQ(started["rows_total"], 3);
  EXPECT_EQ(started["kind"], "nkz");
  json done;  // the import runs on its own thread
  for (int i = 0; i < 200; ++i) {
    done = Get("/api/v1/reference/nkz/imports/" + started["id"].dump(), "admin");
    if (done["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(done["state"], "done") << done.dump();
  EXPECT_EQ(done["rows_done"], 3);
  EXPECT_EQ(done["added"], 1);        // 21 is new
  EXPECT_EQ(done["updated"], 1);      // 7's names changed
  EXPECT_EQ(done["deactivated"], 7);  // 1, 3, 4, 5, 6, 8, 9 are not in the file
  EXPECT_EQ(done["errors"], json::array());
  EXPECT_EQ(Codes("/api/v1/reference/nkz?parent="), (std::vector<std::string>{"2", "7"}));
  EXPECT_EQ(Get("/api/v1/reference/nkz/1", "clerk")["active"], false);  // kept, inactive
  EXPECT_EQ(
      Get("/api/v1/reference/kato/imports/" + started["id"].dump(), "admin", 404)["error"]["key"],
      "reference.import_unknown");  // an import of another kind
}

TEST_P(ReferenceApiSuite, ABadFileIsRefusedNamingItsLinesAndStoresNothing) {
  const std::string admin = api_.Login("admin");
  const auto before = AuditCount();
  auto r = UploadWith("kato",
                      std::string(kHeader) +
                          "430000000,,a,b,c\n"
                          "433200000,470000000,a,b,c\n"
                          "4332,430000000,a,b,c\n"
                          "430000000,,a,b,c\n",
                      admin);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(AuditCount(), before);
  const json e = json::parse(r.body)["error"];
  EXPECT_EQ(e["code"], "invalid_input");
  EXPECT_EQ(e["key"], "reference.csv_invalid");
  std::vector<std::string> lines;
  for (const auto& d : e["details"])
    lines.push_back(d["field"].get<std::string>() + " " + d["key"].get<std::string>());
  EXPECT_EQ(lines, (std::vector<std::string>{"line 3 reference.parent_level",
                                             "line 4 reference.code_shape",
                                             "line 5 reference.code_duplicate"}));
  EXPECT_EQ(Get("/api/v1/reference/kato/433200000", "clerk")["name"]["en"], "Aral District");
  EXPECT_EQ(Upload("kato", "").status, 422);
}

TEST_P(ReferenceApiSuite, OnlyAnAdministratorImports) {
  const std::string csv = std::string(kHeader) + "9,,a,b,c\n";
  for (const char* who : {"clerk", "head", "employment", "seeker", "employer"}) {
    auto r = Upload("nkz", csv, who);
    EXPECT_EQ(r.status, 403) << who << " " << r.body;
  }
  EXPECT_EQ(Get("/api/v1/reference/nkz/imports/1", "clerk", 403)["error"]["key"], "access.role");
  EXPECT_EQ(Codes("/api/v1/reference/nkz?parent=").size(), 9u);  // nothing was imported
}

TEST_P(ReferenceApiSuite, ProgrammeParametersShowTheValuesInForceOnADate) {
  const json on = Get("/api/v1/reference/programmes?on=2026-03-10", "employer");
  EXPECT_EQ(on["on"], "2026-03-10");
  ASSERT_EQ(on["mrp"].size(), 1u);
  EXPECT_EQ(on["mrp"][0]["value"]["amount"], 432500);  // 4,325 tenge in tiyn
  EXPECT_EQ(on["mrp"][0]["from"], "2026-01-01");
  EXPECT_FALSE(on["mrp"][0]["law"].get<std::string>().empty());
  json social;
  for (const auto& p : on["programmes"]) {
    for (const auto& m : p["measures"]) {
      if (m["code"] == "social_jobs") social = m;
    }
  }
  ASSERT_FALSE(social.is_null()) << on.dump();
  EXPECT_EQ(social["name"]["ru"], "Социальные рабочие места");
  ASSERT_EQ(social["versions"].size(), 1u);
  EXPECT_EQ(social["versions"][0]["percent"], 35);
  EXPECT_EQ(social["versions"][0]["max_months"], 12);
  EXPECT_EQ(social["versions"][0]["certainty"], "secondary");
  EXPECT_FALSE(social["versions"][0]["source"].get<std::string>().empty());
  // Without a date: every period of the МРП.
  EXPECT_EQ(Get("/api/v1/reference/programmes", "clerk")["mrp"].size(), 3u);
  EXPECT_EQ(Get("/api/v1/reference/programmes?on=2023-12-31", "clerk", 422)["error"]["key"],
            "programme.no_mrp");
  EXPECT_EQ(Get("/api/v1/reference/programmes?on=2026-02-30", "clerk", 400)["error"]["code"],
            "invalid_input");
  EXPECT_EQ(api_.Call("GET", "/api/v1/reference/programmes").status, 401);
}

}  // namespace jumys::testing
