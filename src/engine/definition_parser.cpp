#include "engine/definition_parser.h"

#include "engine/definition_field_parser.h"
#include "engine/definition_header_parser.h"
#include "engine/definition_yaml.h"

namespace jumys {
namespace {

using definition_yaml::IsRef;
using definition_yaml::Reader;

class Parser {
 public:
  Parser(const std::string& file, const DefinitionVocabulary& vocabulary)
      : r_(file), vocab_(vocabulary) {}

  Expected<ProcessDefinition> Definition(const std::string& text);
  Expected<RefusalGroundsFile> Grounds(const std::string& text);
  Expected<ReferenceList> List(const std::string& text);

 private:
  Status IntakeAt(const YAML::Node& node, ProcessDefinition& def);
  Expected<Step> StepAt(const YAML::Node& node, bool sketch);
  Status KindSpecific(const YAML::Node& node, Step& step);
  Status ListsAt(const YAML::Node& node, Step& step);
  Expected<Outcome> OutcomeAt(const YAML::Node& node);
  Expected<Target> TargetAt(const YAML::Node& node, bool allow_result, Outcome* outcome);
  Expected<std::string> ResultKind(const YAML::Node& parent, const char* key) const;
  Expected<std::vector<Notify>> NotifyAt(const YAML::Node& parent, bool step);

  // The names that must carry a `source:` (none in a definition wholly beyond the seed).
  const std::set<std::string>* NeedsSource() const {
    return beyond_seed_ ? nullptr : &vocab_.later_law;
  }

