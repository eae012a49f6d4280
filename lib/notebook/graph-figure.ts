/**
 * Graphs drawn as Plotly figures (pure builders): circles for nodes, lines for edges, and numbers
 * written on both. Used for a network with its forward values and backward gradients, and for a
 * computational graph of elementary gates.
 */
import { InputError } from "../errors";
import type { BackpropResult } from "../backprop";
import type { Network } from "../network";
import type { EvaluatedGate } from "../computational-graph";
import type { Figure, Trace } from "./figure";
import { formatNumber } from "./html";

export interface GraphNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** Written inside the circle. */
  readonly label: string;
  /** Written under the circle (forward value, gradient...); "<br>" breaks lines. */
  readonly note?: string;
  readonly color?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** Written on the edge. */
  readonly label?: string;
  /** Where on the edge the label sits, from 0 (at `from`) to 1 (at `to`); default 0.5. */
  readonly at?: number;
}

export interface GraphFigureOptions {
  readonly title: string;
  /** What the horizontal direction means, e.g. "layer (input → output)". */
  readonly xTitle: string;
  readonly height?: number;
}

/** A figure of nodes and edges with their numbers; axes carry only the xTitle (positions mean nothing else). */
export function graphFigure(nodes: readonly GraphNode[], edges: readonly GraphEdge[], options: GraphFigureOptions): Figure {
  const byId = new Map<string, GraphNode>();
  for (const n of nodes) {
    if (byId.has(n.id)) throw new InputError(`graphFigure: node id ${JSON.stringify(n.id)} is used twice`);
    byId.set(n.id, n);
  }
  const node = (id: string, role: string) => {
    const n = byId.get(id);
    if (!n) throw new InputError(`graphFigure: an edge's ${role} ${JSON.stringify(id)} is not a node`);
    return n;
  };
  const ex: (number | null)[] = [], ey: (number | null)[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const e of edges) {
    const a = node(e.from, "from"), b = node(e.to, "to");
    ex.push(a.x, b.x, null);
    ey.push(a.y, b.y, null);
    if (e.label) {
      const t = e.at ?? 0.5;
      annotations.push({
        x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), text: e.label, showarrow: false,
        font: { size: 10, color: "#444" }, bgcolor: "rgba(255,255,255,0.85)",
      });
    }
  }
  for (const n of nodes) {
    if (n.note) annotations.push({ x: n.x, y: n.y, text: n.note, showarrow: false, yshift: -38, font: { size: 11 } });
  }
  const edgeTrace: Trace = { type: "scatter", mode: "lines", x: ex, y: ey, line: { color: "#b0b0b0", width: 1.5 }, hoverinfo: "skip", showlegend: false };
  const nodeTrace: Trace = {
    type: "scatter", mode: "markers+text", x: nodes.map((n) => n.x), y: nodes.map((n) => n.y),
    text: nodes.map((n) => n.label), textposition: "middle center",
    hovertext: nodes.map((n) => (n.note ? `${n.label}<br>${n.note}` : n.label)), hoverinfo: "text",
    marker: { size: 40, color: nodes.map((n) => n.color ?? "#dbe9f6"), line: { color: "#35618f", width: 1.5 } },
    showlegend: false,
  };
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const pad = (lo: number, hi: number, p: number): [number, number] => [lo - p, hi + p];
  return {
    data: [edgeTrace, nodeTrace],
    layout: {
      title: options.title,
      height: options.height ?? 460,
      xaxis: { title: options.xTitle, showgrid: false, zeroline: false, showticklabels: false, range: pad(Math.min(...xs), Math.max(...xs), 0.45) },
      yaxis: { showgrid: false, zeroline: false, showticklabels: false, range: pad(Math.min(...ys), Math.max(...ys), 0.6) },
      annotations,
      hovermode: "closest",
    },
  };
}

const fmt = (x: number) => formatNumber(x, 4);

/**
 * A small network for one example, drawn layer by layer: each unit shows its activation a and
 * its error delta, each edge the gradient dJ/dw of its weight (bias weights come from a "+1" unit).
 * `result` is backprop's result for a batch of ONE example.
 */
