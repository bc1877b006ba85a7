// Fields in definitions: what the loader reads from `fields:`, `applicant:` and reference
// lists, and each refusal naming file and line.
#include <gtest/gtest.h>

#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;
using jumys::testing::DefinitionTree;
using jumys::testing::DemoDefinition;
using jumys::testing::DemoGrounds;
using jumys::testing::LineOf;
using jumys::testing::Mutate;

const char* const kRegisterFields = R"(    fields:
      - name: note
        type: text
        max_length: 200
        pattern: "[A-Z]{2}[0-9]+"
        label: {kk: Ескерту, ru: Примечание, en: Note}
        hint: {kk: Мысалы AB12, ru: Например AB12, en: For example AB12}
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
        label: {kk: Дейін, ru: До, en: Until}
      - name: urgent
        type: boolean
        label: {kk: Шұғыл, ru: Срочно, en: Urgent}
      - name: reason
        type: text
        when: {field: urgent, equals: true}
        label: {kk: Себебі, ru: Причина, en: Reason}
      - name: members
        type: list
        min_items: 1
        max_items: 5
        label: {kk: Мүшелер, ru: Участники, en: Members}
        item:
          type: group
          fields:
            - {name: iin, type: person, required: true, label: {kk: ЖСН, ru: ИИН, en: IIN}}
            - {name: salary, type: money, min: 0, label: {kk: Жалақы, ru: Зарплата, en: Salary}}
      - name: country
        type: choice
        options: countries
        label: {kk: Ел, ru: Страна, en: Country}
      - name: inspector
        type: staff
        role: executor
        label: {kk: Инспектор, ru: Инспектор, en: Inspector}
      - name: occupation
        type: classifier
        classifier: nkz
        min_level: 4
        label: {kk: Кәсіп, ru: Профессия, en: Occupation}
      - name: region
        type: classifier
        classifier: kato
        prefix: "43"
        label: {kk: Өңір, ru: Регион, en: Region}
)";

const char* const kCountries = R"(name: countries
options:
  - {value: KZ, label: {kk: Қазақстан, ru: Казахстан, en: Kazakhstan}}
  - {value: UZ, label: {kk: Өзбекстан, ru: Узбекистан, en: Uzbekistan}}
)";

// The demo definition with fields at intake, on the register step and on its first outcome.
std::string FieldsDefinition() {
  std::string text = DemoDefinition();
  text = Mutate(text, "provider: centre\n", "provider: centre\napplicant: person\n");
  text = Mutate(text, "intake:\n",
                "intake:\n  fields:\n    - {name: workers, type: number, required: true, "
                "min: 1, max: 1000, label: {kk: Қызметкерлер, ru: Работники, en: Workers}}\n");
  text = Mutate(
      text, "    title: {kk: Тіркеу, ru: Регистрация, en: Register}\n",
      std::string("    title: {kk: Тіркеу, ru: Регистрация, en: Register}\n") + kRegisterFields);
  text = Mutate(text, "      - {id: accepted, next: assign}\n",
                "      - id: accepted\n        next: assign\n        fields:\n"
                "          - {name: office_to, type: office, label: {kk: Бөлім, ru: Отдел, "
                "en: Office}}\n");
  return text;
}

