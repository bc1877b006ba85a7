#include "engine/definition_loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "engine/definition_parser.h"
#include "engine/definition_validator.h"
#include "engine/definition_vocabulary.h"
#include "engine/notification_templates.h"
#include "rendering/document_templates.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;

Expected<std::string> ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return DefinitionFileError(file.string(), 0, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Entries of a directory in name order, so the first error reported is always the same one.
std::vector<fs::path> Sorted(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool IsYaml(const fs::path& p) { return p.extension() == ".yaml" && fs::is_regular_file(p); }

Expected<std::map<std::string, RefusalGroundsFile>> LoadGrounds(
    const fs::path& reference_dir, const DefinitionVocabulary& vocabulary) {
  std::map<std::string, RefusalGroundsFile> out;
  const fs::path dir = reference_dir / "refusal-grounds";
  for (const fs::path& file : Sorted(dir)) {
    if (!IsYaml(file)) continue;
    auto text = ReadText(file);
    if (!text) return text.error();
    auto grounds = ParseRefusalGrounds(file.string(), *text, vocabulary);
    if (!grounds) return grounds.error();
    if (grounds->process != file.stem().string()) {
      return DefinitionFileError(file.string(), grounds->process_line,
                                 "'process' must match the file name");
    }
    out.emplace(grounds->process, std::move(*grounds));
  }
  return out;
}

using ReferenceLists = std::map<std::string, std::vector<FieldOption>>;

Expected<ReferenceLists> LoadLists(const fs::path& reference_dir) {
  ReferenceLists out;
  for (const fs::path& file : Sorted(reference_dir / "lists")) {
    if (!IsYaml(file)) continue;
    auto text = ReadText(file);
    if (!text) return text.error();
    auto list = ParseReferenceList(file.string(), *text);
    if (!list) return list.error();
    if (!list->name.empty() && list->name != file.stem().string()) {
      return DefinitionFileError(file.string(), list->name_line, "'name' must match the file name");
    }
    out.emplace(file.stem().string(), std::move(list->options));
  }
  return out;
}

// Fills in the options of every choice field that names a reference list.
Status ExpandOptions(std::vector<Field>& fields, const ReferenceLists& lists,
                     const std::string& file) {
  for (Field& f : fields) {
    if (!f.options_list.empty()) {
      auto it = lists.find(f.options_list);
      if (it == lists.end()) {
        return DefinitionFileError(file, f.options_line,
                                   "no reference list '" + f.options_list + "' (reference/lists/" +
                                       f.options_list + ".yaml)");
      }
      f.options = it->second;
    }
    JUMYS_TRY(ExpandOptions(f.item, lists, file));
    JUMYS_TRY(ExpandOptions(f.fields, lists, file));
  }
  return {};
}

Status ExpandOptions(ProcessDefinition& def, const ReferenceLists& lists) {
  JUMYS_TRY(ExpandOptions(def.intake.fields.fields, lists, def.file));
  for (Step& step : def.steps) {
    JUMYS_TRY(ExpandOptions(step.fields.fields, lists, def.file));
    for (Outcome& o : step.outcomes) JUMYS_TRY(ExpandOptions(o.fields.fields, lists, def.file));
  }
  return {};
}

struct References {
  std::map<std::string, RefusalGroundsFile> grounds;
  ReferenceLists lists;
  std::optional<rendering::DocumentTemplates> templates;  // reference/documents, when present
  NotificationTemplates notifications;                    // reference/notifications
};

// Each `notify` names a template of reference/notifications written for its recipient, and
// `before_due` sits on a step whose task has a due time.
Status CheckNotify(const ProcessDefinition& def, const References& references) {
  const auto check = [&](const Notify& n, const Step* timed) -> Status {
    const NotificationTemplate* t = references.notifications.Find(n.template_name);
    if (!t) {
      return DefinitionFileError(def.file, n.line,
                                 "no notification template '" + n.template_name +
                                     "' (reference/notifications/" + n.template_name + ".yaml)");
    }
    if (t->audience != NotificationAudience::kApplicant) {
      return DefinitionFileError(def.file, n.line,
                                 "template '" + n.template_name + "' is written for " +
                                     NotificationAudienceName(t->audience) + ", not for the " +
                                     NotifyRecipientName(n.to));
    }
    if (n.before_due && (!timed || !(timed->limit || timed->due_day) ||
                         (timed->kind != StepKind::kUser && timed->kind != StepKind::kWait))) {
      return DefinitionFileError(def.file, n.line,
                                 "'before_due' needs a user or wait step with a limit or due_day");
    }
    return {};
  };
  for (const Step& step : def.steps) {
    for (const Notify& n : step.notify) JUMYS_TRY(check(n, &step));
    for (const Outcome& o : step.outcomes) {
      for (const Notify& n : o.notify) JUMYS_TRY(check(n, nullptr));
    }
  }
  return {};
}

// `from_application`: each kind has a template, each field is one of the intake's and a
// `source: application` field of that template.
Status CheckFromApplication(const ProcessDefinition& def, const References& references) {
  for (const auto& entry : def.from_application) {
    if (!references.templates) {
      return DefinitionFileError(def.file, entry.line,
                                 "from_application: no document templates (reference/documents) "
                                 "to check '" +
                                     entry.kind + "' against");
    }
    const rendering::DocumentTemplate* tmpl = references.templates->Find(entry.kind);
    if (!tmpl) {
      return DefinitionFileError(def.file, entry.line,
                                 "from_application: no document template '" + entry.kind +
                                     "' (reference/documents/" + entry.kind + ".yaml)");
    }
    for (const std::string& name : entry.fields) {
      if (!def.intake.fields.Find(name)) {
        return DefinitionFileError(
            def.file, entry.line,
            "from_application." + entry.kind + ": '" + name + "' is not a field of the intake");
      }
      auto field = tmpl->fields.find(name);
      if (field == tmpl->fields.end() ||
          field->second.source != rendering::FieldSource::kApplication) {
        return DefinitionFileError(def.file, entry.line,
                                   "from_application." + entry.kind + ": the template " +
                                       tmpl->source + " has no field '" + name +
                                       "' with source: application");
      }
    }
  }
  return {};
}

Expected<References> LoadReferences(const fs::path& reference_dir,
                                    const DefinitionVocabulary& vocabulary) {
  References out;
  JUMYS_ASSIGN_OR_RETURN(out.grounds, LoadGrounds(reference_dir, vocabulary));
  JUMYS_ASSIGN_OR_RETURN(out.lists, LoadLists(reference_dir));
  if (std::error_code ec; fs::is_directory(reference_dir / "documents", ec)) {
    JUMYS_ASSIGN_OR_RETURN(out.templates,
                           rendering::LoadDocumentTemplates(reference_dir / "documents"));
  }
  JUMYS_ASSIGN_OR_RETURN(out.notifications,
                         LoadNotificationTemplates(reference_dir / "notifications"));
  return out;
}

Expected<ProcessDefinition> LoadOne(const fs::path& file, const References& references,
                                    const DefinitionVocabulary& vocabulary) {
  const auto& grounds = references.grounds;
  auto text = ReadText(file);
  if (!text) return text.error();
  auto def = ParseDefinition(file.string(), *text, vocabulary);
  if (!def) return def.error();
  if (def->version != file.stem().string()) {
    return DefinitionFileError(
        file.string(), def->code_line,
        "version '" + def->version + "' does not match the file name " + file.filename().string());
  }
  if (auto it = grounds.find(def->code); it != grounds.end()) {
    def->refusal_grounds = it->second.grounds;
  }
  JUMYS_TRY(ExpandOptions(*def, references.lists));
  if (auto st = ValidateDefinition(*def); !st) return st.error();
  JUMYS_TRY(CheckFromApplication(*def, references));
  JUMYS_TRY(CheckNotify(*def, references));
  return def;
}

}  // namespace

Expected<ProcessDefinition> LoadDefinitionFile(const fs::path& file, const fs::path& reference_dir,
                                               const DefinitionVocabulary& vocabulary) {
  auto references = LoadReferences(reference_dir, vocabulary);
  if (!references) return references.error();
  return LoadOne(file, *references, vocabulary);
}

// A `start_case:<code>` effect names a process that is loaded, for a person or an employer as
// the case that starts it, with an office channel (the follow-up runs in the office).
static Status CheckFollowUps(const std::vector<ProcessDefinition>& definitions) {
  const auto check = [&](const ProcessDefinition& def, const std::vector<std::string>& effects,
                         int line) -> Status {
    for (const auto& e : effects) {
      if (ArgumentPattern(e) != std::string(kStartCaseEffect) + ":*") continue;
      const std::string code = NameArgument(e);
      auto it = std::find_if(definitions.begin(), definitions.end(),
                             [&](const ProcessDefinition& d) { return d.code == code; });
      if (it == definitions.end()) {
        return DefinitionFileError(def.file, line,
                                   "effect '" + e + "' names no process definition");
      }
      if (!it->FindChannel(Channel::kOffice)) {
        return DefinitionFileError(def.file, line,
                                   "effect '" + e + "': " + code + " has no office channel");
      }
      if (it->applicant && def.applicant != it->applicant) {
        return DefinitionFileError(
            def.file, line, "effect '" + e + "': " + code + " is for another kind of applicant");
      }
    }
    return {};
  };
  for (const auto& def : definitions) {
    for (const auto& step : def.steps) {
      JUMYS_TRY(check(def, step.effects, step.line));
      for (const auto& o : step.outcomes) JUMYS_TRY(check(def, o.effects, o.line));
    }
  }
  return {};
}

Expected<ProcessCatalog> LoadProcessCatalog(const fs::path& processes_dir,
                                            const fs::path& reference_dir,
                                            const DefinitionVocabulary& vocabulary) {
  if (!fs::is_directory(processes_dir)) {
    return DefinitionFileError(processes_dir.string(), 0, "not a directory of definitions");
  }
  auto references = LoadReferences(reference_dir, vocabulary);
  if (!references) return references.error();
  const auto* grounds = &references->grounds;
  std::vector<ProcessDefinition> definitions;
  for (const fs::path& dir : Sorted(processes_dir)) {
    if (!fs::is_directory(dir)) continue;
    for (const fs::path& file : Sorted(dir)) {
      if (!IsYaml(file)) continue;
      auto def = LoadOne(file, *references, vocabulary);
      if (!def) return def.error();
      if (def->code != dir.filename().string()) {
        return DefinitionFileError(
            file.string(), def->code_line,
            "code '" + def->code + "' does not match its folder " + dir.filename().string());
      }
      definitions.push_back(std::move(*def));
    }
  }
  if (definitions.empty()) {
    return DefinitionFileError(processes_dir.string(), 0, "no process definitions found");
  }
  JUMYS_TRY(CheckFollowUps(definitions));
  for (const auto& [code, file] : *grounds) {
    const bool used = std::any_of(definitions.begin(), definitions.end(),
                                  [&](const ProcessDefinition& d) { return d.code == code; });
    if (!used) {
      return DefinitionFileError((reference_dir / "refusal-grounds" / (code + ".yaml")).string(),
                                 file.process_line,
                                 "no process definition has code '" + code + "'");
    }
  }
  return ProcessCatalog::Build(std::move(definitions));
}

}  // namespace jumys