export function networkGraphFigure(net: Network, result: BackpropResult, title: string): Figure {
  if (result.trace.a[0].rows !== 1) throw new InputError(`networkGraphFigure: draw one example at a time; the result holds ${result.trace.a[0].rows}`);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const L = net.sizes.length;
  const unitY = (count: number, i: number) => (count - 1) / 2 - i;
  const top = Math.max(...net.sizes) / 2 + 0.3;
  for (let l = 0; l < L; l++) {
    const count = net.sizes[l];
    for (let i = 0; i < count; i++) {
      const a = result.trace.a[l].data[i];
      const delta = l > 0 ? result.deltas[l - 1].data[i] : undefined;
      const name = l === 0 ? `x${i + 1}` : l === L - 1 ? `o${i + 1}` : `h${i + 1}`;
      nodes.push({
        id: `${l}:${i}`, x: l, y: unitY(count, i), label: name,
        note: delta === undefined ? `a = ${fmt(a)}` : `a = ${fmt(a)}<br>δ = ${fmt(delta)}`,
        color: l === 0 ? "#eeeeee" : undefined,
      });
    }
    if (l < L - 1) nodes.push({ id: `${l}:bias`, x: l, y: top, label: "+1", color: "#fff4d6" });
  }
  for (let l = 0; l < L - 1; l++) {
    const layer = net.layers[l];
    const gW = result.gradients.W[l], gb = result.gradients.b[l];
    for (let i = 0; i < layer.W.rows; i++) {
      for (let j = 0; j < layer.W.cols; j++) {
        const k = i * layer.W.cols + j;
        // Straight edges labelled mid-way, crossing ones a quarter from their higher end, so labels do not collide.
        const at = i === j ? 0.5 : j < i ? 0.25 : 0.75;
        edges.push({ from: `${l}:${j}`, to: `${l + 1}:${i}`, label: `∂J/∂w ${fmt(gW.data[k])}`, at });
      }
      edges.push({ from: `${l}:bias`, to: `${l + 1}:${i}`, label: `∂J/∂b ${fmt(gb[i])}`, at: i === 0 ? 0.5 : 0.06 + 0.09 * i });
    }
  }
  return graphFigure(nodes, edges, { title, xTitle: "layer (input → output): under each unit its activation a and error δ; on each edge the gradient of its weight", height: 520 });
}

/**
 * A computational graph from evaluateGraph, drawn left to right: each gate shows its forward
 * value (green) and the gradient of the output with respect to it (red), as in cs231n's figure.
 */
export function computationalGraphFigure(gates: readonly EvaluatedGate[], title: string): Figure {
  // Depth = longest path from an input; rows within a depth in listing order.
  const depth = new Map<string, number>();
  for (const g of gates) depth.set(g.id, g.inputs.length === 0 ? 0 : 1 + Math.max(...g.inputs.map((id) => depth.get(id) ?? 0)));
  const rows = new Map<number, number>();
  const counts = new Map<number, number>();
  for (const g of gates) counts.set(depth.get(g.id) as number, (counts.get(depth.get(g.id) as number) ?? 0) + 1);
  const nodes: GraphNode[] = gates.map((g) => {
    const d = depth.get(g.id) as number;
    const r = rows.get(d) ?? 0;
    rows.set(d, r + 1);
    const n = counts.get(d) as number;
    return {
      // 1.7 apart vertically: each node carries two lines of numbers under it.
      id: g.id, x: d, y: 1.7 * ((n - 1) / 2 - r), label: g.label,
      note: `<span style="color:#1a7f37">${fmt(g.value)}</span><br><span style="color:#c0392b">${fmt(g.gradient)}</span>`,
      color: g.op === "input" ? "#eeeeee" : undefined,
    };
  });
  const edges: GraphEdge[] = gates.flatMap((g) => g.inputs.map((from) => ({ from, to: g.id })));
  return graphFigure(nodes, edges, { title, xTitle: "gate, from the inputs (left) to f (right): forward value (green) over gradient df/d(value) (red)", height: 560 });
}
