#include "engine/bpmn_layout.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace jumys::bpmn {
namespace {

constexpr int kLabelBand = 30;  // the participant's vertical name band
constexpr int kMargin = 40;
constexpr int kColumn = 180;
constexpr int kRow = 130;

std::pair<int, int> SizeOf(NodeType t) {
  switch (t) {
    case NodeType::kUserTask:
    case NodeType::kServiceTask:
    case NodeType::kReceiveTask:
      return {120, 80};
    case NodeType::kGateway:
      return {50, 50};
    default:
      return {36, 36};
  }
}

struct Index {
  std::map<std::string, int> of;
  int operator()(const std::string& id) const { return of.at(id); }
};

// Columns: longest path from the start events over the graph without its back edges.
std::vector<int> Layers(const Graph& g, const Index& idx) {
  const int n = static_cast<int>(g.nodes.size());
  const auto host = [&](int i) {
    return g.nodes[i].attached_to.empty() ? i : idx(g.nodes[i].attached_to);
  };
  std::vector<std::vector<int>> out(n);
  for (const auto& f : g.flows) out[host(idx(f.source))].push_back(idx(f.target));
  std::vector<int> state(n, 0), postorder;
  std::set<std::pair<int, int>> back;
  std::function<void(int)> dfs = [&](int u) {
    state[u] = 1;
    for (int v : out[u]) {
      if (state[v] == 1) back.insert({u, v});
      if (state[v] == 0) dfs(v);
    }
    state[u] = 2;
    postorder.push_back(u);
  };
  for (int i = 0; i < n; ++i)
    if (g.nodes[i].type == NodeType::kStartEvent && state[i] == 0) dfs(i);
  for (int i = 0; i < n; ++i)
    if (state[i] == 0 && g.nodes[i].attached_to.empty()) dfs(i);
  std::vector<int> layer(n, 0);
  for (auto it = postorder.rbegin(); it != postorder.rend(); ++it) {
    for (int v : out[*it])
      if (!back.count({*it, v})) layer[v] = std::max(layer[v], layer[*it] + 1);
  }
  for (int i = 0; i < n; ++i)
    if (!g.nodes[i].attached_to.empty()) layer[i] = layer[idx(g.nodes[i].attached_to)];
  return layer;
}

void Route(Flow& f, const Node& s, const Node& t) {
  const int scy = s.y + s.height / 2, tcy = t.y + t.height / 2;
  const int tx = t.x, scx = s.x + s.width / 2, tcx = t.x + t.width / 2;
  f.waypoints.clear();
  if (s.type == NodeType::kBoundaryTimer) {
    const int sy = s.y + s.height;
    if (tx - 20 > scx) {
      f.waypoints = {{scx, sy}, {scx, sy + 20}, {tx - 20, sy + 20}, {tx - 20, tcy}, {tx, tcy}};
    } else {
      const int low = std::max(sy, t.y + t.height) + 20;
      f.waypoints = {{scx, sy}, {scx, low}, {tcx, low}, {tcx, t.y + t.height}};
    }
    return;
  }
  const int sx = s.x + s.width;
  if (tx > sx) {
    if (scy == tcy) {
      f.waypoints = {{sx, scy}, {tx, tcy}};
    } else {
      const int mid = sx + (kColumn - 120) / 2;
      f.waypoints = {{sx, scy}, {mid, scy}, {mid, tcy}, {tx, tcy}};
    }
  } else {
    const int top = std::min(s.y, t.y) - 20;
    f.waypoints = {{scx, s.y}, {scx, top}, {tcx, top}, {tcx, t.y}};
  }
}

}  // namespace

void Layout(Graph& g) {
  Index idx;
  for (int i = 0; i < static_cast<int>(g.nodes.size()); ++i) idx.of[g.nodes[i].id] = i;
  const std::vector<int> layer = Layers(g, idx);
  int max_layer = 0;
  std::map<std::string, int> row_in_cell;  // node id -> stacked position in (lane, layer)
  int y = 0;
  for (auto& lane : g.lanes) {
    std::map<int, int> used;  // layer -> nodes placed
    int rows = 1;
    for (const auto& id : lane.nodes) {
      const int i = idx(id);
      if (!g.nodes[i].attached_to.empty()) continue;
      row_in_cell[id] = used[layer[i]]++;
      rows = std::max(rows, used[layer[i]]);
    }
    lane.y = y;
    lane.height = rows * kRow;
    for (const auto& id : lane.nodes) {
      Node& n = g.nodes[idx(id)];
      if (!n.attached_to.empty()) continue;
      n.layer = layer[idx(id)];
      max_layer = std::max(max_layer, n.layer);
      const auto [w, h] = SizeOf(n.type);
      const int cx = kLabelBand + kMargin + n.layer * kColumn + 60;
      const int cy = lane.y + row_in_cell[id] * kRow + kRow / 2;
      n.width = w;
      n.height = h;
      n.x = cx - w / 2;
      n.y = cy - h / 2;
    }
    y += lane.height;
  }
  for (auto& n : g.nodes) {
    if (n.attached_to.empty()) continue;
    const Node& host = g.nodes[idx(n.attached_to)];
    const auto [w, h] = SizeOf(n.type);
    n.layer = host.layer;
    n.width = w;
    n.height = h;
    n.x = host.x + host.width - 20 - w / 2;
    n.y = host.y + host.height - h / 2;
  }
  g.width = kLabelBand + 2 * kMargin + (max_layer + 1) * kColumn;
  g.height = y;
  for (auto& f : g.flows) Route(f, g.nodes[idx(f.source)], g.nodes[idx(f.target)]);
}

}  // namespace jumys::bpmn