  Reader r_;
  const DefinitionVocabulary& vocab_;
  bool beyond_seed_ = false;
};

Expected<ProcessDefinition> Parser::Definition(const std::string& text) {
  auto root = r_.Load(text);
  if (!root) return root.error();
  ProcessDefinition def;
  def.file = r_.file();
  if (auto st = definition_header::ParseHeader(r_, vocab_, *root, def); !st) return st.error();
  beyond_seed_ = def.beyond_seed;
  if ((*root)["intake"].IsDefined()) {
    if (auto st = IntakeAt((*root)["intake"], def); !st) return st.error();
  }
  // `one_open_case: true`: at most one open case per applicant, checked first at filing by the
  // engine's check of that name (engine/case_results.cpp).
  auto one_open = r_.Flag(*root, "one_open_case", false);
  if (!one_open) return one_open.error();
  if (*one_open) {
    def.intake.checks.insert(def.intake.checks.begin(), "one_open_case");
    def.intake.check_sources.insert(def.intake.check_sources.begin(), "");
  }
  const YAML::Node steps = (*root)["steps"];
  if (!steps.IsDefined() || !steps.IsSequence() || steps.size() == 0) {
    return r_.At(*root, "expected 'steps:' with a list");
  }
  for (const auto& node : steps) {
    auto step = StepAt(node, def.status == DefinitionStatus::kSketch);
    if (!step) return step.error();
    def.steps.push_back(std::move(*step));
  }
  return def;
}

Status Parser::IntakeAt(const YAML::Node& node, ProcessDefinition& def) {
  if (auto st = r_.Keys(node, {"consent_required", "documents", "refusal", "checks", "fields"});
      !st)
    return st;
  def.intake.line = Reader::Line(node);
  auto consent = r_.Flag(node, "consent_required", false);
  if (!consent) return consent.error();
  def.intake.consent_required = *consent;
  auto checks = r_.SourcedNames(node, "checks", vocab_.checks, "check", NeedsSource(),
                                def.intake.check_sources);
  if (!checks) return checks.error();
  def.intake.checks = std::move(*checks);
  auto fields = FieldParser(r_).FieldsAt(node);
  if (!fields) return fields.error();
  def.intake.fields = std::move(*fields);
  const YAML::Node docs = node["documents"];
  if (docs.IsDefined() && !docs.IsSequence()) return r_.At(docs, "'documents' must be a list");
  for (std::size_t i = 0; docs.IsDefined() && i < docs.size(); ++i) {
    const YAML::Node item = docs[i];
    if (auto st = r_.Keys(item, {"type", "required", "channel", "must_not_be_expired"}); !st)
      return st;
    DocumentRequirement doc;
    doc.line = Reader::Line(item);
    auto type = r_.Text(item, "type");
    if (!type) return type.error();
    if (!vocab_.document_types.count(*type))
      return r_.At(item["type"], "unknown document type '" + *type + "'");
    doc.type = *type;
    auto required = r_.Flag(item, "required", true);
    auto expiry = r_.Flag(item, "must_not_be_expired", false);
    if (!required) return required.error();
    if (!expiry) return expiry.error();
    doc.required = *required;
    doc.must_not_be_expired = *expiry;
    if (item["channel"].IsDefined()) {
      auto ch = r_.Word<Channel>(item, "channel", ParseChannel, "office, portal");
      if (!ch) return ch.error();
      doc.channel = *ch;
    }
    def.intake.documents.push_back(std::move(doc));
  }
  const YAML::Node refusal = node["refusal"];
  if (refusal.IsDefined()) {
    if (auto st = r_.Keys(refusal, {"result", "incomplete", "expired"}); !st) return st;
    auto kind = ResultKind(refusal, "result");
    auto incomplete = r_.Identifier(refusal, "incomplete");
    auto expired = r_.Identifier(refusal, "expired");
    if (!kind) return kind.error();
    if (!incomplete) return incomplete.error();
    if (!expired) return expired.error();
    def.intake.refusal = IntakeRefusal{*kind, *incomplete, *expired, Reader::Line(refusal)};
  }
  return {};
}

Expected<std::string> Parser::ResultKind(const YAML::Node& parent, const char* key) const {
  auto s = r_.Text(parent, key);
  if (!s) return s.error();
  if (!vocab_.result_kinds.count(*s)) {
    return r_.At(parent[key], "unknown result kind '" + *s + "'");
  }
  return s;
}

Expected<std::vector<Notify>> Parser::NotifyAt(const YAML::Node& parent, bool step) {
  std::vector<Notify> out;
  const YAML::Node list = parent["notify"];
  if (!list.IsDefined()) return out;
  if (!list.IsSequence()) return r_.At(list, "'notify' must be a list of {to, template}");
  for (const auto& item : list) {
    if (auto st = step ? r_.Keys(item, {"to", "template", "before_due"})
                       : r_.Keys(item, {"to", "template"});
        !st) {
      return st.error();
    }
    Notify n;
    n.line = Reader::Line(item);
    auto to = r_.Word<NotifyRecipient>(item, "to", ParseNotifyRecipient, "applicant, employers");
    if (!to) return to.error();
    n.to = *to;
    auto name = r_.Identifier(item, "template");
    if (!name) return name.error();
    n.template_name = *name;
    if (item["before_due"].IsDefined()) {
      auto limit = r_.LimitAt(item["before_due"]);
      if (!limit) return limit.error();
      n.before_due = *limit;
    }
    out.push_back(std::move(n));
  }
  return out;
}

Expected<Step> Parser::StepAt(const YAML::Node& node, bool sketch) {
  if (auto st = r_.Keys(
          node, {"id",    "ref",    "title",           "kind",      "channel", "role",   "limit",
                 "after", "office", "assigns",         "signature", "party",   "every",  "until",
                 "body",  "guards", "effects",         "outcomes",  "fields",  "notify", "source",
                 "signs", "list",   "decided_on_list", "due_day",   "hand_off"});
      !st) {
    return st.error();
  }
  Step step;
  step.line = Reader::Line(node);
  auto id = r_.Identifier(node, "id");
  if (!id) return id.error();
  step.id = *id;
  auto ref = r_.Text(node, "ref");
  if (!ref) return ref.error();
  if (!IsRef(*ref)) return r_.At(node["ref"], "bad ref '" + *ref + "' (item numbers like 6.2)");
  step.ref = *ref;
  auto title = r_.Localized(node, "title", !sketch);
  if (!title) return title.error();
  step.title = std::move(*title);
  if (node["kind"].IsDefined()) {
    auto kind =
        r_.Word<StepKind>(node, "kind", ParseStepKind, "user, automatic, timer, wait, repeat");
    if (!kind) return kind.error();
    step.kind = *kind;
  }
  if (node["channel"].IsDefined()) {
    auto ch = r_.Word<Channel>(node, "channel", ParseChannel, "office, portal");
    if (!ch) return ch.error();
    step.channel = *ch;
  }
  if (node["role"].IsDefined()) {
    auto role = r_.RoleAt(node["role"]);
    if (!role) return role.error();
    step.role = *role;
  }
  if (node["office"].IsDefined()) {
    auto office =
        r_.Word<OfficeScope>(node, "office", ParseOfficeScope, "provider, oblast, destination");
    if (!office) return office.error();
    step.office = *office;
  }
  if (const YAML::Node hand_off = node["hand_off"]; hand_off.IsDefined()) {
    if (!hand_off.IsScalar() || (hand_off.Scalar() != "true" && hand_off.Scalar() != "false")) {
      return r_.At(hand_off, "'hand_off' must be true or false");
    }
    step.hand_off = hand_off.Scalar() == "true";
    if (step.hand_off &&
        (step.office != OfficeScope::kDestination || step.kind != StepKind::kUser)) {
      return r_.At(hand_off, "'hand_off' needs a user step worked at 'office: destination'");
    }
  }
  if (auto st = KindSpecific(node, step); !st) return st.error();
  auto guards =
      r_.SourcedNames(node, "guards", vocab_.guards, "guard", NeedsSource(), step.guard_sources);
  if (!guards) return guards.error();
  step.guards = std::move(*guards);
  auto source = r_.OptionalText(node, "source");
  if (!source) return source.error();
  step.source = source->value_or("");
  auto effects = r_.Names(node, "effects", vocab_.effects, "effect");
  if (!effects) return effects.error();
  step.effects = std::move(*effects);
  auto fields = FieldParser(r_).FieldsAt(node);
  if (!fields) return fields.error();
  step.fields = std::move(*fields);
  auto notify = NotifyAt(node, true);
  if (!notify) return notify.error();
  step.notify = std::move(*notify);
  if (auto st = ListsAt(node, step); !st) return st.error();

  const YAML::Node outcomes = node["outcomes"];
  if (!outcomes.IsDefined() || (outcomes.IsSequence() && outcomes.size() == 0)) {
    return r_.At(node, "step '" + step.id + "' has no outcomes");
  }
  if (!outcomes.IsSequence()) return r_.At(outcomes, "'outcomes' must be a list");
  for (const auto& item : outcomes) {
    auto outcome = OutcomeAt(item);
    if (!outcome) return outcome.error();
    step.outcomes.push_back(std::move(*outcome));
  }
  return step;
}

// `list: <name>` and `decided_on_list: {list, by}` (engine/decision_lists.h); user steps only.
Status Parser::ListsAt(const YAML::Node& node, Step& step) {
  for (const char* key : {"list", "decided_on_list"}) {
    if (node[key].IsDefined() && step.kind != StepKind::kUser) {
      return r_.At(node[key], std::string("'") + key + "' is only for user steps");
    }
  }
  if (node["list"].IsDefined()) {
    auto list = r_.Identifier(node, "list");
    if (!list) return list.error();
    step.list = *list;
    step.list_line = Reader::Line(node["list"]);
  }
  const YAML::Node decided = node["decided_on_list"];
  if (!decided.IsDefined()) return {};
  if (!decided.IsMap()) return r_.At(decided, "'decided_on_list' must be {list, by}");
  if (auto st = r_.Keys(decided, {"list", "by"}); !st) return st;
  ListDecision d;
  d.line = Reader::Line(decided);
  auto list = r_.Identifier(decided, "list");
  if (!list) return list.error();
  d.list = *list;
  if (!decided["by"].IsDefined())
    return r_.At(decided, "'decided_on_list' needs 'by', the deciding role");
  auto by = r_.RoleAt(decided["by"]);
  if (!by) return by.error();
  if (IsApplicantRole(*by)) {
    return r_.At(decided["by"],
                 std::string("'") + RoleName(*by) + "' cannot decide a list: not a staff role");
  }
  d.by = *by;
  step.decided_on_list = std::move(d);
  return {};
}

// Keys that only some kinds of step take; the rest of the kind rules are the validator's.
Status Parser::KindSpecific(const YAML::Node& node, Step& step) {
  const auto only = [&](const char* key, bool allowed, const char* kinds) -> Status {
    if (node[key].IsDefined() && !allowed) {
      return r_.At(node[key], std::string("'") + key + "' is only for " + kinds + " steps");
    }
    return {};
  };
  const StepKind k = step.kind;
  const bool user = k == StepKind::kUser;
  if (auto st = only("limit", user || k == StepKind::kWait, "user and wait"); !st) return st;
  if (auto st = only("after", k == StepKind::kTimer, "timer"); !st) return st;
  if (auto st = only("due_day", user, "user"); !st) return st;
  if (auto st = only("assigns", user, "user"); !st) return st;
  if (auto st = only("signature", user, "user"); !st) return st;
  if (auto st = only("party", k == StepKind::kWait, "wait"); !st) return st;
  for (const char* key : {"every", "until", "body"}) {
    if (auto st = only(key, k == StepKind::kRepeat, "repeat"); !st) return st;
  }
  for (const char* key : {"limit", "after"}) {
    if (node[key].IsDefined()) {
      auto limit = r_.LimitAt(node[key]);
      if (!limit) return limit.error();
      step.limit = *limit;
    }
  }
  if (const YAML::Node day = node["due_day"]; day.IsDefined()) {
    if (step.limit) return r_.At(day, "a step is due by its 'limit' or its 'due_day', not both");
    int value = 0;
    if (!day.IsScalar() || !YAML::convert<int>::decode(day, value) || value < 1 || value > 28) {
      return r_.At(day, "'due_day' must be a day of the month from 1 to 28");
    }
    step.due_day = value;
  }
  if (node["assigns"].IsDefined()) {
    auto role = r_.RoleAt(node["assigns"]);
    if (!role) return role.error();
    step.assigns = *role;
  }
  const YAML::Node sig = node["signature"];
  if (!sig.IsDefined()) {
    // no signature
  } else if (sig.IsScalar()) {
    if (sig.Scalar() != "required") {
      return r_.At(sig, "'signature' must be 'required' or a list of signing roles");
    }
    if (!step.role) return r_.At(sig, "'signature: required' needs the step's role");
    step.signers.push_back(*step.role);
  } else if (sig.IsSequence()) {
    for (const auto& item : sig) {
      auto role = r_.RoleAt(item);
      if (!role) return role.error();
      step.signers.push_back(*role);
    }
  } else {
    return r_.At(sig, "'signature' must be 'required' or a list of signing roles");
  }
  if (const YAML::Node signs = node["signs"]; signs.IsDefined()) {
    if (step.signers.empty()) return r_.At(signs, "'signs' needs 'signature'");
    if (!signs.IsSequence() || signs.size() == 0) {
      return r_.At(signs, "'signs' must list the kinds of documents signed");
    }
    for (const auto& item : signs) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        return r_.At(item, "'signs' must list the kinds of documents signed");
      }
      step.signs.push_back(item.Scalar());
    }
  }
  if (node["party"].IsDefined()) {
    auto party = r_.Word<ExternalParty>(node, "party", ParseExternalParty,
                                        "applicant, job_seeker, employer, commission, "
                                        "local_executive_body");
    if (!party) return party.error();
    step.party = *party;
  }
  if (node["every"].IsDefined()) {
    auto every = r_.Word<RepeatPeriod>(node, "every", ParseRepeatPeriod,
                                       "week, month, quarter, year, month_start");
    if (!every) return every.error();
    step.every = *every;
  }
  auto until = r_.Names(node, "until", vocab_.guards, "guard");
  if (!until) return until.error();
  step.until = std::move(*until);
  if (node["body"].IsDefined()) {
    auto body = r_.Identifier(node, "body");
    if (!body) return body.error();
    step.body = *body;
  }
  return {};
}

