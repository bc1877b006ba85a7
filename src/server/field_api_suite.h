#pragma once
// Fields through the API, on SQLite (field_api_test.cpp) and PostgreSQL (field_api_pgtest.cpp):
// the listing shows them, tasks carry them with their working time left, and a filing or a
// completion with bad data gets 422 with one detail per bad field and stores nothing. Runs on
// the shipped processes plus one test process that declares fields.
#include <gtest/gtest.h>

#include "core/source_dir.h"
#include "engine/definition_test_support.h"
#include "server/testing/api_harness.h"

namespace jumys::testing {

inline const char* const kFieldedProcess = R"(code: fielded
version: v1
status: active
title: {kk: Өрістер, ru: Поля, en: Fields}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: register}
intake:
  fields:
    - {name: workers, type: number, required: true, min: 1, max: 1000,
       label: {kk: Қызметкерлер саны, ru: Число работников, en: Number of workers}}
steps:
  - id: register
    ref: "1.1"
    role: office_clerk
    limit: 20min
    title: {kk: Тіркеу, ru: Регистрация, en: Register}
    fields:
      - name: note
        type: text
        max_length: 10
        label: {kk: Ескерту, ru: Примечание, en: Note}
        hint: {kk: 10 таңбаға дейін, ru: До 10 символов, en: Up to 10 characters}
      - name: action
        type: choice
        required: true
        options:
          - {value: extend, label: {kk: Ұзарту, ru: Продлить, en: Extend}}
          - {value: stop, label: {kk: Тоқтату, ru: Прекратить, en: Stop}}
        label: {kk: Әрекет, ru: Действие, en: Action}
      - name: until
        type: date
        required: true
        not_past: true
        when: {field: action, equals: extend}
        label: {kk: Мерзімі, ru: Срок, en: Until}
    outcomes:
      - id: accepted
        next: review
        fields:
          - {name: workers_confirmed, type: number, required: true, min: 1,
             label: {kk: Расталған саны, ru: Подтверждённое число, en: Workers confirmed}}
      - {id: withdrawn, end: ineligible, status: cancelled}
  - id: review
    ref: "1.2"
    role: executor
    limit: 1wd
    title: {kk: Қарау, ru: Рассмотрение, en: Review}
    outcomes:
      - {id: done, end: notification}
)";

