#pragma once
// The `data` of a task's completion or of a filing, checked against the fields its definition
// declares (processes/README.md "Fields"): every problem at once, one ErrorDetail per bad
// field, so a form can mark them all. No store and no clock: what needs a lookup (offices,
// staff accounts) asks FieldLookups, and "today" is given.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/roles.h"
#include "engine/definition.h"

namespace jumys {

// What checking an office or a staff field looks up. The engine answers from its office
// directory and the store (engine/store_field_lookups.h); tests answer from a table.
class FieldLookups {
 public:
  virtual ~FieldLookups() = default;
  virtual bool OfficeExists(std::string_view office_id) const = 0;
  // An active staff account with this login, holding `role` when one is given. An error is a
  // broken store, not a bad field.
  virtual Expected<bool> StaffExists(std::string_view login, std::optional<Role> role) const = 0;
  // A code of a reference classifier (nkz, kato) as loaded: nullopt for no such code.
  struct ClassifierCode {
    std::int64_t level = 1;
    bool active = true;
  };
  virtual Expected<std::optional<ClassifierCode>> FindClassifierCode(
      std::string_view classifier, std::string_view code) const = 0;
  // Whether any active code of the classifier is loaded: with none, a classifier field says
  // so (field.classifier_empty) instead of calling every code unknown.
  virtual Expected<bool> ClassifierLoaded(std::string_view classifier) const = 0;
  // Why the vacancy `id` cannot be referred to (a detail's key and its English), or nullopt when
  // it is published with a free workplace. The default knows no vacancy.
  struct Refusal {
    MessageKey key;
    std::string english;
  };
  virtual Expected<std::optional<Refusal>> VacancyRefusal(std::int64_t id) const;
};

// Defaults of constraints a field does not declare.
inline constexpr std::int64_t kDefaultTextMaxLength = 1000;  // characters
inline constexpr std::int64_t kDefaultListMaxItems = 100;

// What one `data` object is checked against.
struct DataSpec {
  std::vector<const FieldList*> lists;  // a completion: the step's, then the outcome's
  // Keys the engine itself reads there, never declared: assignee (a step that appoints),
  // grounds (a refusal), consent and office (a filing).
  // Any other key no field declares is refused (field.unknown): a request can never carry a
  // value the definition does not take.
  std::vector<std::string> reserved;
};

DataSpec CompletionDataSpec(const Step& step, const Outcome& outcome);
DataSpec FilingDataSpec(const ProcessDefinition& def);

// Every problem with `data` (an object), in the order the fields are declared, then the
// undeclared keys: paths "data.workers", "data.payment.amount", "data.members[2].iin". A value
// that is null or "" counts as not given. Dates `not_past` / `not_future` compare with `today`.
// An error only for a lookup that failed.
Expected<std::vector<ErrorDetail>> CheckData(const DataSpec& spec, const nlohmann::json& data,
                                             Date today, const FieldLookups& lookups);

// The check of one value of a field of kind classifier (its classifier, code_prefix, min_level
// and max_level), for CheckData and for documents that hold classifier codes outside a
// definition: nullopt when the code is taken, else one detail at `path` (field.not_string,
// field.unknown_code, field.classifier_empty, field.code_not_allowed).
Expected<std::optional<ErrorDetail>> CheckClassifierCode(const Field& f, const nlohmann::json& v,
                                                         const std::string& path,
                                                         const FieldLookups& lookups);

// CheckData as a verdict: 422 `data.invalid` "the data is not valid" with one detail per bad
// field, or OK.
Status ValidateData(const DataSpec& spec, const nlohmann::json& data, Date today,
                    const FieldLookups& lookups);

}  // namespace jumys