Expected<Outcome> Parser::OutcomeAt(const YAML::Node& node) {
  if (auto st = r_.Keys(node, {"id", "next", "end", "decides", "status", "requires_grounds",
                               "timeout", "when_result", "guards", "effects", "in_office",
                               "in_portal", "fields", "notify", "unsigned"});
      !st) {
    return st.error();
  }
  Outcome o;
  o.line = Reader::Line(node);
  auto id = r_.Identifier(node, "id");
  if (!id) return id.error();
  o.id = *id;
  auto guards =
      r_.SourcedNames(node, "guards", vocab_.guards, "guard", NeedsSource(), o.guard_sources);
  if (!guards) return guards.error();
  o.guards = std::move(*guards);
  auto effects = r_.Names(node, "effects", vocab_.effects, "effect");
  if (!effects) return effects.error();
  o.effects = std::move(*effects);
  auto grounds = r_.Flag(node, "requires_grounds", false);
  auto timeout = r_.Flag(node, "timeout", false);
  if (!grounds) return grounds.error();
  if (!timeout) return timeout.error();
  o.requires_grounds = *grounds;
  o.timeout = *timeout;
  auto skips = r_.Flag(node, "unsigned", false);
  if (!skips) return skips.error();
  o.skips_signature = *skips;
  auto fields = FieldParser(r_).FieldsAt(node);
  if (!fields) return fields.error();
  o.fields = std::move(*fields);
  auto notify = NotifyAt(node, false);
  if (!notify) return notify.error();
  o.notify = std::move(*notify);
  if (node["when_result"].IsDefined()) {
    auto kind = ResultKind(node, "when_result");
    if (!kind) return kind.error();
    o.when_result = *kind;
  }
  auto target = TargetAt(node, true, &o);
  if (!target) return target.error();
  o.target = *target;

  if (node["status"].IsDefined()) {
    if (!o.decides) return r_.At(node["status"], "'status' needs the result it ends with");
    auto status = r_.Word<CaseEnd>(node, "status", ParseCaseEnd, "completed, refused, cancelled");
    if (!status) return status.error();
    o.decides->status = *status;
  } else if (o.decides && o.requires_grounds) {
    o.decides->status = CaseEnd::kRefused;
  }
  if (o.requires_grounds && !o.decides) {
    return r_.At(node, "'requires_grounds' needs the result it refuses with (decides or end)");
  }
  const bool refused = o.decides && o.decides->status == CaseEnd::kRefused;
  if (refused != o.requires_grounds) {
    return r_.At(node, refused ? "a refusal must cite grounds: add 'requires_grounds: true'"
                               : "only a refusal (status refused) cites grounds");
  }

  for (Channel channel : {Channel::kOffice, Channel::kPortal}) {
    const YAML::Node over = node[std::string("in_") + ChannelName(channel)];
    if (!over.IsDefined()) continue;
    if (auto st = r_.Keys(over, {"next", "end"}); !st) return st.error();
    auto t = TargetAt(over, false, nullptr);
    if (!t) return t.error();
    o.channel_targets.push_back({channel, *t});
  }
  return o;
}

