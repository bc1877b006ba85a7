#include "engine/regulations_index.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/limit.h"

namespace jumys {
namespace {

// What the index says of a name the build does not register.
constexpr const char* kUnregistered = "none in this build: the process is not offered";

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool IsTestFile(const fs::path& path, bool under_tests) {
  const std::string name = path.filename().string();
  if (EndsWith(name, "_test.cpp") || EndsWith(name, "_pgtest.cpp") || EndsWith(name, "_suite.h")) {
    return true;
  }
  if (!under_tests) return false;
  static const std::set<std::string> kScripts = {".py", ".js", ".mjs", ".cjs", ".ts"};
  return kScripts.count(path.extension().string()) > 0;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `path` from `root`, as given when it lies elsewhere.
std::string Relative(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  const fs::path full = fs::weakly_canonical(path, ec);
  const fs::path base = fs::weakly_canonical(root, ec);
  const fs::path rel = full.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return path.generic_string();
  return rel.generic_string();
}

bool WordChar(char c, bool code) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (code && c == '-');
}

// `word` in `text` with no word character on either side (for a code, '-' is one).
bool Mentions(const std::string& text, const std::string& word, bool code) {
  if (word.empty()) return false;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool before = at > 0 && WordChar(text[at - 1], code);
    const auto end = at + word.size();
    const bool after = end < text.size() && WordChar(text[end], code);
    if (!before && !after) return true;
  }
  return false;
}

// "S1" < "S4a" < "S4b" < "P1" < "P3" < (no number, by code): services before programmes.
struct NumberKey {
  int group;
  char letter;
  int n;
  std::string suffix;
  std::string code;
  std::string version;
  auto operator<=>(const NumberKey&) const = default;
};

NumberKey KeyOf(const ProcessDefinition& def) {
  if (def.number.empty()) return {2, 0, 0, "", def.code, def.version};
  const char letter = def.number.front();
  std::size_t i = 1;
  int n = 0;
  while (i < def.number.size() && def.number[i] >= '0' && def.number[i] <= '9') {
    n = n * 10 + (def.number[i++] - '0');
  }
  const int group = letter == 'S' ? 0 : 1;
  return {group, letter, n, def.number.substr(i), def.code, def.version};
}

// Items in the regulation's order: "6.2" < "6.10" < "9.1".
bool ItemBefore(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) &&
        std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      const long x = std::stol(a.substr(i, ie - i));
      const long y = std::stol(b.substr(j, je - j));
      if (x != y) return x < y;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::string Cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    if (c == '\n') c = ' ';
    out += c;
  }
  return out;
}

std::string Anchor(const ProcessDefinition& def) {
  std::string a = def.number.empty() ? def.code : def.number;
  for (char& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return a;
}

std::string Link(const std::string& path) { return "[" + path + "](../" + path + ")"; }

std::string Who(const Step& step) {
  std::string who;
  if (step.party) who = std::string(ExternalPartyName(*step.party));
  if (step.role) {
    const std::string role = RoleName(*step.role);
    who = who.empty() ? role : who + " (recorded by " + role + ")";
  }
  if (who.empty()) who = "system";
  if (step.office != OfficeScope::kProvider)
    who += ", " + std::string(OfficeScopeName(step.office));
  return who;
}

std::string LimitOf(const Step& step) {
  std::string limit = step.limit ? FormatLimit(*step.limit) : "";
  if (step.kind == StepKind::kTimer && !limit.empty()) limit = "after " + limit;
  if (step.due_day) limit = "by day " + std::to_string(*step.due_day) + " of the month";
  if (step.kind == StepKind::kRepeat && step.every) {
    limit = "every " + std::string(RepeatPeriodName(*step.every));
  }
  return limit.empty() ? "-" : limit;
}

// Where a definition names each guard, check and effect: "intake", a step id, or
// "step/outcome", in the definition's order.
struct Use {
  HookKind kind;
  std::string name;
  bool operator<(const Use& o) const { return std::tie(kind, name) < std::tie(o.kind, o.name); }
};

// The places a name is used and the later acts its uses name (`{name, source}`), if any.
struct Places {
  std::vector<std::string> where;
  std::vector<std::string> sources;
};

std::map<Use, Places> UsesOf(const ProcessDefinition& def) {
  std::map<Use, Places> uses;
  auto add = [&](HookKind kind, const std::vector<std::string>& names, const std::string& where,
                 const std::vector<std::string>& sources) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      auto& places = uses[{kind, names[i]}];
      if (std::find(places.where.begin(), places.where.end(), where) == places.where.end()) {
        places.where.push_back(where);
      }
      const std::string source = i < sources.size() ? sources[i] : std::string();
      if (!source.empty() &&
          std::find(places.sources.begin(), places.sources.end(), source) == places.sources.end()) {
        places.sources.push_back(source);
      }
    }
  };
  add(HookKind::kCheck, def.intake.checks, "intake", def.intake.check_sources);
  for (const auto& entry : def.channels) {
    for (const auto& start : entry.starts) {
      add(HookKind::kGuard, start.guards, std::string("start (") + ChannelName(entry.channel) + ")",
          start.guard_sources);
    }
  }
  for (const auto& step : def.steps) {
    add(HookKind::kGuard, step.guards, step.id, step.guard_sources);
    add(HookKind::kGuard, step.until, step.id, {});
    add(HookKind::kEffect, step.effects, step.id, {});
    for (const auto& o : step.outcomes) {
      add(HookKind::kGuard, o.guards, step.id + "/" + o.id, o.guard_sources);
      add(HookKind::kEffect, o.effects, step.id + "/" + o.id, {});
    }
  }
  return uses;
}

