#include "engine/bpmn_export.h"

#include <sstream>

#include "core/markup.h"
#include "engine/bpmn_graph.h"
#include "engine/bpmn_layout.h"

namespace jumys {
namespace {

using bpmn::Graph;
using bpmn::Node;
using bpmn::NodeType;

const char* ElementOf(NodeType t) {
  switch (t) {
    case NodeType::kStartEvent:
      return "startEvent";
    case NodeType::kEndEvent:
      return "endEvent";
    case NodeType::kUserTask:
      return "userTask";
    case NodeType::kServiceTask:
      return "serviceTask";
    case NodeType::kReceiveTask:
      return "receiveTask";
    case NodeType::kTimerEvent:
    case NodeType::kCycleEvent:
      return "intermediateCatchEvent";
    case NodeType::kBoundaryTimer:
      return "boundaryEvent";
    case NodeType::kGateway:
      return "exclusiveGateway";
  }
  return "task";
}

class Writer {
 public:
  explicit Writer(const Graph& g) : g_(g) {}

  std::string Write(const ProcessDefinition& def) {
    o_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       << "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
       << " xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\""
       << " xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\""
       << " xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\""
       << " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
       << " xmlns:jumys=\"" << kBpmnExtensionNamespace << "\""
       << " id=\"Definitions_1\" targetNamespace=\"urn:jumys:process:" << EscapeMarkup(def.code)
       << ":" << EscapeMarkup(def.version) << "\" exporter=\"jumys\" exporterVersion=\"1\">\n";
    o_ << "  <collaboration id=\"Collaboration_1\">\n"
       << "    <participant id=\"Participant_1\" name=\"" << EscapeMarkup(g_.name)
       << "\" processRef=\"Process_1\" />\n  </collaboration>\n";
    o_ << "  <process id=\"Process_1\" name=\"" << EscapeMarkup(def.title.en)
       << "\" isExecutable=\"false\">\n"
       << "    <documentation>" << EscapeMarkup(def.source) << "</documentation>\n";
    Lanes();
    for (const auto& n : g_.nodes) FlowNode(n);
    for (const auto& f : g_.flows) {
      o_ << "    <sequenceFlow id=\"" << f.id << "\" sourceRef=\"" << f.source << "\" targetRef=\""
         << f.target << "\"";
      if (!f.name.empty()) o_ << " name=\"" << EscapeMarkup(f.name) << "\"";
      if (f.condition.empty()) {
        o_ << " />\n";
      } else {
        o_ << ">\n      <conditionExpression xsi:type=\"tFormalExpression\">"
           << EscapeMarkup(f.condition) << "</conditionExpression>\n    </sequenceFlow>\n";
      }
    }
    o_ << "  </process>\n";
    Diagram();
    o_ << "</definitions>\n";
    return o_.str();
  }

 private:
  static std::string LaneId(const std::string& name) { return "lane_" + name; }

  void Lanes() {
    o_ << "    <laneSet id=\"LaneSet_1\">\n";
    for (const auto& lane : g_.lanes) {
      o_ << "      <lane id=\"" << LaneId(lane.name) << "\" name=\"" << EscapeMarkup(lane.name)
         << "\">\n";
      for (const auto& id : lane.nodes) o_ << "        <flowNodeRef>" << id << "</flowNodeRef>\n";
      o_ << "      </lane>\n";
    }
    o_ << "    </laneSet>\n";
  }

  void Timer(const Node& n) {
    const char* what = n.type == NodeType::kCycleEvent ? "timeCycle" : "timeDuration";
    o_ << "      <timerEventDefinition id=\"" << n.id << "_timer\">\n        <" << what
       << " xsi:type=\"tFormalExpression\">" << EscapeMarkup(n.timer) << "</" << what
       << ">\n      </timerEventDefinition>\n";
  }

