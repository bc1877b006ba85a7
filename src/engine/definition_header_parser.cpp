#include "engine/definition_header_parser.h"

namespace jumys::definition_header {
namespace {

using definition_yaml::IsCode;
using definition_yaml::IsRef;
using definition_yaml::Reader;

// A catalogue number: "S1", "S4a", "P3".
bool IsNumber(std::string_view s) {
  if (s.size() < 2 || s.front() < 'A' || s.front() > 'Z') return false;
  std::size_t i = 1;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 1) return false;
  return i == s.size() || (i + 1 == s.size() && s[i] >= 'a' && s[i] <= 'z');
}

// An act's number as printed: "1057", "163", "11342"; digits with an optional "-" part.
bool IsActNumber(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
          c == '/')) {
      return false;
    }
  }
  return true;
}

class HeaderParser {
 public:
  HeaderParser(const Reader& r, const DefinitionVocabulary& vocab) : r_(r), vocab_(vocab) {}

  Status Header(const YAML::Node& root, ProcessDefinition& def);

 private:
  Status Effective(const YAML::Node& root, ProcessDefinition& def);
  Status Act(const YAML::Node& root, ProcessDefinition& def);
  Expected<ActReference> OtherAct(const YAML::Node& node, const char* key);
  Status Terms(const YAML::Node& root, ProcessDefinition& def);
  Status Channels(const YAML::Node& node, ProcessDefinition& def);
  Status FromApplication(const YAML::Node& node, ProcessDefinition& def);

  const Reader& r_;
  const DefinitionVocabulary& vocab_;
};

Status HeaderParser::Header(const YAML::Node& root, ProcessDefinition& def) {
  if (auto st =
          r_.Keys(root, {"code", "number", "version", "status", "title", "source", "beyond_seed",
                         "act", "service_term", "effective", "provider", "concerns", "applicant",
                         "channels", "intake", "from_application", "steps", "one_open_case"});
      !st) {
    return st;
  }
  auto code = r_.Text(root, "code");
  if (!code) return code.error();
  if (!IsCode(*code)) return r_.At(root["code"], "'code' must be lower-case words joined by '-'");
  def.code = *code;
  def.code_line = Reader::Line(root["code"]);
  if (root["number"].IsDefined()) {
    auto number = r_.Text(root, "number");
    if (!number) return number.error();
    if (!IsNumber(*number)) {
      return r_.At(root["number"],
                   "'number' must be a capital letter, digits and an optional "
                   "lower-case letter, e.g. S4a");
    }
    def.number = *number;
  }
  auto version = r_.Text(root, "version");
  if (!version) return version.error();
  if (!IsCode(*version)) {
    return r_.At(root["version"], "'version' must be lower-case letters, digits and '-'");
  }
  def.version = *version;
  auto status = r_.Word<DefinitionStatus>(root, "status", ParseDefinitionStatus, "active, sketch");
  if (!status) return status.error();
  def.status = *status;
  auto title = r_.Localized(root, "title", true);
  if (!title) return title.error();
  def.title = std::move(*title);
  auto source = r_.Text(root, "source");
  if (!source) return source.error();
  def.source = *source;
  auto beyond = r_.Flag(root, "beyond_seed", false);
  if (!beyond) return beyond.error();
  def.beyond_seed = *beyond;
  auto provider =
      r_.Word<ProviderLevel>(root, "provider", ParseProviderLevel, "centre, oblast, any");
  if (!provider) return provider.error();
  def.provider = *provider;
  if (root["concerns"].IsDefined()) {
    auto concerns = r_.Text(root, "concerns");
    if (!concerns) return concerns.error();
    if (*concerns != "case") return r_.At(root["concerns"], "'concerns' may only be 'case'");
    def.concerns_case = true;
  }
  if (def.provider == ProviderLevel::kAny && !def.concerns_case) {
    return r_.At(root["provider"], "'provider: any' is for a process that concerns a case");
  }
  if (root["applicant"].IsDefined()) {
    auto applicant =
        r_.Word<ApplicantKind>(root, "applicant", ParseApplicantKind, "person, employer");
    if (!applicant) return applicant.error();
    def.applicant = *applicant;
  }
  if (auto st = FromApplication(root["from_application"], def); !st) return st;
  if (auto st = Act(root, def); !st) return st;
  if (auto st = Channels(root["channels"], def); !st) return st;
  if (auto st = Terms(root, def); !st) return st;
  return Effective(root, def);
}

