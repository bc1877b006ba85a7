#pragma once
// The step graph of a definition as seen from one channel: which steps a case can reach, and
// what result it may or must have decided on arriving at each. Used by the validator (every
// `end: decided` needs a result decided on every path) and by the BPMN export (which end
// events an `end: decided` can lead to). Pure functions over definition.h.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/definition.h"

namespace jumys {

// One way out of a step in a channel: an outcome, or a repeat step's entry into its body
// (outcome == nullptr).
struct StepEdge {
  const Outcome* outcome = nullptr;
  Target target;
};
std::vector<StepEdge> EdgesInChannel(const Step& step, Channel channel);

struct ChannelGraph {
  Channel channel = Channel::kOffice;
  std::vector<const Step*> reached;  // in the order first reached from the start(s)
  std::set<std::string> reached_ids;
  // Every path from the start to the step has decided a result.
  std::map<std::string, bool> decided_on_entry;
  // The result kinds a case may carry on arriving at the step.
  std::map<std::string, std::set<std::string>> results_on_entry;
  // Reached steps from which no path leads to an end of the case.
  std::vector<const Step*> dead_ends;
};

// Targets naming no step, or a step of another channel, are not followed (the validator
// reports them).
ChannelGraph AnalyseChannel(const ProcessDefinition& def, const ChannelEntry& entry);

// Whether some path of outcomes, in any channel or into a repeat's body, goes from `from` to
// `to` (a list must be made before a step decides it).
bool Leads(const ProcessDefinition& def, const Step& from, const Step& to);

// The result kinds an outcome taken at `step` can end the case with in this graph.
std::set<std::string> EndResults(const ChannelGraph& graph, const Step& step,
                                 const Outcome& outcome);

}  // namespace jumys
