/**
 * Sliders that run in the browser with no kernel (pure builder): a figure gets one Plotly slider
 * per parameter and one frame per combination of their values. Plotly's sliders cannot read each
 * other, so each frame also re-points every slider's steps at the frames that keep the other
 * sliders where they are: moving one slider keeps the others' values. The controls work in
 * JupyterLab and in an exported page alike.
 */
import { InputError } from "../errors";
import type { Figure, Frame, Layout, Trace } from "./figure";
import { formatNumber } from "./html";

export interface SliderAxis {
  /** Shown before the current value, e.g. "w0 = ". */
  readonly prefix: string;
  readonly values: readonly number[];
  /** The value shown first (one of `values`; default the first). */
  readonly start?: number;
  /** The step labels (default 4 significant digits). */
  readonly format?: (value: number) => string;
}

/** What one combination of slider values shows: the changed traces (merged into the figure's, in order) and a title. */
export interface SliderView {
  readonly data: readonly Trace[];
  /** Which of the figure's traces `data` updates (default the first ones, in order). */
  readonly traces?: readonly number[];
  readonly title?: string;
}

/** The frame name of slider positions (indices into each axis's values). */
export const sliderFrameName = (positions: readonly number[]): string => `at ${positions.join(" ")}`;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/** `base` with `changes` merged in as Plotly merges a frame: nested objects merged, arrays and values replaced. */
function merged(base: Trace, changes: Trace): Trace {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) out[key] = isPlain(value) && isPlain(out[key]) ? merged(out[key] as Trace, value as Trace) : value;
  return out as Trace;
}

/** Every combination of positions, the first axis slowest. */
function combinations(counts: readonly number[]): number[][] {
  return counts.reduce<number[][]>((acc, n) => acc.flatMap((p) => Array.from({ length: n }, (_, k) => [...p, k])), [[]]);
}

/**
 * `base` with one slider per axis under the plot and a frame for every combination of values:
 * `view(values)` gives what the figure shows for those values. The figure's first view is
 * `view` at the axes' start values. Frames grow as the product of the axes' lengths: keep it to
 * a few hundred (each frame of two or more sliders also carries every slider's steps).
 */
export function slidersFigure(base: Figure, axes: readonly SliderAxis[], view: (values: readonly number[]) => SliderView): Figure {
  if (axes.length === 0) throw new InputError("slidersFigure: give at least one slider axis");
  for (const a of axes) {
    if (a.values.length === 0) throw new InputError(`slidersFigure: the slider "${a.prefix}" has no values`);
    if (a.start !== undefined && !a.values.includes(a.start)) throw new InputError(`slidersFigure: the slider "${a.prefix}" starts at ${a.start}, which is not among its values`);
  }
  const start = axes.map((a) => (a.start === undefined ? 0 : a.values.indexOf(a.start)));
  const valuesAt = (p: readonly number[]) => p.map((k, s) => axes[s].values[k]);
  const steps = (s: number, at: readonly number[]) =>
    axes[s].values.map((v, m) => {
      const p = [...at];
      p[s] = m;
      return { label: (axes[s].format ?? ((x: number) => formatNumber(x)))(v), method: "animate", args: [[sliderFrameName(p)], { mode: "immediate", transition: { duration: 0 } }] };
    });
  const relink = axes.length > 1;
  const frames: Frame[] = combinations(axes.map((a) => a.values.length)).map((p) => {
    const v = view(valuesAt(p));
    const layout: Layout = { ...(v.title !== undefined ? { title: { text: v.title } } : {}), ...(relink ? { sliders: axes.map((_, s) => ({ steps: steps(s, p) })) } : {}) };
    return { name: sliderFrameName(p), data: v.data, ...(v.traces ? { traces: v.traces } : {}), layout };
  });
  const first = view(valuesAt(start));
  const data = base.data.map((t, k) => {
    const index = (first.traces ?? first.data.map((_, j) => j)).indexOf(k);
    return index >= 0 ? merged(t, first.data[index]) : t;
  });
  const layout = base.layout ?? {};
  const below = 110 + 75 * axes.length;
  const margin = (layout.margin ?? {}) as Record<string, unknown>;
  return {
    data,
    layout: {
      ...layout,
      ...(first.title !== undefined ? { title: { text: first.title } } : {}),
      height: (typeof layout.height === "number" ? layout.height : 420) + 75 * axes.length,
      margin: { l: 55, r: 20, t: 80, ...margin, b: below },
      sliders: axes.map((a, s) => ({
        active: start[s], steps: steps(s, start), currentvalue: { prefix: a.prefix, font: { size: 13 } },
        x: 0.05, len: 0.9, y: 0, yanchor: "top", pad: { t: 60 + 75 * s },
      })),
    },
    frames,
  };
}
