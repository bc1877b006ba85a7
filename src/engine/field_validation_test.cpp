// Each field type and constraint, valid and invalid, checked without a store or HTTP.
#include "engine/field_validation.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace jumys {
namespace {

using nlohmann::json;

Date Day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
const Date kToday = Day(2026, 11, 23);

class TableLookups : public FieldLookups {
 public:
  bool OfficeExists(std::string_view id) const override { return offices.count(std::string(id)); }
  Expected<bool> StaffExists(std::string_view login, std::optional<Role> role) const override {
    if (broken) return Error::Internal("store down");
    auto it = staff.find(std::string(login));
    if (it == staff.end()) return false;
    return !role || it->second.count(*role) > 0;
  }
  Expected<std::optional<ClassifierCode>> FindClassifierCode(std::string_view classifier,
                                                             std::string_view code) const override {
    if (broken) return Error::Internal("store down");
    auto it = codes.find(std::string(classifier) + ":" + std::string(code));
    std::optional<ClassifierCode> out;
    if (it != codes.end()) out = it->second;
    return out;
  }
  Expected<bool> ClassifierLoaded(std::string_view classifier) const override {
    const std::string kind = std::string(classifier) + ":";
    for (const auto& [key, code] : codes) {
      if (key.rfind(kind, 0) == 0 && code.active) return true;
    }
    return false;
  }
  std::set<std::string> offices = {"kzo-city", "kzo-oblast"};
  // "kind:code" -> level and active; a test classifier deeper than the shipped major groups.
  std::map<std::string, ClassifierCode> codes = {
      {"nkz:7", {1, true}},         {"nkz:71", {2, true}},         {"nkz:711", {3, true}},
      {"nkz:7112", {4, true}},      {"nkz:7112-1", {5, true}},     {"nkz:2", {1, true}},
      {"nkz:9", {1, false}},        {"kato:430000000", {1, true}}, {"kato:431010000", {3, true}},
      {"kato:751010000", {3, true}}};
  std::map<std::string, std::set<Role>> staff = {{"executor", {Role::kExecutor}},
                                                 {"head", {Role::kHead}}};
  bool broken = false;
};

Field Make(const std::string& name, FieldType type) {
  Field f;
  f.name = name;
  f.type = type;
  f.label = {"а", "б", name};
  return f;
}

// Checks `data` against one declared list of `fields`.
class FieldCheck : public ::testing::Test {
 protected:
  std::vector<ErrorDetail> Check(std::vector<Field> fields, const json& data) {
    list_.fields = std::move(fields);
    DataSpec spec;
    spec.lists = {&list_};
    auto details = CheckData(spec, data, kToday, lookups_);
    EXPECT_TRUE(details.has_value());
    return details ? *details : std::vector<ErrorDetail>{};
  }
  // The one problem with `value` as the field `f`, as "path key"; "" when it is accepted.
  std::string Problem(const Field& f, const json& value) {
    auto details = Check({f}, {{f.name, value}});
    if (details.empty()) return "";
    EXPECT_EQ(details.size(), 1u) << value.dump();
    return details[0].field + " " + details[0].key;
  }

  FieldList list_;
  TableLookups lookups_;
};

TEST_F(FieldCheck, Text) {
  Field f = Make("note", FieldType::kText);
  EXPECT_EQ(Problem(f, "anything"), "");
  EXPECT_EQ(Problem(f, 12), "data.note field.not_string");
  EXPECT_EQ(Problem(f, std::string(1000, 'a')), "") << "the default maximum is 1000 characters";
  EXPECT_EQ(Problem(f, std::string(1001, 'a')), "data.note field.too_long");
  f.min_length = 3;
  f.max_length = 5;
  EXPECT_EQ(Problem(f, "ab"), "data.note field.too_short");
  EXPECT_EQ(Problem(f, "abcdef"), "data.note field.too_long");
  EXPECT_EQ(Problem(f, "Сәлем"), "") << "five characters in ten bytes";
  auto details = Check({f}, {{"note", "ab"}});
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0].params, (MessageParams{{"min", "3"}}));
  EXPECT_EQ(details[0].message, "must be at least 3 characters");
  details = Check({f}, {{"note", "abcdef"}});
  EXPECT_EQ(details[0].params, (MessageParams{{"max", "5"}}));
  f.pattern = "[A-Z]{2}[0-9]+";
  EXPECT_EQ(Problem(f, "AB12"), "");
  EXPECT_EQ(Problem(f, "AB12x"), "data.note field.pattern") << "the whole value must match";
  EXPECT_EQ(Problem(f, "ab12"), "data.note field.pattern");
}