// The shipped processes/ and the test process, in a scratch tree.
class FieldedProcesses {
 public:
  FieldedProcesses() {
    std::filesystem::copy(jumys::SourceDir() / "processes", tree_.processes(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    tree_.Definition("fielded", "v1", kFieldedProcess);
  }
  std::filesystem::path dir() const { return tree_.processes(); }

 private:
  DefinitionTree tree_;
};

class FieldApiSuite : public ::testing::TestWithParam<Backend> {
 protected:
  using json = nlohmann::json;

  FieldApiSuite() : api_(GetParam(), true, processes_.dir()) {}

  std::string Token(const std::string& login) {
    auto it = tokens_.find(login);
    if (it != tokens_.end()) return it->second;
    return tokens_[login] = api_.Login(login);
  }
  http::HttpResponse Post(const std::string& target, const json& body, const std::string& login) {
    return api_.Call("POST", target, body.dump(), Token(login));
  }
  json GetJson(const std::string& target, const std::string& login) {
    auto r = api_.Call("GET", target, "", Token(login));
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }
  static json Filing(const json& data, const json& applicant = {{"bin", "150340004568"}}) {
    return {
        {"process", "fielded"}, {"channel", "office"}, {"applicant", applicant}, {"data", data}};
  }
  json Process(const std::string& code) {
    for (const auto& p : GetJson("/api/v1/processes", "clerk")) {
      if (p["code"] == code) return p;
    }
    ADD_FAILURE() << "no process " << code;
    return json::object();
  }
  json QueueTask(std::int64_t case_id) {
    for (const auto& t : GetJson("/api/v1/tasks", "clerk")) {
      if (t["case_id"] == case_id) return t;
    }
    ADD_FAILURE() << "no task of case " << case_id;
    return json::object();
  }
  static std::vector<std::string> Details(const http::HttpResponse& r) {
    std::vector<std::string> out;
    const json body = json::parse(r.body);
    for (const auto& d : body["error"]["details"]) {
      out.push_back(d["field"].get<std::string>() + " " + d["key"].get<std::string>());
    }
    return out;
  }

  FieldedProcesses processes_;
  ApiHarness api_;
  std::map<std::string, std::string> tokens_;
};

using Lines = std::vector<std::string>;

TEST_P(FieldApiSuite, TheListingShowsFieldsAndTheApplicantKind) {
  const json p = Process("fielded");
  EXPECT_EQ(p["applicant"], "employer");
  EXPECT_EQ(p["fields"], json::parse(R"([{"name": "workers", "type": "number", "required": true,
      "label": {"kk": "Қызметкерлер саны", "ru": "Число работников", "en": "Number of workers"},
      "min": 1, "max": 1000}])"));
  const json& fields = p["steps"][0]["fields"];
  ASSERT_EQ(fields.size(), 4u) << fields.dump();
  EXPECT_EQ(fields[0], json::parse(R"({"name": "note", "type": "text", "required": false,
      "label": {"kk": "Ескерту", "ru": "Примечание", "en": "Note"},
      "hint": {"kk": "10 таңбаға дейін", "ru": "До 10 символов", "en": "Up to 10 characters"},
      "max_length": 10})"));
  EXPECT_EQ(fields[1]["options"][1],
            json::parse(R"({"value": "stop", "label": {"kk": "Тоқтату", "ru": "Прекратить",
                           "en": "Stop"}})"));
  EXPECT_EQ(fields[2]["when"], json({{"field", "action"}, {"equals", "extend"}}));
  EXPECT_EQ(fields[2]["not_past"], true);
  EXPECT_FALSE(fields[2].contains("outcome"));
  EXPECT_EQ(fields[3]["name"], "workers_confirmed");
  EXPECT_EQ(fields[3]["outcome"], "accepted") << "an outcome's field is tagged with it";
  EXPECT_EQ(p["steps"][1]["fields"], json::array());
  // Documents keep their shape beside the fields.
  const json s1 = Process("job-seeker-registration");
  EXPECT_TRUE(s1.contains("applicant"));
  EXPECT_TRUE(s1["fields"].is_array());
  EXPECT_EQ(s1["documents"][1]["must_not_be_expired"], true);
}

TEST_P(FieldApiSuite, TasksCarryTheirFieldsAndWorkingMinutesLeft) {
  auto filed = Post("/api/v1/cases", Filing({{"workers", 5}}), "clerk");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::int64_t id = json::parse(filed.body)["id"];
  json task = QueueTask(id);
  EXPECT_EQ(task["fields"], Process("fielded")["steps"][0]["fields"]);
  EXPECT_EQ(task["working_minutes_left"], 20);
  EXPECT_EQ(task["urgency"], "ok");
  api_.Advance(std::chrono::minutes(15));
  task = QueueTask(id);
  EXPECT_EQ(task["working_minutes_left"], 5);
  EXPECT_EQ(task["urgency"], "near");
  api_.Advance(std::chrono::minutes(10));
  const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "clerk");
  ASSERT_EQ(kase["tasks"].size(), 1u);
  EXPECT_EQ(kase["tasks"][0]["working_minutes_left"], -5);
  EXPECT_EQ(kase["tasks"][0]["urgency"], "overdue");
  EXPECT_EQ(kase["tasks"][0]["overdue"], true);
  EXPECT_EQ(kase["tasks"][0]["fields"].size(), 4u);
}

