#pragma once
// A process definition turned into BPMN's vocabulary (events, tasks, gateways, flows, lanes)
// before it is laid out (bpmn_layout.h) and written as XML (bpmn_export.h).
#include <string>
#include <utility>
#include <vector>

#include "engine/definition.h"

namespace jumys::bpmn {

enum class NodeType {
  kStartEvent,
  kEndEvent,
  kUserTask,       // a user step
  kServiceTask,    // an automatic step
  kReceiveTask,    // a wait for an outside party
  kTimerEvent,     // a timer step: intermediate catch event with a duration
  kCycleEvent,     // a repeat step: intermediate catch event with a cycle
  kBoundaryTimer,  // a wait's window, on the border of its receive task
  kGateway,        // exclusive gateway
};

struct Node {
  std::string id;
  NodeType type = NodeType::kUserTask;
  std::string name;
  std::string lane;
  std::string documentation;
  std::vector<std::pair<std::string, std::string>> attributes;  // of <jumys:step>
  std::vector<std::string> guards, effects;
  std::string timer;         // kTimerEvent / kBoundaryTimer duration, kCycleEvent cycle
  std::string attached_to;   // kBoundaryTimer
  std::string default_flow;  // kGateway: the flow taken when no condition holds
  // Filled by the layout.
  int layer = 0;
  int x = 0, y = 0, width = 0, height = 0;
};

struct Flow {
  std::string id, source, target, name, condition;
  std::vector<std::pair<int, int>> waypoints;  // filled by the layout
};

struct Lane {
  std::string name;
  std::vector<std::string> nodes;
  int y = 0, height = 0;  // filled by the layout
};

struct Graph {
  std::string name;
  std::vector<Lane> lanes;
  std::vector<Node> nodes;
  std::vector<Flow> flows;
  int width = 0, height = 0;  // of the participant, filled by the layout

  const Node* FindNode(const std::string& id) const;
};

Graph BuildGraph(const ProcessDefinition& def);

}  // namespace jumys::bpmn
