/**
 * Plotly figures as plain data: what `show` and `liveChart` draw. The common attributes are typed
 * (for completion in the notebook); any other Plotly attribute can be added by name
 * (https://plotly.com/javascript/reference/). Numbers may come in plain arrays or typed arrays (a matrix row, class labels).
 */

/** A list of values along one axis. */
export type Values = readonly (number | string | null)[] | Float64Array | Float32Array | Int32Array | Uint32Array;

export interface Trace {
  /** "scatter" (the default: lines and/or markers), "bar", "heatmap", "contour", "histogram", ... */
  type?: string;
  /** "lines", "markers", "lines+markers". */
  mode?: string;
  /** The legend entry. */
  name?: string;
  x?: Values;
  y?: Values;
  /** Grid values for heatmaps and contours, one row per y. */
  z?: readonly Values[];
  line?: { color?: string; width?: number; dash?: string; [attribute: string]: unknown };
  marker?: { color?: string | Values; size?: number | Values; [attribute: string]: unknown };
  [attribute: string]: unknown;
}

export interface Axis {
  /** A string is passed to Plotly as { text: string }. */
  title?: string | { text: string; [attribute: string]: unknown };
  range?: readonly [number, number];
  /** "linear", "log", "category", "date"... Any string is accepted, so a figure built in a function (where TypeScript widens "log" to string) still type-checks. */
  type?: "linear" | "log" | "category" | "date" | (string & {});
  [attribute: string]: unknown;
}

export interface Layout {
  /** A string is passed to Plotly as { text: string }. */
  title?: string | { text: string; [attribute: string]: unknown };
  xaxis?: Axis;
  yaxis?: Axis;
  width?: number;
  height?: number;
  showlegend?: boolean;
  [attribute: string]: unknown;
}

/** One animation frame: what `layout.sliders` and `layout.updatemenus` steps switch to, in the browser, without the kernel. */
export interface Frame {
  /** What a slider step's `args: [[name], ...]` refers to. */
  name: string;
  /** Replaces the traces listed in `traces` (by index; default the first ones, in order). */
  data: readonly Trace[];
  traces?: readonly number[];
  layout?: Layout;
  [attribute: string]: unknown;
}

export interface Figure {
  data: readonly Trace[];
  layout?: Layout;
  /** Frames for sliders and play buttons (https://plotly.com/javascript/animations/); they run in the browser, also in an exported page. */
  frames?: readonly Frame[];
}
