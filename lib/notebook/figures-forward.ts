/**
 * The figures of notebook 03 (forward propagation), as pure builders: the network drawn in the
 * notes' notation with a slider that picks the unit whose weighted sum is spelled out, hidden
 * units as functions of one input, and a multi-class output as bars.
 */
import { InputError } from "../errors";
import { unitActivation, type ForwardTrace } from "../forward";
import { row, type Matrix } from "../matrix";
import type { Figure, Frame, Trace } from "./figure";
import { formatNumber } from "./html";

/** a_i^(j) as Plotly text (it renders <sub> and <sup>). */
const a = (i: number, j: number) => `a<sub>${i}</sub><sup>(${j})</sup>`;
/** Theta^(j)_ki as Plotly text. */
const theta = (j: number, k: number, i: number) => `Θ<sup>(${j})</sup><sub>${k}${i}</sub>`;
/** a_k^(j) in Unicode sub- and superscripts, for slider labels (plain text). */
const SUB = "₀₁₂₃₄₅₆₇₈₉", SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const digits = (n: number, set: string) => String(n).split("").map((d) => set[Number(d)]).join("");
const aPlain = (k: number, j: number) => `a${digits(k, SUB)}⁽${digits(j, SUP)}⁾`;
// Five digits, so that a saturated unit such as g(10) = 0.9999546 does not show as 1.
const fmt = (x: number) => formatNumber(x, 5);

export interface NotationFigureOptions {
  readonly title: string;
  /** Theta^(1), ..., Theta^(L-1) (s_{j+1} x (s_j + 1), bias in column 0): each labelled edge then shows its weight, and the sum its numbers. */
  readonly thetas?: readonly Matrix[];
  /** a^(1), ..., a^(L) of one example (without bias units): written under each unit. Needs `thetas`. */
  readonly activations?: readonly ArrayLike<number>[];
}

/**
 * A network with layer sizes [s_1, ..., s_L] drawn in the notes' notation (files 000 and 001):
 * unit i of layer j is a_i^(j), the bias unit a_0^(j) = 1 sits on top of its layer, and an edge
 * from a_i^(j) to a_k^(j+1) carries Theta^(j)_ki. A slider (it runs in the browser) picks the unit
 * a_k^(j+1) whose incoming edges are labelled and whose weighted sum z_k^(j+1) is written out,
 * with numbers when `thetas` (and `activations`) are given.
 */