TEST(DefinitionFieldsTest, FieldsApplicantAndListsLoad) {
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  DefinitionTree::Write(tree.reference() / "lists" / "countries.yaml", kCountries);
  tree.Definition("demo", "v1", FieldsDefinition());
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  const ProcessDefinition& def = *catalog->All().front();
  EXPECT_EQ(def.applicant, ApplicantKind::kPerson);

  ASSERT_EQ(def.intake.fields.fields.size(), 1u);
  const Field& workers = def.intake.fields.fields[0];
  EXPECT_EQ(workers.type, FieldType::kNumber);
  EXPECT_TRUE(workers.required);
  EXPECT_EQ(workers.min, 1);
  EXPECT_EQ(workers.max, 1000);
  EXPECT_EQ(workers.label.ru, "Работники");

  const Step& reg = *def.FindStep("register");
  ASSERT_EQ(reg.fields.fields.size(), 10u);
  const Field& note = *reg.fields.Find("note");
  EXPECT_EQ(note.max_length, 200);
  EXPECT_EQ(note.pattern, "[A-Z]{2}[0-9]+");
  ASSERT_TRUE(note.hint);
  EXPECT_EQ(note.hint->en, "For example AB12");
  const Field& until = *reg.fields.Find("until");
  EXPECT_TRUE(until.not_past);
  ASSERT_TRUE(until.when);
  EXPECT_EQ(until.when->field, "action");
  EXPECT_EQ(until.when->equals, "extend");
  EXPECT_FALSE(until.when->boolean);
  EXPECT_TRUE(reg.fields.Find("reason")->when->boolean);
  const Field& members = *reg.fields.Find("members");
  ASSERT_NE(members.Item(), nullptr);
  EXPECT_EQ(members.Item()->type, FieldType::kGroup);
  EXPECT_EQ(members.Item()->label.en, "Members") << "an item's label defaults to its list's";
  EXPECT_EQ(members.Item()->fields[1].type, FieldType::kMoney);
  EXPECT_EQ(members.max_items, 5);
  const Field& country = *reg.fields.Find("country");
  EXPECT_EQ(country.options_list, "countries");
  ASSERT_EQ(country.options.size(), 2u);
  EXPECT_EQ(country.options[1].value, "UZ");
  EXPECT_EQ(country.options[1].label.kk, "Өзбекстан");
  EXPECT_EQ(reg.fields.Find("inspector")->role, Role::kExecutor);
  const Field& occupation = *reg.fields.Find("occupation");
  EXPECT_EQ(occupation.type, FieldType::kClassifier);
  EXPECT_EQ(occupation.classifier, "nkz");
  EXPECT_EQ(occupation.min_level, 4);
  EXPECT_FALSE(occupation.max_level);
  EXPECT_EQ(occupation.code_prefix, "");
  const Field& region = *reg.fields.Find("region");
  EXPECT_EQ(region.classifier, "kato");
  EXPECT_EQ(region.code_prefix, "43");

  const Outcome& accepted = *reg.FindOutcome("accepted");
  ASSERT_EQ(accepted.fields.fields.size(), 1u);
  EXPECT_EQ(accepted.fields.fields[0].type, FieldType::kOffice);
  EXPECT_TRUE(def.FindStep("assign")->fields.fields.empty());
}

TEST(DefinitionFieldsTest, EmptyFieldsListLoads) {
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  tree.Definition("demo", "v1",
                  Mutate(DemoDefinition(), "    assigns: executor\n",
                         "    assigns: executor\n    fields: []\n"));
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_TRUE(catalog) << catalog.error().message;
  const Step& assign = *catalog->All().front()->FindStep("assign");
  EXPECT_TRUE(assign.fields.fields.empty());
}

struct BadField {
  const char* name;
  std::string from, to;
  std::string at;  // the line, by the n-th line of the mutated text containing this
  std::string reason;
  int nth = 1;
};

void PrintTo(const BadField& c, std::ostream* os) { *os << c.name; }

