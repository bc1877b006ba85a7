#include "engine/field_validation.h"

#include <algorithm>
#include <limits>
#include <regex>

#include "core/identifiers.h"

namespace jumys {

Expected<std::optional<FieldLookups::Refusal>> FieldLookups::VacancyRefusal(std::int64_t) const {
  return std::optional<Refusal>{Refusal{"vacancy.not_found"_msg, "no such vacancy"}};
}

// An active code of the field's classifier, within its prefix and levels. With no code of
// that classifier loaded at all, one clear problem: the administrator has to import it.
Expected<std::optional<ErrorDetail>> CheckClassifierCode(const Field& f, const nlohmann::json& v,
                                                         const std::string& path,
                                                         const FieldLookups& lookups) {
  using Bad = std::optional<ErrorDetail>;
  if (!v.is_string()) return Bad{ErrorDetail(path, "field.not_string"_msg, "must be a string")};
  const auto& code = v.get_ref<const std::string&>();
  JUMYS_ASSIGN_OR_RETURN(auto found, lookups.FindClassifierCode(f.classifier, code));
  if (!found || !found->active) {
    JUMYS_ASSIGN_OR_RETURN(bool loaded, lookups.ClassifierLoaded(f.classifier));
    if (!loaded) {
      return Bad{ErrorDetail(
          path, "field.classifier_empty"_msg,
          "cannot be checked: no code of {classifier} is loaded (an administrator imports it)",
          {{"classifier", f.classifier}})};
    }
    return Bad{ErrorDetail(path, "field.unknown_code"_msg, "'{code}' is not a code of {classifier}",
                           {{"code", code}, {"classifier", f.classifier}})};
  }
  const bool under = code.compare(0, f.code_prefix.size(), f.code_prefix) == 0;
  const bool deep_enough = !f.min_level || found->level >= *f.min_level;
  const bool shallow_enough = !f.max_level || found->level <= *f.max_level;
  if (under && deep_enough && shallow_enough) return Bad{};
  MessageParams params{{"code", code}, {"classifier", f.classifier}};
  if (!f.code_prefix.empty()) params.emplace_back("prefix", f.code_prefix);
  if (f.min_level) params.emplace_back("min_level", std::to_string(*f.min_level));
  if (f.max_level) params.emplace_back("max_level", std::to_string(*f.max_level));
  return Bad{ErrorDetail(path, "field.code_not_allowed"_msg,
                         "'{code}' is a code of {classifier} this field does not take",
                         std::move(params))};
}

namespace {

using nlohmann::json;

bool Given(const json& v) {
  return !v.is_null() && !(v.is_string() && v.get_ref<const std::string&>().empty());
}

// Characters, not bytes: UTF-8 continuation bytes are not counted.
std::int64_t Characters(const std::string& s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string Joined(const std::vector<FieldOption>& options) {
  std::string out;
  for (const auto& o : options) out += (out.empty() ? "" : ", ") + o.value;
  return out;
}

// The field applies while its `when` holds: the sibling has that value.
bool Applies(const Field& f, const json& siblings) {
  if (!f.when) return true;
  auto it = siblings.find(f.when->field);
  if (it == siblings.end()) return false;
  if (f.when->boolean) return it->is_boolean() && it->get<bool>() == (f.when->equals == "true");
  return it->is_string() && it->get_ref<const std::string&>() == f.when->equals;
}

class Checker {
 public:
  Checker(Date today, const FieldLookups& lookups) : today_(today), lookups_(lookups) {}

  // The fields of one object at `path`; `refuse_undeclared`: keys no field (or reservation)
  // names are problems too.
  Status Object(const std::vector<const Field*>& fields, const json& object,
                const std::string& path, bool refuse_undeclared,
                const std::vector<std::string>& reserved) {
    for (const Field* f : fields) {
      const std::string at = path + "." + f->name;
      auto it = object.find(f->name);
      const bool given = it != object.end() && Given(*it);
      if (!Applies(*f, object)) {
        if (given) Add(at, "field.not_applicable"_msg, "does not apply here");
        continue;
      }
      if (!given) {
        if (f->required) Add(at, "field.required"_msg, "is required");
        continue;
      }
      JUMYS_TRY(Value(*f, *it, at));
    }
    if (!refuse_undeclared) return {};
    for (const auto& [key, value] : object.items()) {
      const bool declared =
          std::any_of(fields.begin(), fields.end(), [&](const Field* f) { return f->name == key; });
      const bool engine_reads = std::find(reserved.begin(), reserved.end(), key) != reserved.end();
      if (!declared && !engine_reads)
        Add(path + "." + key, "field.unknown"_msg, "is not taken here");
    }
    return {};
  }

  std::vector<ErrorDetail> details;

 private:
  void Add(const std::string& path, MessageKey key, std::string_view english,
           MessageParams params = {}) {
    details.emplace_back(path, key, english, std::move(params));
  }

  void Range(const std::string& path, std::int64_t v, const Field& f) {
    if ((!f.min || v >= *f.min) && (!f.max || v <= *f.max)) return;
    if (f.min && f.max) {
      Add(path, "field.out_of_range"_msg, "must be between {min} and {max}",
          {{"min", std::to_string(*f.min)}, {"max", std::to_string(*f.max)}});
    } else if (f.min) {
      Add(path, "field.too_small"_msg, "must be at least {min}", {{"min", std::to_string(*f.min)}});
    } else {
      Add(path, "field.too_large"_msg, "must be at most {max}", {{"max", std::to_string(*f.max)}});
    }
  }

  // A whole number that fits in 64 bits, or nullopt.
  static std::optional<std::int64_t> Integer(const json& v) {
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::nullopt;
      return static_cast<std::int64_t>(u);
    }
    if (v.is_number_integer()) return v.get<std::int64_t>();
    return std::nullopt;
  }

  Status Value(const Field& f, const json& v, const std::string& path) {
    switch (f.type) {
      case FieldType::kText:
        Text(f, v, path);
        return {};
      case FieldType::kNumber:
        if (!v.is_number_integer()) {
          Add(path, "field.not_integer"_msg, "must be a whole number");
        } else if (auto n = Integer(v)) {
          Range(path, *n, f);
        } else {
          Add(path, "field.out_of_range"_msg, "must be between {min} and {max}",
              {{"min", std::to_string(f.min.value_or(std::numeric_limits<std::int64_t>::min()))},
               {"max", std::to_string(f.max.value_or(std::numeric_limits<std::int64_t>::max()))}});
        }
        return {};
      case FieldType::kMoney:
        Money(f, v, path);
        return {};
      case FieldType::kDate:
        DateValue(f, v, path);
        return {};
      case FieldType::kBoolean:
        if (!v.is_boolean()) Add(path, "field.not_boolean"_msg, "must be true or false");
        return {};
      case FieldType::kChoice:
        if (!v.is_string() || !f.FindOption(v.get_ref<const std::string&>())) {
          Add(path, "field.not_option"_msg, "must be one of {options}",
              {{"options", Joined(f.options)}});
        }
        return {};
      case FieldType::kPerson:
        if (!v.is_string() || !Iin::Parse(v.get_ref<const std::string&>())) {
          Add(path, "field.iin_invalid"_msg, "must be a valid IIN: 12 digits");
        }
        return {};
      case FieldType::kEmployer:
        if (!v.is_string() || !Bin::Parse(v.get_ref<const std::string&>())) {
          Add(path, "field.bin_invalid"_msg, "must be a valid BIN: 12 digits");
        }
        return {};
      case FieldType::kIban:
        if (!v.is_string() || !IsKazakhIban(v.get_ref<const std::string&>())) {
          Add(path, "field.iban_invalid"_msg,
              "must be a Kazakh IBAN: KZ, 2 check digits and 16 characters");
        }
        return {};
      case FieldType::kOffice:
        if (!v.is_string() || !lookups_.OfficeExists(v.get_ref<const std::string&>())) {
          Add(path, "field.office_unknown"_msg, "is not a known office");
        }
        return {};
      case FieldType::kStaff:
        return Staff(f, v, path);
      case FieldType::kClassifier:
        return Classifier(f, v, path);
      case FieldType::kVacancy: {
        const auto id = v.is_number_integer() ? Integer(v) : std::nullopt;
        if (!id || *id <= 0) {
          Add(path, "field.not_integer"_msg, "must be a whole number");
          return {};
        }
        JUMYS_ASSIGN_OR_RETURN(auto refusal, lookups_.VacancyRefusal(*id));
        if (refusal) Add(path, refusal->key, refusal->english, {{"id", std::to_string(*id)}});
        return {};
      }
      case FieldType::kList:
        return List(f, v, path);
      case FieldType::kGroup: {
        if (!v.is_object()) {
          Add(path, "field.not_object"_msg, "must be an object");
          return {};
        }
        std::vector<const Field*> nested;
        for (const auto& n : f.fields) nested.push_back(&n);
        return Object(nested, v, path, true, {});
      }
    }
    return {};
  }

  void Text(const Field& f, const json& v, const std::string& path) {
    if (!v.is_string()) {
      Add(path, "field.not_string"_msg, "must be a string");
      return;
    }
    const auto& s = v.get_ref<const std::string&>();
    const std::int64_t length = Characters(s);
    const std::int64_t max = f.max_length.value_or(kDefaultTextMaxLength);
    if (f.min_length && length < *f.min_length) {
      Add(path, "field.too_short"_msg, "must be at least {min} characters",
          {{"min", std::to_string(*f.min_length)}});
    } else if (length > max) {
      Add(path, "field.too_long"_msg, "must be at most {max} characters",
          {{"max", std::to_string(max)}});
    } else if (f.pattern && !std::regex_match(s, std::regex(*f.pattern, std::regex::ECMAScript))) {
      Add(path, "field.pattern"_msg, "is not in the expected form");
    }
  }

  void Money(const Field& f, const json& v, const std::string& path) {
    if (!v.is_object()) {
      Add(path, "field.not_money"_msg, "must be an amount: {\"amount\", \"currency\"}");
      return;
    }
    auto amount = v.find("amount");
    if (amount == v.end() || amount->is_null()) {
      Add(path + ".amount", "field.required"_msg, "is required");
    } else if (auto n = amount->is_number_integer() ? Integer(*amount) : std::nullopt) {
      Range(path + ".amount", *n, f);
    } else {
      Add(path + ".amount", "field.not_tiyn"_msg, "must be a whole number of tiyn");
    }
    auto currency = v.find("currency");
    if (currency == v.end() || !currency->is_string() || *currency != "KZT") {
      Add(path + ".currency", "field.not_kzt"_msg, "must be KZT");
    }
    for (const auto& [key, value] : v.items()) {
      if (key != "amount" && key != "currency") {
        Add(path + "." + key, "field.unknown"_msg, "is not taken here");
      }
    }
  }

  void DateValue(const Field& f, const json& v, const std::string& path) {
    auto date = v.is_string()
                    ? ParseDate(v.get_ref<const std::string&>())
                    : Expected<Date>(Error::Invalid("field.not_string"_msg, "must be a string"));
    if (!date) {
      Add(path, "field.not_date"_msg, "must be a date: YYYY-MM-DD");
    } else if (f.not_past && *date < today_) {
      Add(path, "field.date_past"_msg, "must not be in the past");
    } else if (f.not_future && *date > today_) {
      Add(path, "field.date_future"_msg, "must not be in the future");
    }
  }

  Status Staff(const Field& f, const json& v, const std::string& path) {
    bool known = false;
    if (v.is_string()) {
      JUMYS_ASSIGN_OR_RETURN(known, lookups_.StaffExists(v.get_ref<const std::string&>(), f.role));
    }
    if (known) return {};
    if (f.role) {
      Add(path, "field.staff_role_unknown"_msg, "must be the login of an active {role}",
          {{"role", RoleName(*f.role)}});
    } else {
      Add(path, "field.staff_unknown"_msg, "must be the login of an active staff member");
    }
    return {};
  }

  Status Classifier(const Field& f, const json& v, const std::string& path) {
    JUMYS_ASSIGN_OR_RETURN(auto bad, CheckClassifierCode(f, v, path, lookups_));
    if (bad) details.push_back(std::move(*bad));
    return {};
  }

  Status List(const Field& f, const json& v, const std::string& path) {
    if (!v.is_array()) {
      Add(path, "field.not_list"_msg, "must be a list");
      return {};
    }
    const auto count = static_cast<std::int64_t>(v.size());
    const std::int64_t max = f.max_items.value_or(kDefaultListMaxItems);
    if (f.min_items && count < *f.min_items) {
      Add(path, "field.too_few_items"_msg, "must have at least {min} items",
          {{"min", std::to_string(*f.min_items)}});
    }
    if (count > max) {
      // Not worth checking each item of a list that is refused anyway.
      Add(path, "field.too_many_items"_msg, "must have at most {max} items",
          {{"max", std::to_string(max)}});
      return {};
    }
    const Field* item = f.Item();
    if (!item) return {};
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string at = path + "[" + std::to_string(i) + "]";
      if (!Given(v[i])) {
        Add(at, "field.required"_msg, "is required");
        continue;
      }
      JUMYS_TRY(Value(*item, v[i], at));
    }
    return {};
  }