// `next: <step>` or `end: <result kind> | decided`; exactly one. A channel override may not
// decide a result: it changes where the outcome leads, not what it settles.
Expected<Target> Parser::TargetAt(const YAML::Node& node, bool allow_result, Outcome* outcome) {
  const bool has_next = node["next"].IsDefined();
  const bool has_end = node["end"].IsDefined();
  if (has_next == has_end) return r_.At(node, "an outcome needs exactly one of 'next' or 'end'");
  if (outcome && node["decides"].IsDefined()) {
    if (has_end)
      return r_.At(node["decides"], "use 'end: <result>' instead of 'decides' with 'end'");
    auto kind = ResultKind(node, "decides");
    if (!kind) return kind.error();
    outcome->decides = ResultDecision{*kind, CaseEnd::kCompleted};
  }
  if (has_next) {
    auto step = r_.Identifier(node, "next");
    if (!step) return step.error();
    return Target::ToStep(*step);
  }
  const YAML::Node end = node["end"];
  if (end.IsScalar() && end.Scalar() == kDecidedResult) return Target::End();
  if (!allow_result) {
    return r_.At(end, "a channel may only say 'next: <step>' or 'end: decided'");
  }
  auto kind = ResultKind(node, "end");
  if (!kind) return kind.error();
  outcome->decides = ResultDecision{*kind, CaseEnd::kCompleted};
  return Target::End();
}