  void FlowNode(const Node& n) {
    const char* element = ElementOf(n.type);
    o_ << "    <" << element << " id=\"" << n.id << "\"";
    if (!n.name.empty()) o_ << " name=\"" << EscapeMarkup(n.name) << "\"";
    if (!n.attached_to.empty()) o_ << " attachedToRef=\"" << n.attached_to << "\"";
    if (!n.default_flow.empty()) o_ << " default=\"" << n.default_flow << "\"";
    if (n.type == NodeType::kGateway) o_ << " gatewayDirection=\"Diverging\"";
    const bool has_body = !n.documentation.empty() || !n.attributes.empty() || !n.timer.empty();
    if (!has_body) {
      o_ << " />\n";
      return;
    }
    o_ << ">\n";
    if (!n.documentation.empty())
      o_ << "      <documentation>" << EscapeMarkup(n.documentation) << "</documentation>\n";
    if (!n.attributes.empty()) {
      o_ << "      <extensionElements>\n        <jumys:step";
      for (const auto& [k, v] : n.attributes) o_ << " " << k << "=\"" << EscapeMarkup(v) << "\"";
      if (n.guards.empty() && n.effects.empty()) {
        o_ << " />\n";
      } else {
        o_ << ">\n";
        for (const auto& name : n.guards)
          o_ << "          <jumys:guard name=\"" << name << "\" />\n";
        for (const auto& name : n.effects)
          o_ << "          <jumys:effect name=\"" << name << "\" />\n";
        o_ << "        </jumys:step>\n";
      }
      o_ << "      </extensionElements>\n";
    }
    if (!n.timer.empty()) Timer(n);
    o_ << "    </" << element << ">\n";
  }

  void Bounds(int x, int y, int w, int h) {
    o_ << "        <dc:Bounds x=\"" << x << "\" y=\"" << y << "\" width=\"" << w << "\" height=\""
       << h << "\" />\n";
  }

  void Diagram() {
    o_ << "  <bpmndi:BPMNDiagram id=\"Diagram_1\">\n"
       << "    <bpmndi:BPMNPlane id=\"Plane_1\" bpmnElement=\"Collaboration_1\">\n";
    o_ << "      <bpmndi:BPMNShape id=\"Participant_1_di\" bpmnElement=\"Participant_1\""
       << " isHorizontal=\"true\">\n";
    Bounds(0, 0, g_.width, g_.height);
    o_ << "      </bpmndi:BPMNShape>\n";
    for (const auto& lane : g_.lanes) {
      o_ << "      <bpmndi:BPMNShape id=\"" << LaneId(lane.name) << "_di\" bpmnElement=\""
         << LaneId(lane.name) << "\" isHorizontal=\"true\">\n";
      Bounds(30, lane.y, g_.width - 30, lane.height);
      o_ << "      </bpmndi:BPMNShape>\n";
    }
    for (const auto& n : g_.nodes) {
      o_ << "      <bpmndi:BPMNShape id=\"" << n.id << "_di\" bpmnElement=\"" << n.id << "\"";
      if (n.type == NodeType::kGateway) o_ << " isMarkerVisible=\"true\"";
      o_ << ">\n";
      Bounds(n.x, n.y, n.width, n.height);
      o_ << "      </bpmndi:BPMNShape>\n";
    }
    for (const auto& f : g_.flows) {
      o_ << "      <bpmndi:BPMNEdge id=\"" << f.id << "_di\" bpmnElement=\"" << f.id << "\">\n";
      for (const auto& [x, y] : f.waypoints)
        o_ << "        <di:waypoint x=\"" << x << "\" y=\"" << y << "\" />\n";
      o_ << "      </bpmndi:BPMNEdge>\n";
    }
    o_ << "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n";
  }

  const Graph& g_;
  std::ostringstream o_;
};

}  // namespace

std::string ExportBpmn(const ProcessDefinition& def) {
  Graph g = bpmn::BuildGraph(def);
  bpmn::Layout(g);
  return Writer(g).Write(def);
}

}  // namespace jumys