TEST_F(FieldCheck, Iban) {
  Field f = Make("iban", FieldType::kIban);
  EXPECT_EQ(Problem(f, "KZ86125KZT5004100100"), "");
  EXPECT_EQ(Problem(f, "KZ86125KZT5004100101"), "data.iban field.iban_invalid");
  EXPECT_EQ(Problem(f, 86125), "data.iban field.iban_invalid");
  EXPECT_EQ(Problem(f, ""), "") << "not given: only a required field asks for it";
}

TEST_F(FieldCheck, Number) {
  Field f = Make("workers", FieldType::kNumber);
  EXPECT_EQ(Problem(f, -5), "");
  EXPECT_EQ(Problem(f, 1.5), "data.workers field.not_integer");
  EXPECT_EQ(Problem(f, "3"), "data.workers field.not_integer");
  EXPECT_EQ(Problem(f, json(18446744073709551615ULL)), "data.workers field.out_of_range");
  f.min = 1;
  f.max = 1000;
  EXPECT_EQ(Problem(f, 1), "");
  EXPECT_EQ(Problem(f, 1000), "");
  EXPECT_EQ(Problem(f, 0), "data.workers field.out_of_range");
  EXPECT_EQ(Problem(f, 1001), "data.workers field.out_of_range");
  auto details = Check({f}, {{"workers", 1001}});
  EXPECT_EQ(details[0].params, (MessageParams{{"min", "1"}, {"max", "1000"}}));
  EXPECT_EQ(details[0].message, "must be between 1 and 1000");
  f.max.reset();
  EXPECT_EQ(Problem(f, 0), "data.workers field.too_small");
  EXPECT_EQ(Problem(f, 1'000'000), "");
  f.min.reset();
  f.max = 10;
  EXPECT_EQ(Problem(f, 11), "data.workers field.too_large");
  EXPECT_EQ(Check({f}, {{"workers", 11}})[0].params, (MessageParams{{"max", "10"}}));
}

TEST_F(FieldCheck, Money) {
  Field f = Make("payment", FieldType::kMoney);
  f.min = 100;
  EXPECT_EQ(Problem(f, {{"amount", 150000}, {"currency", "KZT"}}), "");
  EXPECT_EQ(Problem(f, 150000), "data.payment field.not_money");
  EXPECT_EQ(Problem(f, {{"amount", 99}, {"currency", "KZT"}}),
            "data.payment.amount field.too_small");
  EXPECT_EQ(Problem(f, {{"amount", 10.5}, {"currency", "KZT"}}),
            "data.payment.amount field.not_tiyn");
  EXPECT_EQ(Problem(f, {{"currency", "KZT"}}), "data.payment.amount field.required");
  EXPECT_EQ(Problem(f, {{"amount", 150000}, {"currency", "USD"}}),
            "data.payment.currency field.not_kzt");
  EXPECT_EQ(Problem(f, {{"amount", 150000}}), "data.payment.currency field.not_kzt");
  EXPECT_EQ(Problem(f, {{"amount", 150000}, {"currency", "KZT"}, {"rate", 1}}),
            "data.payment.rate field.unknown");
  // Two bad parts of one amount: one detail each.
  EXPECT_EQ(Check({f}, {{"payment", {{"amount", "x"}, {"currency", "EUR"}}}}).size(), 2u);
}

TEST_F(FieldCheck, Date) {
  Field f = Make("until", FieldType::kDate);
  EXPECT_EQ(Problem(f, "2020-01-31"), "");
  EXPECT_EQ(Problem(f, "2026-02-30"), "data.until field.not_date");
  EXPECT_EQ(Problem(f, "2026-1-5"), "data.until field.not_date");
  EXPECT_EQ(Problem(f, 20260105), "data.until field.not_date");
  f.not_past = true;
  EXPECT_EQ(Problem(f, "2026-11-23"), "") << "today is not past";
  EXPECT_EQ(Problem(f, "2026-11-22"), "data.until field.date_past");
  EXPECT_EQ(Problem(f, "2027-01-01"), "");
  f.not_past = false;
  f.not_future = true;
  EXPECT_EQ(Problem(f, "2026-11-23"), "");
  EXPECT_EQ(Problem(f, "2026-11-24"), "data.until field.date_future");
  EXPECT_EQ(Problem(f, "1990-05-01"), "");
}