// "No. 1057 of 2018-02-27, registered with the Justice department on 2018-03-13 under
// No. 6196, ..., repealed by No. 163 of 2020-02-06".
std::string ActLine(const ActRecord& act) {
  std::string out = "No. " + act.number + " of " + FormatDate(act.adopted);
  if (act.registered) {
    out += ", registered with the Justice department on " + FormatDate(*act.registered);
    if (!act.registration_number.empty()) out += " under No. " + act.registration_number;
  }
  if (act.amended_by) {
    out += ", worded anew by No. " + act.amended_by->number + " of " +
           FormatDate(act.amended_by->date);
  }
  if (act.repealed_by) {
    out +=
        ", repealed by No. " + act.repealed_by->number + " of " + FormatDate(act.repealed_by->date);
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Each entry's anchor: its number (or code), lower-case; a second version of one process adds
// its version.
struct Entry {
  const ProcessDefinition* def;
  std::string anchor;
};

void Header(std::ostream& out, const std::vector<Entry>& entries, const fs::path& root) {
  out << "# Processes: the regulation index\n\n"
         "Generated by `jumys regulations-index` from the process definitions (`processes/`), the\n"
         "guards, checks and effects registered in `src/` and the test files that name each\n"
         "process. Do not edit it: `make docs` writes it again, and `make test` fails while it\n"
         "differs from what the command prints. How to read and write a definition:\n"
         "[processes/README.md](../processes/README.md).\n\n"
         "| Number | Process code | Title | Version | Status | Definition |\n"
         "|---|---|---|---|---|---|\n";
  for (const auto& [def, anchor] : entries) {
    out << "| [" << (def->number.empty() ? "-" : def->number) << "](#" << anchor << ") | `"
        << def->code << "` | " << Cell(def->title.en) << " | " << def->version << " | "
        << DefinitionStatusName(def->status) << " | " << Link(Relative(def->file, root)) << " |\n";
  }
}

void Section(std::ostream& out, const Entry& entry, const CaseHooks& hooks,
             const std::vector<TestFile>& tests, const fs::path& root) {
  const ProcessDefinition& def = *entry.def;
  const std::string title = def.number.empty() ? def.code : def.number + ". " + def.title.en;
  out << "\n<a id=\"" << entry.anchor << "\"></a>\n\n## " << title << "\n\n";
  out << "- Process code: `" << def.code << "`, version `" << def.version << "` ("
      << DefinitionStatusName(def.status) << ")\n";
  out << "- Title: " << def.title.en;
  if (!def.title.ru.empty()) out << "; ru: " << def.title.ru;
  if (!def.title.kk.empty()) out << "; kk: " << def.title.kk;
  out << "\n- Legal source: " << def.source << "\n";
  if (def.beyond_seed) out << "- Beyond the seed regulations: the whole process\n";
  if (def.act) out << "- Act: " << ActLine(*def.act) << "\n";
  if (!def.service_term.empty()) {
    std::vector<std::string> terms;
    for (const auto& t : def.service_term) {
      terms.push_back(std::string(ChannelName(t.channel)) + " " + FormatLimit(t.limit));
    }
    out << "- Service term: " << Join(terms, ", ") << "\n";
  }
  if (def.effective) {
    out << "- In force: from " << FormatDate(def.effective->from);
    if (def.effective->to) out << " to " << FormatDate(*def.effective->to);
    out << "\n";
  }
  out << "- Provider: " << ProviderLevelName(def.provider) << "\n";
  if (def.concerns_case) out << "- Concerns: a case of the same applicant (its subject)\n";
  std::vector<std::string> channels;
  std::vector<std::string> items;
  for (const auto& entry : def.channels) {
    std::string c = ChannelName(entry.channel);
    if (!entry.ref.empty()) {
      c += " (item " + entry.ref + ")";
      items.push_back(entry.ref);
    }
    channels.push_back(c);
  }
  for (const auto& step : def.steps) {
    if (!step.ref.empty()) items.push_back(step.ref);
  }
  std::sort(items.begin(), items.end(), ItemBefore);
  items.erase(std::unique(items.begin(), items.end()), items.end());
  out << "- Channels: " << Join(channels, ", ") << "\n";
  out << "- Items: " << Join(items, ", ") << "\n";
  out << "- Definition: " << Link(Relative(def.file, root)) << "\n";

  out << "\n### Steps\n\n| Step | Item | What | Kind | Channel | Who | Limit |\n"
         "|---|---|---|---|---|---|---|\n";
  for (const auto& step : def.steps) {
    out << "| `" << step.id << "` | " << (step.ref.empty() ? "-" : step.ref) << " | "
        << Cell(step.title.en +
                (step.source.empty() ? "" : " (beyond the seed: " + step.source + ")"))
        << " | " << StepKindName(step.kind) << " | "
        << (step.channel ? ChannelName(*step.channel) : "all") << " | " << Cell(Who(step)) << " | "
        << LimitOf(step) << " |\n";
  }

  const auto uses = UsesOf(def);
  out << "\n### Guards, checks and effects\n\n";
  if (uses.empty()) {
    out << "None.\n";
  } else {
    out << "| Name | Kind | Named at | Law | Implemented in |\n|---|---|---|---|---|\n";
    for (const auto& [use, places] : uses) {
      const std::string source = hooks.SourceOf(use.kind, use.name);
      const std::string law = places.sources.empty() ? "-" : Cell(Join(places.sources, "; "));
      out << "| `" << use.name << "` | " << HookKindName(use.kind) << " | "
          << Join(places.where, ", ") << " | " << law << " | "
          << (source.empty() ? kUnregistered : Link(source)) << " |\n";
    }
  }

  out << "\n### Tests\n\n";
  const auto mentioning = TestsMentioning(tests, def.number, def.code);
  if (mentioning.empty()) out << "None name it yet.\n";
  for (const auto& path : mentioning) out << "- " << Link(path) << "\n";
}

}  // namespace

std::vector<TestFile> ScanTestFiles(const fs::path& root) {
  std::vector<TestFile> out;
  for (const char* top : {"src", "tests"}) {
    const fs::path dir = root / top;
    if (!fs::is_directory(dir)) continue;
    const bool under_tests = std::string_view(top) == "tests";
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
         ++it) {
      const std::string name = it->path().filename().string();
      if (it->is_directory() &&
          (name == "node_modules" || name == "__pycache__" || name.starts_with("."))) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file() || !IsTestFile(it->path(), under_tests)) continue;
      out.push_back({it->path().lexically_relative(root).generic_string(), ReadAll(it->path())});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const TestFile& a, const TestFile& b) { return a.path < b.path; });
  return out;
}

std::vector<std::string> TestsMentioning(const std::vector<TestFile>& tests,
                                         const std::string& number, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& t : tests) {
    if (Mentions(t.text, number, false) || Mentions(t.text, code, true)) out.push_back(t.path);
  }
  return out;
}

std::string RegulationsIndex(const ProcessCatalog& catalog, const CaseHooks& hooks,
                             const std::vector<TestFile>& tests, const fs::path& root) {
  std::vector<const ProcessDefinition*> defs;
  for (const auto& d : catalog.All()) defs.push_back(d.get());
  std::sort(defs.begin(), defs.end(),
            [](const auto* a, const auto* b) { return KeyOf(*a) < KeyOf(*b); });
  std::vector<Entry> entries;
  std::set<std::string> taken;
  for (const auto* def : defs) {
    std::string anchor = Anchor(*def);
    if (!taken.insert(anchor).second) anchor += "-" + def->version;
    entries.push_back({def, anchor});
  }
  std::ostringstream out;
  Header(out, entries, root);
  for (const auto& entry : entries) Section(out, entry, hooks, tests, root);
  return out.str();
}

}  // namespace jumys