Status HeaderParser::Effective(const YAML::Node& root, ProcessDefinition& def) {
  const YAML::Node eff = root["effective"];
  if (!eff.IsDefined()) {
    if (def.status != DefinitionStatus::kSketch) {
      return r_.At(root, "missing 'effective' {from, to?}");
    }
    return {};
  }
  if (auto st = r_.Keys(eff, {"from", "to"}); !st) return st;
  if (!eff["from"].IsDefined()) return r_.At(eff, "missing 'from' in 'effective'");
  EffectivePeriod period;
  auto from = r_.DateAt(eff["from"]);
  if (!from) return from.error();
  period.from = *from;
  if (eff["to"].IsDefined()) {
    auto to = r_.DateAt(eff["to"]);
    if (!to) return to.error();
    if (*to < *from) return r_.At(eff["to"], "'to' is before 'from'");
    period.to = *to;
  }
  def.effective = period;
  def.effective_line = Reader::Line(eff);
  return {};
}

// Whether a definition implements a regulation of the seeds and so must say which act and
// which term: every active one not wholly beyond the seed.
bool OfARegulation(const ProcessDefinition& def) {
  return def.status == DefinitionStatus::kActive && !def.beyond_seed;
}

Expected<ActReference> HeaderParser::OtherAct(const YAML::Node& parent, const char* key) {
  const YAML::Node node = parent[key];
  if (auto st = r_.Keys(node, {"number", "date"}); !st) return st.error();
  auto number = r_.Text(node, "number");
  if (!number) return number.error();
  if (!IsActNumber(*number)) return r_.At(node["number"], "bad act number '" + *number + "'");
  if (!node["date"].IsDefined()) return r_.At(node, std::string("missing 'date' in '") + key + "'");
  auto date = r_.DateAt(node["date"]);
  if (!date) return date.error();
  return ActReference{*number, *date};
}

// `act: {number, adopted, registered?, registration_number?, amended_by?, repealed_by?}`.
Status HeaderParser::Act(const YAML::Node& root, ProcessDefinition& def) {
  const YAML::Node node = root["act"];
  if (!node.IsDefined()) {
    if (OfARegulation(def)) {
      return r_.At(root, "missing 'act' {number, adopted, registered?, repealed_by?}");
    }
    return {};
  }
  if (!node.IsMap()) return r_.At(node, "'act' must be a map {number, adopted, ...}");
  if (auto st = r_.Keys(node, {"number", "adopted", "registered", "registration_number",
                               "amended_by", "repealed_by"});
      !st) {
    return st;
  }
  ActRecord act;
  act.line = Reader::Line(node);
  auto number = r_.Text(node, "number");
  if (!number) return number.error();
  if (!IsActNumber(*number)) return r_.At(node["number"], "bad act number '" + *number + "'");
  act.number = *number;
  if (!node["adopted"].IsDefined()) return r_.At(node, "missing 'adopted' in 'act'");
  auto adopted = r_.DateAt(node["adopted"]);
  if (!adopted) return adopted.error();
  act.adopted = *adopted;
  if (node["registered"].IsDefined()) {
    auto registered = r_.DateAt(node["registered"]);
    if (!registered) return registered.error();
    if (*registered < act.adopted) {
      return r_.At(node["registered"], "'registered' is before 'adopted'");
    }
    act.registered = *registered;
  }
  auto reg_number = r_.OptionalText(node, "registration_number");
  if (!reg_number) return reg_number.error();
  if (*reg_number) {
    if (!act.registered) {
      return r_.At(node["registration_number"], "'registration_number' needs 'registered'");
    }
    if (!IsActNumber(**reg_number)) {
      return r_.At(node["registration_number"], "bad registration number '" + **reg_number + "'");
    }
    act.registration_number = **reg_number;
  }
  for (const char* key : {"amended_by", "repealed_by"}) {
    if (!node[key].IsDefined()) continue;
    auto other = OtherAct(node, key);
    if (!other) return other.error();
    if (other->date < act.adopted) {
      return r_.At(node[key], std::string("'") + key + "' is dated before 'adopted'");
    }
    (std::string_view(key) == "amended_by" ? act.amended_by : act.repealed_by) = *other;
  }
  if (act.amended_by && act.repealed_by && act.repealed_by->date < act.amended_by->date) {
    return r_.At(node["repealed_by"], "'repealed_by' is dated before 'amended_by'");
  }
  def.act = std::move(act);
  return {};
}