  Date today_;
  const FieldLookups& lookups_;
};

}  // namespace

DataSpec CompletionDataSpec(const Step& step, const Outcome& outcome) {
  DataSpec spec;
  spec.lists = {&step.fields, &outcome.fields};
  if (step.assigns) spec.reserved.push_back("assignee");
  if (outcome.requires_grounds) spec.reserved.push_back("grounds");
  return spec;
}

DataSpec FilingDataSpec(const ProcessDefinition& def) {
  DataSpec spec;
  spec.lists = {&def.intake.fields};
  // The office chosen on the portal may come as data.office; consent as data.consent.
  spec.reserved = {"office"};
  if (def.intake.consent_required) spec.reserved.push_back("consent");
  return spec;
}

Expected<std::vector<ErrorDetail>> CheckData(const DataSpec& spec, const nlohmann::json& data,
                                             Date today, const FieldLookups& lookups) {
  Checker checker(today, lookups);
  if (!data.is_object()) {
    checker.details.emplace_back("data", "field.not_object"_msg, "must be an object");
    return std::move(checker.details);
  }
  std::vector<const Field*> fields;
  for (const FieldList* list : spec.lists) {
    for (const auto& f : list->fields) fields.push_back(&f);
  }
  JUMYS_TRY(checker.Object(fields, data, "data", /*refuse_undeclared=*/true, spec.reserved));
  return std::move(checker.details);
}

Status ValidateData(const DataSpec& spec, const nlohmann::json& data, Date today,
                    const FieldLookups& lookups) {
  JUMYS_ASSIGN_OR_RETURN(auto details, CheckData(spec, data, today, lookups));
  if (details.empty()) return {};
  return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(details));
}

}  // namespace jumys
