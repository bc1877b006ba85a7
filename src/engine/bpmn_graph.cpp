#include "engine/bpmn_graph.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/limit.h"
#include "engine/definition_analysis.h"

namespace jumys::bpmn {

const Node* Graph::FindNode(const std::string& id) const {
  for (const auto& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

namespace {

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string StepNodeId(const std::string& step) { return "step_" + step; }

// ISO 8601 repeating intervals, as BPMN timers write cycles.
std::string Cycle(RepeatPeriod p) {
  switch (p) {
    case RepeatPeriod::kWeek:
      return "R/P1W";
    case RepeatPeriod::kMonth:
      return "R/P1M";
    case RepeatPeriod::kQuarter:
      return "R/P3M";
    case RepeatPeriod::kYear:
      return "R/P1Y";
    case RepeatPeriod::kMonthStart:
      return "R/P1M";  // BPMN's cycle has no calendar alignment: the month is its period
  }
  return "R/P1M";
}

// One way out of a node: where it leads, under which name and condition.
struct Exit {
  std::string name;
  std::string condition;  // empty: the gateway's default flow
  std::string target;
};

class Builder {
 public:
  explicit Builder(const ProcessDefinition& def) : def_(def) {
    for (const auto& entry : def.channels)
      graphs_.emplace(entry.channel, AnalyseChannel(def, entry));
  }

  Graph Build() {
    g_.name = def_.title.en + " (" + def_.code + " " + def_.version + ")";
    for (const auto& entry : def_.channels) Start(entry);
    for (const auto& step : def_.steps) StepNode(step);
    for (const auto& step : def_.steps) StepExits(step);
    return std::move(g_);
  }

 private:
  static std::string LaneOf(const Step& s) {
    if (s.role) return RoleName(*s.role);
    if (s.kind == StepKind::kWait && s.party) return ExternalPartyName(*s.party);
    return "system";
  }

  Node& AddNode(Node n) {
    auto lane = std::find_if(g_.lanes.begin(), g_.lanes.end(),
                             [&](const Lane& l) { return l.name == n.lane; });
    if (lane == g_.lanes.end()) lane = g_.lanes.insert(g_.lanes.end(), Lane{n.lane, {}, 0, 0});
    lane->nodes.push_back(n.id);
    g_.nodes.push_back(std::move(n));
    return g_.nodes.back();
  }

  std::string AddFlow(const std::string& source, const std::string& target, const std::string& name,
                      const std::string& condition) {
    Flow f;
    f.id = "flow_" + std::to_string(g_.flows.size() + 1);
    f.source = source;
    f.target = target;
    f.name = name;
    f.condition = condition;
    g_.flows.push_back(std::move(f));
    return g_.flows.back().id;
  }

  std::string EndNode(const std::string& kind, const std::string& lane) {
    const std::string id = "end_" + kind;
    if (!g_.FindNode(id)) {
      Node n;
      n.id = id;
      n.type = NodeType::kEndEvent;
      n.name = kind;
      n.lane = lane;
      AddNode(std::move(n));
    }
    return id;
  }

  // From `source`: one exit flows straight on; several go through an exclusive gateway.
  void Connect(const std::string& source, const std::string& lane, const std::vector<Exit>& exits) {
    if (exits.size() == 1) {
      AddFlow(source, exits[0].target, exits[0].name, "");
      return;
    }
    Node gw;
    gw.id = source + "_gw";
    gw.type = NodeType::kGateway;
    gw.lane = lane;
    AddNode(std::move(gw));
    const std::string gw_id = source + "_gw";
    AddFlow(source, gw_id, "", "");
    std::string fallback;
    for (const auto& e : exits) {
      const std::string id = AddFlow(gw_id, e.target, e.name, e.condition);
      if (e.condition.empty()) fallback = id;
    }
    for (auto& n : g_.nodes)
      if (n.id == gw_id) n.default_flow = fallback;
  }

  void Start(const ChannelEntry& entry) {
    Node n;
    n.id = std::string("start_") + ChannelName(entry.channel);
    n.type = NodeType::kStartEvent;
    n.name = std::string(ChannelName(entry.channel)) + (entry.ref.empty() ? "" : " " + entry.ref);
    n.lane = "applicant";
    const std::string id = n.id;
    AddNode(std::move(n));
    std::vector<Exit> exits;
    for (const auto& route : entry.starts) {
      const std::string cond = Join(route.guards, " and ");
      const bool alone = entry.starts.size() == 1;
      exits.push_back({cond.empty() && !alone ? "otherwise" : cond, cond, StepNodeId(route.step)});
    }
    Connect(id, "applicant", exits);
  }

  void StepNode(const Step& s) {
    Node n;
    n.id = StepNodeId(s.id);
    n.lane = LaneOf(s);
    const std::string limit = s.limit ? FormatLimit(*s.limit) : "";
    n.name = s.ref + " " + s.title.en;
    switch (s.kind) {
      case StepKind::kUser:
        n.type = NodeType::kUserTask;
        if (!limit.empty()) n.name += " [" + limit + "]";
        break;
      case StepKind::kAutomatic:
        n.type = NodeType::kServiceTask;
        break;
      case StepKind::kTimer:
        n.type = NodeType::kTimerEvent;
        n.timer = limit;
        n.name += " (after " + limit + ")";
        break;
      case StepKind::kWait:
        n.type = NodeType::kReceiveTask;
        if (!limit.empty()) n.name += " [within " + limit + "]";
        break;
      case StepKind::kRepeat:
        n.type = NodeType::kCycleEvent;
        n.timer = Cycle(*s.every);
        n.name += std::string(" (every ") + RepeatPeriodName(*s.every) + ")";
        break;
    }
    n.attributes.emplace_back("ref", s.ref);
    n.attributes.emplace_back("kind", StepKindName(s.kind));
    if (s.role) n.attributes.emplace_back("role", RoleName(*s.role));
    if (!limit.empty()) n.attributes.emplace_back("limit", limit);
    if (s.channel) n.attributes.emplace_back("channel", ChannelName(*s.channel));
    if (s.office != OfficeScope::kProvider)
      n.attributes.emplace_back("office", OfficeScopeName(s.office));
    if (s.assigns) n.attributes.emplace_back("assigns", RoleName(*s.assigns));
    std::vector<std::string> signers;
    for (Role r : s.signers) signers.push_back(RoleName(r));
    if (!signers.empty()) n.attributes.emplace_back("signature", Join(signers, " "));
    if (s.party) n.attributes.emplace_back("party", ExternalPartyName(*s.party));
    if (s.every) n.attributes.emplace_back("every", RepeatPeriodName(*s.every));
    n.guards = s.guards;
    n.effects = s.effects;
    n.documentation = s.ref + " | " + (s.role ? RoleName(*s.role) : StepKindName(s.kind)) +
                      (limit.empty() ? "" : " | " + limit) +
                      (s.channel ? std::string(" | ") + ChannelName(*s.channel) : "") +
                      "\nkk: " + s.title.kk + "\nru: " + s.title.ru + "\nen: " + s.title.en;
    AddNode(std::move(n));
    if (const Outcome* timeout = s.TimeoutOutcome(); timeout && s.limit) {
      Node b;
      b.id = StepNodeId(s.id) + "_timeout";
      b.type = NodeType::kBoundaryTimer;
      b.name = timeout->id + " (" + limit + ")";
      b.lane = LaneOf(s);
      b.timer = limit;
      b.attached_to = StepNodeId(s.id);
      AddNode(std::move(b));
    }
  }

  std::string Condition(const Step& s, const Outcome& o) const {
    std::vector<std::string> parts;
    if (s.kind == StepKind::kRepeat) return Join(s.until, " and ");
    if (s.kind == StepKind::kUser || s.kind == StepKind::kWait)
      parts.push_back("outcome = '" + o.id + "'");
    if (o.when_result) parts.push_back("result = '" + *o.when_result + "'");
    parts.insert(parts.end(), o.guards.begin(), o.guards.end());
    return Join(parts, " and ");
  }

  // The exits of one outcome: one per distinct target over the channels reaching the step.
  std::vector<Exit> OutcomeExits(const Step& s, const Outcome& o, const std::string& lane) {
    std::map<std::string, std::vector<Channel>> groups;
    std::map<std::string, std::pair<Target, std::set<std::string>>> where;
    for (const auto& [channel, graph] : graphs_) {
      if (!graph.reached_ids.count(s.id)) continue;
      const Target t = o.TargetFor(channel);
      std::set<std::string> results;
      if (t.is_end()) results = EndResults(graph, s, o);
      std::string key = t.is_end() ? "end:" : "step:" + t.step;
      for (const auto& r : results) key += r + ",";
      groups[key].push_back(channel);
      where[key] = {t, results};
    }
    std::vector<Exit> out;
    const std::string base_cond = Condition(s, o);
    for (const auto& [key, channels] : groups) {
      std::string name = o.id;
      std::string cond = base_cond;
      std::vector<std::string> names;
      for (Channel c : channels) names.push_back(ChannelName(c));
      if (groups.size() > 1) {
        name += " (" + Join(names, ", ") + ")";
        cond += std::string(cond.empty() ? "" : " and ") + "channel = '" + Join(names, "|") + "'";
      }
      const auto& [target, results] = where[key];
      std::string node;
      if (!target.is_end()) {
        node = StepNodeId(target.step);
      } else if (results.size() == 1) {
        node = EndNode(*results.begin(), lane);
      } else {
        node = StepNodeId(s.id) + "_" + o.id + (groups.size() > 1 ? "_" + Join(names, "_") : "") +
               "_result";
        Node gw;
        gw.id = node;
        gw.type = NodeType::kGateway;
        gw.lane = lane;
        AddNode(std::move(gw));
        for (const auto& r : results) {
          AddFlow(node, EndNode(r, lane), "result = " + r, "result = '" + r + "'");
        }
      }
      out.push_back({name, cond, node});
    }
    return out;
  }

  void StepExits(const Step& s) {
    const std::string lane = LaneOf(s);
    std::vector<Exit> exits;
    if (s.kind == StepKind::kRepeat) {
      exits.push_back({std::string("each ") + RepeatPeriodName(*s.every),
                       "not (" + Join(s.until, " and ") + ")", StepNodeId(s.body)});
    }
    for (const auto& o : s.outcomes) {
      if (o.timeout) continue;
      auto more = OutcomeExits(s, o, lane);
      exits.insert(exits.end(), more.begin(), more.end());
    }
    if (!exits.empty()) Connect(StepNodeId(s.id), lane, exits);
    if (const Outcome* timeout = s.TimeoutOutcome(); timeout && s.limit) {
      Connect(StepNodeId(s.id) + "_timeout", lane, OutcomeExits(s, *timeout, lane));
    }
  }

  const ProcessDefinition& def_;
  std::map<Channel, ChannelGraph> graphs_;
  Graph g_;
};

}  // namespace

Graph BuildGraph(const ProcessDefinition& def) { return Builder(def).Build(); }

}  // namespace jumys::bpmn