export function notationNetworkFigure(sizes: readonly number[], options: NotationFigureOptions): Figure {
  if (!Array.isArray(sizes) || sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new InputError(`notationNetworkFigure: sizes must list at least two layers of >= 1 units, e.g. [3, 3, 1], got ${JSON.stringify(sizes)}`);
  }
  const L = sizes.length;
  const { thetas, activations } = options;
  if (thetas) {
    if (thetas.length !== L - 1) throw new InputError(`notationNetworkFigure: ${L} layers need ${L - 1} Theta matrices, got ${thetas.length}`);
    thetas.forEach((t, j) => {
      if (t.rows !== sizes[j + 1] || t.cols !== sizes[j] + 1) {
        throw new InputError(`notationNetworkFigure: Theta^(${j + 1}) must be ${sizes[j + 1]}x${sizes[j] + 1} (s_${j + 2} x (s_${j + 1} + 1)), got ${t.rows}x${t.cols}`);
      }
    });
  }
  if (activations) {
    if (!thetas) throw new InputError("notationNetworkFigure: activations are written only with the thetas that produced them");
    if (activations.length !== L || activations.some((act, j) => act.length !== sizes[j])) {
      throw new InputError(`notationNetworkFigure: activations must be a^(1), ..., a^(${L}) with ${sizes.join(", ")} values`);
    }
  }
  const weight = (j: number, k: number, i: number) => (thetas as readonly Matrix[])[j - 1].data[(k - 1) * (thetas as readonly Matrix[])[j - 1].cols + i];
  const act = (j: number, i: number) => (i === 0 ? 1 : (activations as readonly ArrayLike<number>[])[j - 1][i - 1]);

  // Layer j at x = 2(j - 1); unit i at y = (s_j + 1)/2 - i, centred; every bias unit one row above the tallest layer.
  const biasY = (Math.max(...sizes) + 1) / 2;
  const at = (j: number, i: number): [number, number] => [2 * (j - 1), i === 0 ? biasY : (sizes[j - 1] + 1) / 2 - i];

  const nodes: { x: number; y: number; label: string; note: string; bias: boolean }[] = [];
  for (let j = 1; j <= L; j++) {
    for (let i = j < L ? 0 : 1; i <= sizes[j - 1]; i++) {
      const [x, y] = at(j, i);
      const value = i === 0 ? "1" : activations ? fmt(act(j, i)) : j === 1 ? `x<sub>${i}</sub>` : "";
      nodes.push({ x, y, label: a(i, j), note: value ? `= ${value}` : "", bias: i === 0 });
    }
  }
  const ex: (number | null)[] = [], ey: (number | null)[] = [];
  for (let j = 1; j < L; j++) {
    for (let k = 1; k <= sizes[j]; k++) {
      for (let i = 0; i <= sizes[j - 1]; i++) ex.push(at(j, i)[0], at(j + 1, k)[0], null), ey.push(at(j, i)[1], at(j + 1, k)[1], null);
    }
  }

  // One frame per unit above the input: its incoming edges highlighted and labelled, its sum written out.
  const frames: Frame[] = [];
  const steps: Record<string, unknown>[] = [];
  const formulaY = Math.min(...nodes.map((n) => n.y)) - 1.1;
  for (let j = 1; j < L; j++) {
    for (let k = 1; k <= sizes[j]; k++) {
      const [tx, ty] = at(j + 1, k);
      const hx: (number | null)[] = [], hy: (number | null)[] = [], lx: number[] = [], ly: number[] = [], lt: string[] = [];
      const terms: string[] = [], numbers: string[] = [];
      for (let i = 0; i <= sizes[j - 1]; i++) {
        const [sx, sy] = at(j, i);
        hx.push(sx, tx, null), hy.push(sy, ty, null);
        // Labels 40% of the way from the source: edges into one unit fan out there, so labels do not overlap.
        lx.push(sx + 0.4 * (tx - sx)), ly.push(sy + 0.4 * (ty - sy));
        lt.push(thetas ? `${theta(j, k, i)} = ${fmt(weight(j, k, i))}` : theta(j, k, i));
        terms.push(`${theta(j, k, i)}${a(i, j)}`);
        const w = thetas ? weight(j, k, i) : 0;
        if (thetas) numbers.push(`${w < 0 ? `(${fmt(w)})` : fmt(w)}·${activations ? fmt(act(j, i)) : a(i, j)}`);
      }
      let formula = `z<sub>${k}</sub><sup>(${j + 1})</sup> = ${terms.join(" + ")},   ${a(k, j + 1)} = g(z<sub>${k}</sub><sup>(${j + 1})</sup>)`;
      if (thetas && activations) {
        const z = Array.from({ length: sizes[j - 1] + 1 }, (_, i) => weight(j, k, i) * act(j, i)).reduce((s, t) => s + t, 0);
        formula += `<br>z<sub>${k}</sub><sup>(${j + 1})</sup> = ${numbers.join(" + ")} = ${fmt(z)},   ${a(k, j + 1)} = g(${fmt(z)}) = ${fmt(act(j + 1, k))}`;
      }
      const name = `${j + 1}:${k}`;
      frames.push({
        name,
        traces: [1, 4, 5],
        data: [
          { type: "scatter", mode: "lines", x: hx, y: hy, line: { color: "#c0392b", width: 3 }, hoverinfo: "skip", showlegend: false },
          { type: "scatter", mode: "text", x: lx, y: ly, text: lt, textposition: "top center", textfont: { size: 12, color: "#8e2a1f" }, hoverinfo: "skip", showlegend: false },
          { type: "scatter", mode: "text", x: [L - 1], y: [formulaY], text: [formula], textfont: { size: 13 }, cliponaxis: false, hoverinfo: "skip", showlegend: false },
        ],
      });
      steps.push({ label: aPlain(k, j + 1), method: "animate", args: [[name], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }] });
    }
  }

  const data: Trace[] = [
    { type: "scatter", mode: "lines", x: ex, y: ey, line: { color: "#c8c8c8", width: 1.2 }, hoverinfo: "skip", showlegend: false },
    frames[0].data[0],
    {
      type: "scatter", mode: "markers+text", x: nodes.map((n) => n.x), y: nodes.map((n) => n.y), text: nodes.map((n) => n.label),
      textposition: "middle center", textfont: { size: 14 }, hoverinfo: "skip", showlegend: false,
      marker: { size: 46, color: nodes.map((n) => (n.bias ? "#fff4d6" : "#dbe9f6")), line: { color: "#35618f", width: 1.5 } },
    },
    {
      type: "scatter", mode: "text", x: nodes.map((n) => n.x), y: nodes.map((n) => n.y - 0.42), text: nodes.map((n) => n.note),
      textfont: { size: 12, color: "#333" }, hoverinfo: "skip", showlegend: false,
    },
    frames[0].data[1],
    frames[0].data[2],
  ];
  const ys = nodes.map((n) => n.y);
  return {
    data,
    frames,
    layout: {
      title: options.title,
      height: 150 + 80 * (biasY - formulaY + 1),
      xaxis: { showgrid: false, zeroline: false, showticklabels: false, range: [-0.6, 2 * (L - 1) + 0.6], title: "layer j = 1 (input) ... L (output); bias units a₀ = 1 on top" },
      yaxis: { showgrid: false, zeroline: false, showticklabels: false, range: [formulaY - 0.5, Math.max(...ys) + 0.5] },
      sliders: [{ active: 0, currentvalue: { prefix: "the weighted sum into " }, pad: { t: 40 }, steps }],
      hovermode: false,
    },
  };
}

