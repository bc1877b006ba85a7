#pragma once
// Simple computed coordinates for BPMN DI, enough for bpmn-js to draw the diagram: columns
// by longest path from the start events (back edges ignored), one band per lane, nodes of
// the same column and lane stacked, orthogonal edges.
#include "engine/bpmn_graph.h"

namespace jumys::bpmn {

void Layout(Graph& graph);

}  // namespace jumys::bpmn