std::vector<BadField> BadFields() {
  return {
      {"unknown_type", "        type: boolean\n", "        type: flag\n", "type: flag",
       "'flag' is not one of text, number, money, date, boolean, choice"},
      {"unknown_key", "        max_length: 200\n", "        maxlength: 200\n", "maxlength",
       "unknown key 'maxlength'"},
      {"constraint_of_another_type", "        not_past: true\n", "        min: 3\n", "min: 3",
       "'min' does not fit a date field"},
      {"pattern_on_number", "max: 1000,", "pattern: x,", "pattern: x",
       "'pattern' does not fit a number field"},
      {"options_on_text", "        max_length: 200\n", "        options: countries\n",
       "options: countries", "'options' does not fit a text field"},
      {"label_missing_a_language", "label: {kk: Әрекет, ru: Действие, en: Action}",
       "label: {kk: Әрекет, en: Action}", "label: {kk: Әрекет, en", "missing 'ru'"},
      {"label_empty", "en: Until}", "en: \"\"}", "label: {kk: Дейін", "'en' must be text"},
      {"label_missing", "        label: {kk: Шұғыл, ru: Срочно, en: Urgent}\n", "", "name: urgent",
       "missing 'label'"},
      {"hint_missing_a_language", "hint: {kk: Мысалы AB12, ru: Например AB12, ",
       "hint: {kk: Мысалы AB12, ", "hint:", "missing 'ru'"},
      {"option_label_missing_a_language", "{value: stop, label: {kk: Тоқтату, ru: Прекратить, ",
       "{value: stop, label: {kk: Тоқтату, ", "value: stop", "missing 'ru'"},
      {"duplicate_name", "      - name: until\n", "      - name: note\n", "name: note",
       "duplicate field 'note'", 2},
      {"duplicate_in_group", "{name: salary,", "{name: iin,", "{name: iin, type: money",
       "duplicate field 'iin'"},
      {"when_names_nothing", "when: {field: action,", "when: {field: acton,", "field: acton",
       "'when' of field 'until' names no sibling choice, text or boolean field 'acton'"},
      {"when_names_a_list", "when: {field: action,", "when: {field: members,", "field: members",
       "names no sibling choice, text or boolean field 'members'"},
      {"when_names_itself", "when: {field: action,", "when: {field: until,", "field: until",
       "names no sibling"},
      {"when_not_an_option", "equals: extend}", "equals: prolong}", "equals: prolong",
       "'prolong' is not an option of 'action'"},
      {"when_boolean_not_true_false", "equals: true}", "equals: yes}", "equals: yes",
       "boolean field 'urgent' equals true or false"},
      {"pattern_does_not_compile", "pattern: \"[A-Z]{2}[0-9]+\"", "pattern: \"[A-Z\"",
       "pattern:", "'pattern' does not compile"},
      {"no_list_file", "options: countries", "options: nations", "options: nations",
       "no reference list 'nations' (reference/lists/nations.yaml)"},
      {"bad_name", "      - name: note\n", "      - name: Note\n", "name: Note",
       "'Note' is not an identifier"},
      {"min_above_max", "max: 1000,", "max: 0,", "max: 0", "'max' is below 'min'"},
      {"not_a_number", "min: 1,", "min: one,", "min: one", "'min' must be a whole number"},
      {"list_without_item", "        type: boolean\n", "        type: list\n", "name: urgent",
       "a list field needs 'item'"},
      {"item_with_name", "        item:\n          type: group\n",
       "        item:\n          name: member\n          type: group\n", "          name: member",
       "a list's item has no 'name'"},
      {"group_without_fields", "{name: iin, type: person,", "{name: iin, type: group,",
       "{name: iin, type: group", "a group field needs 'fields'"},
      {"choice_without_options", "        options: countries\n", "", "name: country",
       "a choice field needs 'options'"},
      {"duplicate_option", "{value: stop,", "{value: extend,", "{value: extend, label: {kk: Т",
       "duplicate option 'extend'"},
      {"outcome_repeats_a_step_field", "{name: office_to,", "{name: note,", "{name: note, type",
       "field 'note' of outcome 'accepted' is also a field of step 'register'"},
      {"unknown_applicant", "applicant: person", "applicant: company", "applicant: company",
       "'company' is not one of person, employer"},
      {"unknown_staff_role", "        role: executor\n", "        role: inspector\n",
       "role: inspector", "unknown role 'inspector'"},
      {"classifier_without_kind", "        classifier: nkz\n", "", "name: occupation",
       "a classifier field needs 'classifier' (nkz or kato)"},
      {"classifier_unknown_kind", "classifier: kato\n", "classifier: isco\n", "classifier: isco",
       "'classifier' must be nkz or kato, not 'isco'"},
      {"classifier_on_text", "        max_length: 200\n", "        classifier: nkz\n",
       "classifier: nkz", "'classifier' does not fit a text field"},
      {"prefix_on_choice", "        options: countries\n",
       "        options: countries\n        prefix: \"43\"\n", "prefix: \"43\"",
       "'prefix' does not fit a choice field"},
      {"classifier_level_too_deep", "min_level: 4\n", "min_level: 6\n", "min_level: 6",
       "'min_level' must be between 1 and 5 for nkz"},
      {"kato_level_too_deep", "prefix: \"43\"\n", "max_level: 5\n", "max_level: 5",
       "'max_level' must be between 1 and 4 for kato"},
      {"classifier_levels_crossed", "min_level: 4\n", "min_level: 4\n        max_level: 2\n",
       "max_level: 2", "'max_level' is below 'min_level'"},
      {"classifier_prefix_not_digits", "prefix: \"43\"", "prefix: kzo", "prefix: kzo",
       "'prefix' must be the leading digits of a code"},
      {"fields_not_a_list", "  fields:\n    - {name: workers", "  fields: workers\n    #",
       "fields: workers", "'fields' must be a list"},
  };
}