TEST_F(FieldCheck, BooleanAndChoice) {
  Field b = Make("urgent", FieldType::kBoolean);
  EXPECT_EQ(Problem(b, true), "");
  EXPECT_EQ(Problem(b, false), "");
  EXPECT_EQ(Problem(b, "true"), "data.urgent field.not_boolean");
  EXPECT_EQ(Problem(b, 1), "data.urgent field.not_boolean");

  Field c = Make("action", FieldType::kChoice);
  c.options = {{"extend", {"а", "б", "Extend"}}, {"stop", {"а", "б", "Stop"}}};
  EXPECT_EQ(Problem(c, "stop"), "");
  EXPECT_EQ(Problem(c, "Stop"), "data.action field.not_option");
  EXPECT_EQ(Problem(c, 1), "data.action field.not_option");
  auto details = Check({c}, {{"action", "pause"}});
  EXPECT_EQ(details[0].params, (MessageParams{{"options", "extend, stop"}}));
  EXPECT_EQ(details[0].message, "must be one of extend, stop");
}

TEST_F(FieldCheck, IdentifiersOfficesAndStaff) {
  Field person = Make("iin", FieldType::kPerson);
  EXPECT_EQ(Problem(person, "951203400783"), "");
  EXPECT_EQ(Problem(person, "951203400784"), "data.iin field.iin_invalid") << "checksum";
  EXPECT_EQ(Problem(person, "95120340078"), "data.iin field.iin_invalid");
  EXPECT_EQ(Problem(person, 951203400783), "data.iin field.iin_invalid");

  Field employer = Make("bin", FieldType::kEmployer);
  EXPECT_EQ(Problem(employer, "150340004568"), "");
  EXPECT_EQ(Problem(employer, "150340004569"), "data.bin field.bin_invalid");
  EXPECT_EQ(Problem(employer, "951203400783"), "data.bin field.bin_invalid") << "an IIN";

  Field office = Make("office_to", FieldType::kOffice);
  EXPECT_EQ(Problem(office, "kzo-oblast"), "");
  EXPECT_EQ(Problem(office, "kzo-nowhere"), "data.office_to field.office_unknown");

  Field staff = Make("inspector", FieldType::kStaff);
  EXPECT_EQ(Problem(staff, "head"), "");
  EXPECT_EQ(Problem(staff, "nobody"), "data.inspector field.staff_unknown");
  EXPECT_TRUE(Check({staff}, {{"inspector", "nobody"}})[0].params.empty());
  staff.role = Role::kExecutor;
  EXPECT_EQ(Problem(staff, "executor"), "");
  EXPECT_EQ(Problem(staff, "head"), "data.inspector field.staff_role_unknown") << "not an executor";
  auto details = Check({staff}, {{"inspector", "head"}});
  EXPECT_EQ(details[0].params, (MessageParams{{"role", "executor"}}));
  EXPECT_EQ(details[0].message, "must be the login of an active executor");

  // A store that fails is an error, not a bad field.
  lookups_.broken = true;
  DataSpec spec;
  list_.fields = {staff};
  spec.lists = {&list_};
  auto broken = CheckData(spec, {{"inspector", "head"}}, kToday, lookups_);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInternal);
}

TEST_F(FieldCheck, Classifier) {
  Field occupation = Make("occupation", FieldType::kClassifier);
  occupation.classifier = "nkz";
  EXPECT_EQ(Problem(occupation, "7112"), "");
  EXPECT_EQ(Problem(occupation, "7"), "") << "any level when none is declared";
  EXPECT_EQ(Problem(occupation, "7113"), "data.occupation field.unknown_code");
  EXPECT_EQ(Problem(occupation, "9"), "data.occupation field.unknown_code") << "inactive";
  EXPECT_EQ(Problem(occupation, "431010000"), "data.occupation field.unknown_code") << "KATO";
  EXPECT_EQ(Problem(occupation, 7112), "data.occupation field.not_string");
  auto unknown = Check({occupation}, {{"occupation", "7113"}});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].params, (MessageParams{{"code", "7113"}, {"classifier", "nkz"}}));
  EXPECT_EQ(unknown[0].message, "'7113' is not a code of nkz");

  // Levels and a prefix narrow what the field takes.
  occupation.min_level = 4;
  EXPECT_EQ(Problem(occupation, "7112-1"), "");
  EXPECT_EQ(Problem(occupation, "71"), "data.occupation field.code_not_allowed");
  occupation.max_level = 4;
  EXPECT_EQ(Problem(occupation, "7112-1"), "data.occupation field.code_not_allowed");
  auto narrow = Check({occupation}, {{"occupation", "7"}});
  ASSERT_EQ(narrow.size(), 1u);
  EXPECT_EQ(narrow[0].params,
            (MessageParams{
                {"code", "7"}, {"classifier", "nkz"}, {"min_level", "4"}, {"max_level", "4"}}));
  Field region = Make("region", FieldType::kClassifier);
  region.classifier = "kato";
  region.code_prefix = "43";
  EXPECT_EQ(Problem(region, "431010000"), "");
  EXPECT_EQ(Problem(region, "751010000"), "data.region field.code_not_allowed") << "Almaty";

  // No code of the classifier loaded at all: said so, not "unknown code".
  lookups_.codes.clear();
  occupation.min_level.reset();
  occupation.max_level.reset();
  EXPECT_EQ(Problem(occupation, "7112"), "data.occupation field.classifier_empty");
  auto empty = Check({occupation}, {{"occupation", "7112"}});
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].params, (MessageParams{{"classifier", "nkz"}}));
  lookups_.codes = {{"nkz:9", {1, false}}};
  EXPECT_EQ(Problem(occupation, "9"), "data.occupation field.classifier_empty")
      << "only inactive codes: nothing to choose from";

  // A store that fails is an error, not a bad field.
  lookups_.broken = true;
  DataSpec spec;
  list_.fields = {occupation};
  spec.lists = {&list_};
  ASSERT_FALSE(CheckData(spec, {{"occupation", "7112"}}, kToday, lookups_));
}