Expected<ReferenceList> Parser::List(const std::string& text) {
  auto root = r_.Load(text);
  if (!root) return root.error();
  if (auto st = r_.Keys(*root, {"name", "options"}); !st) return st.error();
  ReferenceList out;
  if ((*root)["name"].IsDefined()) {
    auto name = r_.Text(*root, "name");
    if (!name) return name.error();
    out.name = *name;
    out.name_line = Reader::Line((*root)["name"]);
  }
  const YAML::Node options = (*root)["options"];
  if (!options.IsDefined()) return r_.At(*root, "expected 'options:' with a list");
  auto list = FieldParser(r_).OptionList(options);
  if (!list) return list.error();
  out.options = std::move(*list);
  return out;
}

Expected<RefusalGroundsFile> Parser::Grounds(const std::string& text) {
  auto root = r_.Load(text);
  if (!root) return root.error();
  if (auto st = r_.Keys(*root, {"process", "grounds"}); !st) return st.error();
  RefusalGroundsFile out;
  auto process = r_.Text(*root, "process");
  if (!process) return process.error();
  out.process = *process;
  out.process_line = Reader::Line((*root)["process"]);
  const YAML::Node list = (*root)["grounds"];
  if (!list.IsDefined() || !list.IsSequence() || list.size() == 0) {
    return r_.At(*root, "expected 'grounds:' with a list");
  }
  for (const auto& item : list) {
    if (auto st = r_.Keys(item, {"code", "result", "item", "text"}); !st) return st.error();
    RefusalGround g;
    auto code = r_.Identifier(item, "code");
    if (!code) return code.error();
    for (const auto& other : out.grounds) {
      if (other.code == *code) return r_.At(item["code"], "duplicate ground '" + *code + "'");
    }
    g.code = *code;
    auto kind = ResultKind(item, "result");
    if (!kind) return kind.error();
    g.result_kind = *kind;
    auto legal = r_.Text(item, "item");
    if (!legal) return legal.error();
    g.item = *legal;
    auto text_node = r_.Localized(item, "text", true);
    if (!text_node) return text_node.error();
    g.text = std::move(*text_node);
    out.grounds.push_back(std::move(g));
  }
  return out;
}

}  // namespace

Expected<ProcessDefinition> ParseDefinition(const std::string& file, const std::string& text,
                                            const DefinitionVocabulary& vocabulary) {
  return Parser(file, vocabulary).Definition(text);
}

Expected<RefusalGroundsFile> ParseRefusalGrounds(const std::string& file, const std::string& text,
                                                 const DefinitionVocabulary& vocabulary) {
  return Parser(file, vocabulary).Grounds(text);
}

Expected<ReferenceList> ParseReferenceList(const std::string& file, const std::string& text) {
  static const DefinitionVocabulary kNone;
  return Parser(file, kNone).List(text);
}

}  // namespace jumys