/**
 * Each unit of the hidden layers and the output, for a batch of inputs along one line (an input
 * varied, the others fixed): `inputs[e]` is the varied input of example e of `trace`. Drawn with
 * unitActivation, so unit k of layer j is a_k^(j) of the notes.
 */
export function unitSweepFigure(inputs: readonly number[], trace: ForwardTrace, options: { title: string; xTitle: string }): Figure {
  if (trace.a[0].rows !== inputs.length) throw new InputError(`unitSweepFigure: the trace holds ${trace.a[0].rows} examples but ${inputs.length} input values were given`);
  const L = trace.a.length;
  const data: Trace[] = [];
  for (let j = 2; j <= L; j++) {
    for (let k = 1; k <= trace.a[j - 1].cols; k++) {
      const y = inputs.map((_, e) => unitActivation(trace, j, k, e));
      const output = j === L;
      data.push({ x: inputs, y, name: `${output ? "output" : "hidden"} ${aPlain(k, j)}`, line: output ? { width: 3, dash: "dash" } : {} });
    }
  }
  return { data, layout: { title: options.title, xaxis: { title: options.xTitle }, yaxis: { title: "activation", range: [0, 1] } } };
}

/** The K outputs of a network for a few examples as grouped bars, one group per class: the tallest bar of an example is its predicted class. */
export function classOutputsFigure(classes: readonly string[], outputs: Matrix, exampleNames: readonly string[], title: string): Figure {
  if (outputs.cols !== classes.length) throw new InputError(`classOutputsFigure: ${classes.length} class names for ${outputs.cols} outputs`);
  if (outputs.rows !== exampleNames.length) throw new InputError(`classOutputsFigure: ${exampleNames.length} example names for ${outputs.rows} examples`);
  return {
    data: exampleNames.map((name, e) => ({ type: "bar", name, x: classes, y: row(outputs, e) })),
    layout: { title, barmode: "group", xaxis: { title: "class (one output unit each)" }, yaxis: { title: "output unit activation", range: [0, 1] } },
  };
}