TEST_P(FieldApiSuite, BadDataGets422WithOneDetailPerFieldAndStoresNothing) {
  auto bad_filing = Post("/api/v1/cases", Filing({{"workers", 0}, {"extra", 1}}), "clerk");
  ASSERT_EQ(bad_filing.status, 422) << bad_filing.body;
  const json error = json::parse(bad_filing.body)["error"];
  EXPECT_EQ(error["code"], "invalid_input");
  EXPECT_EQ(error["key"], "data.invalid");
  EXPECT_EQ(error["message"], "the data is not valid");
  EXPECT_EQ(error["details"][0], json::parse(R"({"field": "data.workers",
      "key": "field.out_of_range", "params": {"min": "1", "max": "1000"},
      "message": "must be between 1 and 1000"})"));
  EXPECT_EQ(Details(bad_filing),
            (Lines{"data.workers field.out_of_range", "data.extra field.unknown"}));
  EXPECT_EQ(GetJson("/api/v1/cases", "clerk")["items"].size(), 0u) << "nothing stored";

  auto person = Post("/api/v1/cases", Filing({{"workers", 5}}, {{"iin", "951203400783"}}), "clerk");
  ASSERT_EQ(person.status, 422) << person.body;
  EXPECT_EQ(json::parse(person.body)["error"]["key"], "case.applicant_employer");

  auto filed = Post("/api/v1/cases", Filing({{"workers", 5}}), "clerk");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::int64_t id = json::parse(filed.body)["id"];
  const json before = GetJson("/api/v1/cases/" + std::to_string(id), "clerk");
  const std::string complete =
      "/api/v1/tasks/" + std::to_string(QueueTask(id)["id"].get<int>()) + "/complete";
  api_.Advance(std::chrono::minutes(5));
  auto refused = Post(complete,
                      {{"outcome", "accepted"},
                       {"data",
                        {{"note", "far too long"},
                         {"action", "extend"},
                         {"until", "2026-01-01"},
                         {"workers_confirmed", 0}}}},
                      "clerk");
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["error"]["key"], "data.invalid");
  EXPECT_EQ(Details(refused), (Lines{"data.note field.too_long", "data.until field.date_past",
                                     "data.workers_confirmed field.too_small"}));
  EXPECT_EQ(json::parse(refused.body)["error"]["details"][0]["params"], json({{"max", "10"}}));
  const json after = GetJson("/api/v1/cases/" + std::to_string(id), "clerk");
  EXPECT_EQ(after["tasks"][0]["open"], true);
  EXPECT_EQ(after["updated_at"], before["updated_at"]);
  EXPECT_EQ(after["events"].size(), before["events"].size()) << "nothing stored";

  auto done = Post(
      complete, {{"outcome", "accepted"}, {"data", {{"action", "stop"}, {"workers_confirmed", 5}}}},
      "clerk");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(json::parse(done.body)["tasks"][1]["step"], "review");
}

TEST_P(FieldApiSuite, TheOpenApiDocumentPublishesFieldsAndTimeLeft) {
  auto r = api_.Call("GET", "/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  const json doc = json::parse(r.body);
  const json& field = doc["components"]["schemas"]["Field"]["properties"];
  for (const char* name :
       {"name",       "type",       "required", "label",    "hint",       "min",    "max",
        "min_length", "max_length", "pattern",  "not_past", "not_future", "role",   "min_items",
        "max_items",  "options",    "item",     "fields",   "when",       "outcome"}) {
    EXPECT_TRUE(field.contains(name)) << name;
  }
  const json& task = doc["components"]["schemas"]["Task"]["properties"];
  EXPECT_EQ(task["urgency"]["enum"], json({"ok", "near", "overdue"}));
  EXPECT_TRUE(task.contains("working_minutes_left"));
  EXPECT_EQ(doc["paths"]["/api/v1/tasks"]["get"]["responses"]["200"]["content"]["application/json"]
               ["schema"]["items"]["$ref"],
            "#/components/schemas/Task");
  const json& process = doc["paths"]["/api/v1/processes"]["get"]["responses"]["200"]["content"]
                           ["application/json"]["schema"]["items"]["properties"];
  EXPECT_EQ(process["fields"]["items"]["$ref"], "#/components/schemas/Field");
  EXPECT_TRUE(process.contains("applicant"));
}

}  // namespace jumys::testing