// `service_term: {<channel>: <limit>}`: exactly the definition's channels.
Status HeaderParser::Terms(const YAML::Node& root, ProcessDefinition& def) {
  const YAML::Node node = root["service_term"];
  if (!node.IsDefined()) {
    if (OfARegulation(def)) {
      return r_.At(root, "missing 'service_term' {office: <limit>, portal: <limit>}");
    }
    return {};
  }
  if (!node.IsMap() || node.size() == 0) {
    return r_.At(node, "'service_term' must map each channel to a limit, e.g. {office: 5wd}");
  }
  def.service_term_line = Reader::Line(node);
  for (const auto& kv : node) {
    auto channel = ParseChannel(kv.first.Scalar());
    if (!channel) return r_.At(kv.first, "unknown channel '" + kv.first.Scalar() + "'");
    if (!def.HasChannel(*channel)) {
      return r_.At(kv.first,
                   "service_term for channel " + kv.first.Scalar() + ", which is not offered");
    }
    auto limit = r_.LimitAt(kv.second);
    if (!limit) return limit.error();
    def.service_term.push_back({*channel, *limit, Reader::Line(kv.first)});
  }
  for (const auto& ch : def.channels) {
    if (!def.ServiceTermFor(ch.channel)) {
      return r_.At(node,
                   std::string("service_term has no term for channel ") + ChannelName(ch.channel));
    }
  }
  return {};
}

Status HeaderParser::Channels(const YAML::Node& node, ProcessDefinition& def) {
  if (!node.IsDefined()) return r_.AtLine(1, "missing 'channels'");
  if (!node.IsMap() || node.size() == 0) return r_.At(node, "'channels' must map office/portal");
  const std::set<std::string>* needs_source = def.beyond_seed ? nullptr : &vocab_.later_law;
  for (const auto& kv : node) {
    auto channel = ParseChannel(kv.first.Scalar());
    if (!channel) return r_.At(kv.first, "unknown channel '" + kv.first.Scalar() + "'");
    const YAML::Node& entry = kv.second;
    if (auto st = r_.Keys(entry, {"ref", "start"}); !st) return st;
    ChannelEntry ch;
    ch.channel = *channel;
    ch.line = Reader::Line(kv.first);
    auto ref = r_.OptionalText(entry, "ref");
    if (!ref) return ref.error();
    if (*ref && !IsRef(**ref)) return r_.At(entry["ref"], "bad ref '" + **ref + "'");
    ch.ref = ref->value_or("");
    const YAML::Node start = entry["start"];
    if (!start.IsDefined()) return r_.At(entry, "missing 'start'");
    if (start.IsScalar()) {
      auto step = r_.Identifier(entry, "start");
      if (!step) return step.error();
      ch.starts.push_back({{}, {}, *step, Reader::Line(start)});
    } else if (start.IsSequence() && start.size() > 0) {
      for (const auto& item : start) {
        if (auto st = r_.Keys(item, {"guards", "step"}); !st) return st;
        StartRoute route;
        route.line = Reader::Line(item);
        auto guards = r_.SourcedNames(item, "guards", vocab_.guards, "guard", needs_source,
                                      route.guard_sources);
        if (!guards) return guards.error();
        route.guards = std::move(*guards);
        auto step = r_.Identifier(item, "step");
        if (!step) return step.error();
        route.step = *step;
        ch.starts.push_back(std::move(route));
      }
    } else {
      return r_.At(start, "'start' must be a step id or a list of {guards, step}");
    }
    def.channels.push_back(std::move(ch));
  }
  return {};
}

// `from_application: {<kind>: [field, ...]}`; the loader checks the names against the intake
// and the kind's template.
Status HeaderParser::FromApplication(const YAML::Node& node, ProcessDefinition& def) {
  if (!node.IsDefined()) return {};
  if (!node.IsMap()) {
    return r_.At(node, "'from_application' must map a document kind to a list of intake fields");
  }
  for (const auto& kv : node) {
    ApplicationToDocument entry;
    entry.kind = kv.first.Scalar();
    entry.line = Reader::Line(kv.first);
    if (!definition_yaml::IsIdentifier(entry.kind)) {
      return r_.At(kv.first, "'" + entry.kind + "' is not a document kind");
    }
    if (!kv.second.IsSequence()) {
      return r_.At(kv.second, "from_application." + entry.kind + " must be a list of fields");
    }
    for (const auto& item : kv.second) {
      if (!item.IsScalar() || !definition_yaml::IsIdentifier(item.Scalar())) {
        return r_.At(item, "from_application." + entry.kind + ": expected a field name");
      }
      entry.fields.push_back(item.Scalar());
    }
    def.from_application.push_back(std::move(entry));
  }
  return {};
}

}  // namespace

Status ParseHeader(const Reader& r, const DefinitionVocabulary& vocab, const YAML::Node& root,
                   ProcessDefinition& def) {
  return HeaderParser(r, vocab).Header(root, def);
}

}  // namespace jumys::definition_header