TEST_F(FieldCheck, ListsAndGroups) {
  Field member = Make("", FieldType::kGroup);
  member.fields = {Make("iin", FieldType::kPerson), Make("salary", FieldType::kMoney)};
  member.fields[0].required = true;
  Field members = Make("members", FieldType::kList);
  members.item = {member};
  const json good = {{"iin", "951203400783"}, {"salary", {{"amount", 1}, {"currency", "KZT"}}}};
  EXPECT_EQ(Problem(members, json::array({good, good})), "");
  EXPECT_EQ(Problem(members, good), "data.members field.not_list");
  json bad = json::array({good, good, {{"iin", "123"}}});
  EXPECT_EQ(Problem(members, bad), "data.members[2].iin field.iin_invalid");
  bad = json::array({good, {{"salary", {{"amount", 1}, {"currency", "KZT"}}}}});
  EXPECT_EQ(Problem(members, bad), "data.members[1].iin field.required");
  bad = json::array({good, {{"iin", "951203400783"}, {"nickname", "x"}}});
  EXPECT_EQ(Problem(members, bad), "data.members[1].nickname field.unknown")
      << "a group takes only its fields";
  EXPECT_EQ(Problem(members, json::array({good, nullptr})), "data.members[1] field.required");
  EXPECT_EQ(Problem(members, json::array({good, "x"})), "data.members[1] field.not_object");

  EXPECT_EQ(Problem(members, json(std::vector<json>(100, good))), "");
  EXPECT_EQ(Problem(members, json(std::vector<json>(101, good))),
            "data.members field.too_many_items")
      << "the default maximum is 100 items";
  members.min_items = 2;
  members.max_items = 3;
  EXPECT_EQ(Problem(members, json::array({good})), "data.members field.too_few_items");
  EXPECT_EQ(Problem(members, json::array({good, good, good, good})),
            "data.members field.too_many_items");
  EXPECT_EQ(Check({members}, {{"members", json::array()}})[0].params,
            (MessageParams{{"min", "2"}}));

  // A list of plain values.
  Field codes = Make("codes", FieldType::kList);
  Field code = Make("", FieldType::kText);
  code.max_length = 3;
  codes.item = {code};
  EXPECT_EQ(Problem(codes, json::array({"abc", "de"})), "");
  EXPECT_EQ(Problem(codes, json::array({"abc", "defg"})), "data.codes[1] field.too_long");
}

TEST_F(FieldCheck, RequiredNullAndEmpty) {
  Field f = Make("note", FieldType::kText);
  f.required = true;
  Field d = Make("until", FieldType::kDate);
  EXPECT_EQ(Problem(f, nullptr), "data.note field.required");
  EXPECT_EQ(Problem(f, ""), "data.note field.required");
  EXPECT_EQ(Check({f}, json::object())[0].field, "data.note");
  EXPECT_EQ(Problem(d, nullptr), "") << "an optional field may be left out";
  EXPECT_EQ(Problem(d, ""), "") << "an empty value counts as not given";
  Field flag = Make("urgent", FieldType::kBoolean);
  flag.required = true;
  EXPECT_EQ(Problem(flag, false), "") << "false is a value";
}

