#include "engine/definition_validator.h"

#include <algorithm>
#include <set>

#include "engine/definition_analysis.h"

namespace jumys {
namespace {

class Validator {
 public:
  explicit Validator(const ProcessDefinition& def) : def_(def) {}

  Status Run() {
    if (auto st = Channels(); !st) return st;
    if (auto st = IntakeRules(); !st) return st;
    std::set<std::string> ids;
    for (const auto& step : def_.steps) {
      if (!ids.insert(step.id).second) return At(step.line, "duplicate step id '" + step.id + "'");
    }
    if (auto st = Conditions(def_.intake.fields.fields); !st) return st;
    for (const auto& step : def_.steps) {
      if (auto st = StepRules(step); !st) return st;
      if (auto st = OutcomeRules(step); !st) return st;
      if (auto st = StepFieldRules(step); !st) return st;
      if (auto st = ListRules(step); !st) return st;
    }
    return Graph();
  }

 private:
  Error At(int line, const std::string& reason) const {
    return DefinitionFileError(def_.file, line, reason);
  }
  bool Sketch() const { return def_.status == DefinitionStatus::kSketch; }
  static std::string Quoted(const Step& s) { return "step '" + s.id + "'"; }

  Status Channels() const {
    for (std::size_t i = 0; i < def_.channels.size(); ++i) {
      const ChannelEntry& ch = def_.channels[i];
      for (std::size_t j = 0; j < i; ++j) {
        if (def_.channels[j].channel == ch.channel)
          return At(ch.line, std::string("channel ") + ChannelName(ch.channel) + " given twice");
      }
      for (std::size_t k = 0; k < ch.starts.size(); ++k) {
        const StartRoute& route = ch.starts[k];
        const Step* s = def_.FindStep(route.step);
        if (!s) return At(route.line, "unknown start step '" + route.step + "'");
        if (!s->InChannel(ch.channel)) {
          return At(route.line,
                    "start " + Quoted(*s) + " is not in channel " + ChannelName(ch.channel));
        }
        const bool last = k + 1 == ch.starts.size();
        if (last && !route.guards.empty())
          return At(route.line, "the last start must have no guards, so every case can start");
        if (!last && route.guards.empty())
          return At(route.line, "only the last start may be unguarded");
      }
    }
    return {};
  }

  Status IntakeRules() const {
    const auto& docs = def_.intake.documents;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        const bool same_channel =
            !docs[i].channel || !docs[j].channel || *docs[i].channel == *docs[j].channel;
        if (docs[i].type == docs[j].type && same_channel)
          return At(docs[i].line, "document type '" + docs[i].type + "' listed twice");
      }
      if (docs[i].channel && !def_.HasChannel(*docs[i].channel)) {
        return At(docs[i].line, std::string("document for channel ") +
                                    ChannelName(*docs[i].channel) + ", which is not offered");
      }
    }
    const bool refuses = std::any_of(docs.begin(), docs.end(), [](const auto& d) {
      return d.required || d.must_not_be_expired;
    });
    const auto& refusal = def_.intake.refusal;
    if (refuses && !refusal && !Sketch()) {
      return At(docs.front().line, "intake checks documents but has no 'refusal' to end with");
    }
    if (refusal) {
      for (const auto* code : {&refusal->incomplete_ground, &refusal->expired_ground}) {
        const RefusalGround* g = def_.FindGround(*code);
        if (!g || g->result_kind != refusal->result_kind) {
          return At(refusal->line, "intake refusal ground '" + *code + "' is not a '" +
                                       refusal->result_kind + "' ground in " + GroundsFile());
        }
      }
    }
    return {};
  }

  std::string GroundsFile() const { return "reference/refusal-grounds/" + def_.code + ".yaml"; }