class BadFieldTest : public ::testing::TestWithParam<BadField> {};

TEST_P(BadFieldTest, RefusedWithFileLineAndReason) {
  const BadField& c = GetParam();
  DefinitionTree tree;
  tree.Grounds("demo", DemoGrounds());
  DefinitionTree::Write(tree.reference() / "lists" / "countries.yaml", kCountries);
  const std::string text = Mutate(FieldsDefinition(), c.from, c.to);
  const fs::path file = tree.Definition("demo", "v1", text);
  auto catalog =
      LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_FALSE(catalog) << c.name << " was accepted";
  const int line = LineOf(text, c.at, c.nth);
  ASSERT_GT(line, 0) << c.at;
  const std::string expected_prefix = file.string() + ":" + std::to_string(line) + ": ";
  const std::string& message = catalog.error().message;
  EXPECT_EQ(message.rfind(expected_prefix, 0), 0u) << message << "\nexpected " << expected_prefix;
  EXPECT_NE(message.find(c.reason), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(Cases, BadFieldTest, ::testing::ValuesIn(BadFields()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DefinitionFieldsTest, ReferenceListsAreChecked) {
  const auto load = [](const std::string& list_text) {
    DefinitionTree tree;
    tree.Grounds("demo", DemoGrounds());
    tree.Definition("demo", "v1", FieldsDefinition());
    const fs::path file =
        DefinitionTree::Write(tree.reference() / "lists" / "countries.yaml", list_text);
    auto catalog =
        LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary());
    return std::make_pair(file.string(), catalog ? std::string("loaded") : catalog.error().message);
  };
  auto [file, message] = load(Mutate(kCountries, "name: countries", "name: nations"));
  EXPECT_EQ(message, file + ":1: 'name' must match the file name");
  std::tie(file, message) = load(Mutate(kCountries, "{value: UZ", "{value: KZ"));
  EXPECT_EQ(message, file + ":4: duplicate option 'KZ'");
  std::tie(file, message) = load(Mutate(kCountries, "ru: Узбекистан, ", ""));
  EXPECT_EQ(message.rfind(file + ":4: missing 'ru'", 0), 0u) << message;
  std::tie(file, message) = load("name: countries\n");
  EXPECT_EQ(message, file + ":1: expected 'options:' with a list");
  // Without `name:` the file name names the list.
  std::tie(file, message) = load(Mutate(kCountries, "name: countries\n", ""));
  EXPECT_EQ(message, "loaded");
}

}  // namespace
}  // namespace jumys