TEST_F(FieldCheck, WhenAppliesOnlyWhileTheSiblingHasItsValue) {
  Field action = Make("action", FieldType::kChoice);
  action.options = {{"extend", {}}, {"stop", {}}};
  Field until = Make("until", FieldType::kDate);
  until.required = true;
  until.when = FieldCondition{"action", "extend", false, 0};
  Field urgent = Make("urgent", FieldType::kBoolean);
  Field reason = Make("reason", FieldType::kText);
  reason.required = true;
  reason.when = FieldCondition{"urgent", "true", true, 0};
  const std::vector<Field> fields = {action, until, urgent, reason};
  const auto problems = [&](const json& data) {
    std::vector<std::string> out;
    for (const auto& d : Check(fields, data)) out.push_back(d.field + " " + d.key);
    return out;
  };
  using Lines = std::vector<std::string>;
  EXPECT_EQ(problems({{"action", "extend"}, {"until", "2027-01-01"}}), Lines{});
  EXPECT_EQ(problems({{"action", "extend"}}), Lines{"data.until field.required"});
  EXPECT_EQ(problems({{"action", "stop"}}), Lines{}) << "not required when it does not apply";
  EXPECT_EQ(problems({{"action", "stop"}, {"until", "2027-01-01"}}),
            Lines{"data.until field.not_applicable"})
      << "nor accepted";
  EXPECT_EQ(problems(json::object()), Lines{});
  EXPECT_EQ(problems({{"urgent", true}}), Lines{"data.reason field.required"});
  EXPECT_EQ(problems({{"urgent", false}, {"reason", "x"}}),
            Lines{"data.reason field.not_applicable"});
  EXPECT_EQ(problems({{"urgent", true}, {"reason", "x"}}), Lines{});
}

TEST_F(FieldCheck, OneDetailPerBadFieldInDeclarationOrderThenUndeclaredKeys) {
  Field workers = Make("workers", FieldType::kNumber);
  workers.min = 1;
  workers.max = 1000;
  workers.required = true;
  Field until = Make("until", FieldType::kDate);
  until.not_past = true;
  Field note = Make("note", FieldType::kText);
  auto details =
      Check({workers, until, note},
            {{"workers", 0}, {"until", "2020-01-01"}, {"note", "fine"}, {"zeta", 1}, {"alpha", 2}});
  std::vector<std::string> got;
  for (const auto& d : details) got.push_back(d.field + " " + d.key);
  EXPECT_EQ(got, (std::vector<std::string>{"data.workers field.out_of_range",
                                           "data.until field.date_past", "data.alpha field.unknown",
                                           "data.zeta field.unknown"}));

  DataSpec spec;
  spec.lists = {&list_};
  auto refused = ValidateData(spec, {{"workers", 0}}, kToday, lookups_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(refused.error().key, "data.invalid");
  EXPECT_EQ(refused.error().message, "the data is not valid");
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0],
            ErrorDetail("data.workers", "field.out_of_range"_msg, "must be between {min} and {max}",
                        {{"min", "1"}, {"max", "1000"}}));
  EXPECT_TRUE(ValidateData(spec, {{"workers", 5}}, kToday, lookups_));
}

TEST(FieldDataSpecTest, UndeclaredKeysAreRefusedButWhatTheEngineReads) {
  TableLookups lookups;
  Step step;
  step.assigns = Role::kExecutor;
  Outcome refuse;
  refuse.requires_grounds = true;
  Outcome approve;
  const json data = {{"assignee", "executor"}, {"grounds", {"x"}}, {"extra", 1}};
  const auto keys = [&](const DataSpec& spec) {
    std::vector<std::string> out;
    auto details = CheckData(spec, data, kToday, lookups);
    EXPECT_TRUE(details.has_value());
    if (details) {
      for (const auto& d : *details) out.push_back(d.field);
    }
    return out;
  };
  // Nothing declared: the step takes no data but what the engine itself reads.
  EXPECT_EQ(keys(CompletionDataSpec(step, refuse)), std::vector<std::string>{"data.extra"});
  EXPECT_EQ(keys(CompletionDataSpec(step, approve)),
            (std::vector<std::string>{"data.extra", "data.grounds"}))
      << "grounds belong to a refusal only";

  ProcessDefinition def;
  EXPECT_EQ(FilingDataSpec(def).reserved, std::vector<std::string>{"office"});
  def.intake.consent_required = true;
  EXPECT_EQ(FilingDataSpec(def).reserved, (std::vector<std::string>{"office", "consent"}));
  def.intake.consent_required = false;
  EXPECT_EQ(keys(FilingDataSpec(def)),
            (std::vector<std::string>{"data.assignee", "data.extra", "data.grounds"}));
}

}  // namespace
}  // namespace jumys