  Status StepRules(const Step& s) const {
    if (s.channel && !def_.HasChannel(*s.channel)) {
      return At(s.line, Quoted(s) + " is in channel " + ChannelName(*s.channel) +
                            ", which the definition does not offer");
    }
    const bool staffed = s.kind == StepKind::kUser;
    if (staffed && !s.role) return At(s.line, Quoted(s) + " has no role");
    if (!staffed && s.kind != StepKind::kWait && s.role) {
      return At(s.line,
                std::string("a ") + StepKindName(s.kind) + " step has no role (" + Quoted(s) + ")");
    }
    if (staffed && s.role && IsApplicantRole(*s.role)) {
      // The case's applicant works it in the cabinet: the definition must say who applies.
      // An employer step of a person's case is the employer party's (docs/CASEWORK.md).
      const ApplicantKind kind =
          *s.role == Role::kEmployer ? ApplicantKind::kEmployer : ApplicantKind::kPerson;
      const bool employer_party =
          *s.role == Role::kEmployer && def_.applicant == ApplicantKind::kPerson;
      if (def_.applicant != kind && !employer_party) {
        return At(s.line, Quoted(s) + " is worked by the applicant as " + RoleName(*s.role) +
                              ": the definition needs 'applicant: " +
                              (kind == ApplicantKind::kEmployer ? "employer" : "person") + "'");
      }
      if (s.assigns) return At(s.line, Quoted(s) + ": an applicant's step appoints no staff");
    }
    if ((staffed || s.kind == StepKind::kWait) && !s.limit && !s.due_day && !Sketch())
      return At(s.line, Quoted(s) + " has no limit");
    if (!s.signers.empty()) {
      if (!s.role || s.signers.front() != *s.role)
        return At(s.line, Quoted(s) + ": the step's role signs first");
      for (std::size_t i = 0; i < s.signers.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (s.signers[i] == s.signers[j]) return At(s.line, Quoted(s) + ": signer listed twice");
    }
    for (const auto& o : s.outcomes) {
      if (o.skips_signature && s.signers.empty()) {
        return At(o.line, Quoted(s) + ": 'unsigned' is for the outcomes of a signing step");
      }
    }
    if (!s.signers.empty() && std::all_of(s.outcomes.begin(), s.outcomes.end(),
                                          [](const Outcome& o) { return o.skips_signature; })) {
      return At(s.line, Quoted(s) + ": every outcome is 'unsigned'; drop 'signature'");
    }
    const auto count_timeouts = std::count_if(s.outcomes.begin(), s.outcomes.end(),
                                              [](const Outcome& o) { return o.timeout; });
    switch (s.kind) {
      case StepKind::kUser:
        break;
      case StepKind::kWait:
        if (!s.party) return At(s.line, "wait " + Quoted(s) + " needs 'party'");
        if (s.limit && count_timeouts != 1)
          return At(s.line, "wait " + Quoted(s) + " with a limit needs one timeout outcome");
        if (!s.limit && count_timeouts != 0)
          return At(s.line, "wait " + Quoted(s) + " has a timeout outcome but no limit");
        if (count_timeouts == static_cast<long>(s.outcomes.size()))
          return At(s.line, "wait " + Quoted(s) + " needs an outcome for the party's answer");
        break;
      case StepKind::kTimer:
        if (!s.limit) return At(s.line, "timer " + Quoted(s) + " needs 'after'");
        if (s.outcomes.size() != 1) return At(s.line, "timer " + Quoted(s) + " has one outcome");
        break;
      case StepKind::kAutomatic:
        if (!s.outcomes.back().guards.empty())
          return At(s.outcomes.back().line,
                    "the last outcome of automatic " + Quoted(s) + " must have no guards");
        break;
      case StepKind::kRepeat:
        if (!s.every) return At(s.line, "repeat " + Quoted(s) + " needs 'every'");
        if (s.until.empty()) return At(s.line, "repeat " + Quoted(s) + " needs 'until'");
        if (s.body.empty()) return At(s.line, "repeat " + Quoted(s) + " needs 'body'");
        if (!def_.FindStep(s.body)) return At(s.line, "unknown body step '" + s.body + "'");
        if (s.outcomes.size() != 1)
          return At(s.line, "repeat " + Quoted(s) + " has one outcome, taken when 'until' holds");
        break;
    }
    if (s.kind != StepKind::kWait && count_timeouts > 0)
      return At(s.line, "only a wait step has a timeout outcome (" + Quoted(s) + ")");
    return {};
  }

  Status OutcomeRules(const Step& s) const {
    std::set<std::string> ids;
    const Outcome& first = s.outcomes.front();
    if (first.timeout || first.requires_grounds ||
        (first.decides && first.decides->status != CaseEnd::kCompleted)) {
      return At(first.line,
                "the first outcome of " + Quoted(s) + " must be the one toward a positive result");
    }
    for (const auto& o : s.outcomes) {
      const std::string name = "outcome '" + o.id + "' of " + Quoted(s);
      if (!ids.insert(o.id).second) return At(o.line, "duplicate " + name);
      if (o.timeout && !o.guards.empty()) return At(o.line, "timeout " + name + " has no guards");
      if ((s.kind == StepKind::kTimer || s.kind == StepKind::kRepeat) && !o.guards.empty())
        return At(o.line, name + ": a " + StepKindName(s.kind) + " step's outcome has no guards");
      if (o.requires_grounds && def_.GroundsFor(o.decides->kind).empty()) {
        return At(o.line, name + " refuses with '" + o.decides->kind +
                              "' but there are no grounds for it in " + GroundsFile());
      }
      std::vector<const Target*> targets{&o.target};
      for (const auto& ct : o.channel_targets) {
        if (!def_.HasChannel(ct.channel) || !s.InChannel(ct.channel)) {
          return At(o.line, name + " overrides channel " + ChannelName(ct.channel) +
                                ", where the step does not run");
        }
        targets.push_back(&ct.target);
      }
      for (const Target* t : targets) {
        if (t->is_end()) continue;
        const Step* next = def_.FindStep(t->step);
        if (!next) return At(o.line, name + ": unknown next step '" + t->step + "'");
        if (s.assigns && (next->kind != StepKind::kUser || next->role != s.assigns)) {
          return At(o.line, name + " appoints a " + RoleName(*s.assigns) + " but leads to " +
                                Quoted(*next) + ", not worked by that role");
        }
      }
    }
    return {};
  }

  // A completion's data holds the step's fields and the chosen outcome's: one name, one field.
  Status StepFieldRules(const Step& s) const {
    if (auto st = Conditions(s.fields.fields); !st) return st;
    for (const auto& o : s.outcomes) {
      if (auto st = Conditions(o.fields.fields); !st) return st;
      for (const auto& f : o.fields.fields) {
        if (s.fields.Find(f.name)) {
          return At(f.line, "field '" + f.name + "' of outcome '" + o.id + "' is also a field of " +
                                Quoted(s));
        }
      }
    }
    return {};
  }

  // A `when` on a choice names one of its options (the parser checked the rest, but a
  // reference list's options are known only once the lists are loaded).
  Status Conditions(const std::vector<Field>& siblings) const {
    for (const auto& f : siblings) {
      if (f.when) {
        const Field* on = nullptr;
        for (const auto& other : siblings)
          if (other.name == f.when->field) on = &other;
        if (on && on->type == FieldType::kChoice && !on->FindOption(f.when->equals)) {
          return At(f.when->line, "'when' of field '" + f.name + "': '" + f.when->equals +
                                      "' is not an option of '" + on->name + "'");
        }
      }
      if (auto st = Conditions(f.fields); !st) return st;
      if (auto st = Conditions(f.item); !st) return st;
    }
    return {};
  }

  // A list is decided at a step that a step putting cases on it leads to, with at least one
  // outcome for the list to decide (grounds for refusals are checked with every outcome).
  Status ListRules(const Step& s) const {
    if (!s.decided_on_list) return {};
    const ListDecision& d = *s.decided_on_list;
    // Recording the list completes each case's task with nothing but the decision's grounds.
    bool takes_data = !s.fields.fields.empty() || s.assigns || !s.signers.empty();
    for (const auto& o : s.outcomes) takes_data = takes_data || !o.fields.fields.empty();
    if (takes_data) {
      return At(d.line, Quoted(s) +
                            " is decided over a list, so it takes no fields, "
                            "appointee or signature");
    }
    if (s.list == d.list) {
      return At(d.line, Quoted(s) + " both puts cases on list '" + d.list + "' and decides it");
    }
    bool listed = false;
    for (const auto& other : def_.steps) {
      if (other.list != d.list) continue;
      listed = true;
      if (Leads(def_, other, s)) return Decidable(s);
    }
    return At(d.line, listed ? "no step putting cases on list '" + d.list + "' leads to " +
                                   Quoted(s) + ": the list must be made before it is decided"
                             : "no step puts cases on list '" + d.list + "' (add 'list: " + d.list +
                                   "' to an earlier step)");
  }

  Status Decidable(const Step& s) const {
    for (const auto& o : s.outcomes)
      if (s.ListDecides(o)) return {};
    return At(s.decided_on_list->line, Quoted(s) + " has no outcome for the list to decide");
  }

  Status Graph() const {
    std::set<std::string> reached;
    for (const auto& entry : def_.channels) {
      const ChannelGraph g = AnalyseChannel(def_, entry);
      const std::string in = std::string(" in channel ") + ChannelName(entry.channel);
      for (const Step* s : g.reached) {
        reached.insert(s->id);
        for (const auto& e : EdgesInChannel(*s, entry.channel)) {
          if (e.target.is_end()) continue;
          const Step* next = def_.FindStep(e.target.step);
          if (next && !next->InChannel(entry.channel)) {
            return At(e.outcome ? e.outcome->line : s->line, Quoted(*s) + " leads to " +
                                                                 Quoted(*next) + " of channel " +
                                                                 ChannelName(*next->channel) + in);
          }
        }
        for (const auto& o : s->outcomes) {
          const bool ends = o.TargetFor(entry.channel).is_end();
          if (ends && !o.decides && !o.when_result && !g.decided_on_entry.at(s->id)) {
            return At(o.line, "outcome '" + o.id + "' of " + Quoted(*s) +
                                  " ends with the decided result, but" + in +
                                  " a case can get there with none decided");
          }
          if (o.when_result && !g.results_on_entry.at(s->id).count(*o.when_result)) {
            return At(o.line, "outcome '" + o.id + "' of " + Quoted(*s) + " is never offered" + in +
                                  ": no path there decides '" + *o.when_result + "'");
          }
        }
      }
      if (!g.dead_ends.empty()) {
        const Step* s = g.dead_ends.front();
        return At(s->line, Quoted(*s) + " never leads to an end of the case" + in);
      }
    }
    for (const auto& s : def_.steps) {
      if (!reached.count(s.id)) return At(s.line, Quoted(s) + " is unreachable");
    }
    return {};
  }

  const ProcessDefinition& def_;
};

}  // namespace

Status ValidateDefinition(const ProcessDefinition& def) { return Validator(def).Run(); }

}  // namespace jumys
