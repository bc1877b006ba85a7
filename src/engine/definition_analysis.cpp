#include "engine/definition_analysis.h"

#include <algorithm>
#include <deque>

namespace jumys {

std::vector<StepEdge> EdgesInChannel(const Step& step, Channel channel) {
  std::vector<StepEdge> out;
  if (step.kind == StepKind::kRepeat && !step.body.empty()) {
    out.push_back({nullptr, Target::ToStep(step.body)});
  }
  for (const auto& o : step.outcomes) out.push_back({&o, o.TargetFor(channel)});
  return out;
}

namespace {

const Step* Follow(const ProcessDefinition& def, const Target& t, Channel channel) {
  if (t.is_end()) return nullptr;
  const Step* s = def.FindStep(t.step);
  return s && s->InChannel(channel) ? s : nullptr;
}

// Fixed points over the reached steps: "decided" is a must-property (AND over incoming
// edges, starting from true everywhere but the start), results a may-property (union).
void Propagate(const ProcessDefinition& def, ChannelGraph& g, const std::set<std::string>& starts) {
  for (const Step* s : g.reached) {
    g.decided_on_entry[s->id] = !starts.count(s->id);
    g.results_on_entry[s->id];
  }
  for (bool changed = true; changed;) {
    changed = false;
    std::map<std::string, bool> incoming_all_decided;
    for (const Step* s : g.reached) incoming_all_decided[s->id] = !starts.count(s->id);
    for (const Step* s : g.reached) {
      for (const auto& e : EdgesInChannel(*s, g.channel)) {
        const Step* next = Follow(def, e.target, g.channel);
        if (!next) continue;
        // An outcome offered only under one decided result carries just that one.
        const Outcome* o = e.outcome;
        const bool decides = o && o->decides;
        const bool filters = o && !o->decides && o->when_result;
        const bool out_decided = g.decided_on_entry[s->id] || decides || filters;
        incoming_all_decided[next->id] = incoming_all_decided[next->id] && out_decided;
        auto& into = g.results_on_entry[next->id];
        const std::size_t before = into.size();
        if (decides) {
          into.insert(o->decides->kind);
        } else if (filters) {
          into.insert(*o->when_result);
        } else {
          const auto& from = g.results_on_entry[s->id];
          if (&from != &into) into.insert(from.begin(), from.end());
        }
        changed = changed || into.size() != before;
      }
    }
    for (const Step* s : g.reached) {
      if (g.decided_on_entry[s->id] != incoming_all_decided[s->id]) {
        g.decided_on_entry[s->id] = incoming_all_decided[s->id];
        changed = true;
      }
    }
  }
}

void FindDeadEnds(const ProcessDefinition& def, ChannelGraph& g) {
  std::set<std::string> live;
  for (bool changed = true; changed;) {
    changed = false;
    for (const Step* s : g.reached) {
      if (live.count(s->id)) continue;
      for (const auto& e : EdgesInChannel(*s, g.channel)) {
        const Step* next = Follow(def, e.target, g.channel);
        if (e.target.is_end() || (next && live.count(next->id))) {
          live.insert(s->id);
          changed = true;
          break;
        }
      }
    }
  }
  for (const Step* s : g.reached)
    if (!live.count(s->id)) g.dead_ends.push_back(s);
}

}  // namespace

ChannelGraph AnalyseChannel(const ProcessDefinition& def, const ChannelEntry& entry) {
  ChannelGraph g;
  g.channel = entry.channel;
  std::deque<const Step*> queue;
  std::set<std::string> starts;
  const auto visit = [&](const Step* s) {
    if (s && g.reached_ids.insert(s->id).second) {
      g.reached.push_back(s);
      queue.push_back(s);
    }
  };
  for (const auto& route : entry.starts) {
    const Step* s = Follow(def, Target::ToStep(route.step), entry.channel);
    if (s) starts.insert(s->id);
    visit(s);
  }
  while (!queue.empty()) {
    const Step* s = queue.front();
    queue.pop_front();
    for (const auto& e : EdgesInChannel(*s, g.channel)) visit(Follow(def, e.target, g.channel));
  }
  Propagate(def, g, starts);
  FindDeadEnds(def, g);
  return g;
}

namespace {

// The ids of the steps `step` leads to in any channel (its outcomes' targets, a repeat's body).
std::set<std::string> NextStepIds(const Step& step) {
  std::set<std::string> ids;
  for (const Channel channel : {Channel::kOffice, Channel::kPortal}) {
    for (const auto& e : EdgesInChannel(step, channel)) {
      if (!e.target.is_end()) ids.insert(e.target.step);
    }
  }
  return ids;
}

}  // namespace

bool Leads(const ProcessDefinition& def, const Step& from, const Step& to) {
  std::set<std::string> seen;
  std::vector<const Step*> todo{&from};
  while (!todo.empty()) {
    const Step* at = todo.back();
    todo.pop_back();
    for (const std::string& id : NextStepIds(*at)) {
      if (id == to.id) return true;
      const Step* next = def.FindStep(id);
      if (next && seen.insert(id).second) todo.push_back(next);
    }
  }
  return false;
}

std::set<std::string> EndResults(const ChannelGraph& graph, const Step& step,
                                 const Outcome& outcome) {
  if (outcome.decides) return {outcome.decides->kind};
  if (outcome.when_result) return {*outcome.when_result};
  auto it = graph.results_on_entry.find(step.id);
  return it == graph.results_on_entry.end() ? std::set<std::string>{} : it->second;
}

}  // namespace jumys
