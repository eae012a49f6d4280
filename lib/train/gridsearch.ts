import { InputError, describe } from "../errors";
import { TrainingDivergedError } from "./train";

/**
 * Hyper-parameter search on a validation set (file 002): quantize each parameter into a finite set
 * of values, then either try every combination (small spaces) or tune one parameter at a time
 * while fixing the others, repeating until nothing changes.
 */
export type ParamValue = number | string | boolean;
export type Grid = Readonly<Record<string, readonly ParamValue[]>>;
/** One choice of a value for every parameter of a grid. */
export type GridPoint<G extends Grid> = { readonly [K in keyof G]: G[K][number] };

export interface GridRow<G extends Grid> {
  readonly params: GridPoint<G>;
  /** What evaluate returned (e.g. a validation loss), NaN when training diverged. */
  readonly score: number;
  /** The divergence message when training diverged at these values. */
  readonly error?: string;
}

export interface GridSearchOptions {
  /** Whether a lower score is better (a loss, the default) or a higher one (an accuracy). */
  readonly goal?: "minimize" | "maximize";
}

export interface GridSearchResult<G extends Grid> {
  /** Every evaluation, in the order made (each combination once). */
  readonly rows: readonly GridRow<G>[];
  readonly best: GridRow<G>;
}

export interface CoordinateSearchResult<G extends Grid> extends GridSearchResult<G> {
  /** Rounds over all parameters until a round changed nothing (or maxRounds). */
  readonly rounds: number;
  /** The chosen point after each round. */
  readonly path: readonly GridPoint<G>[];
}

function checkGrid(where: string, grid: Grid): string[] {
  if (typeof grid !== "object" || grid === null) throw new InputError(`${where}: grid must map parameter names to lists of values`);
  const keys = Object.keys(grid);
  if (keys.length === 0) throw new InputError(`${where}: grid has no parameters`);
  for (const k of keys) {
    const values = grid[k];
    if (!Array.isArray(values) || values.length === 0) {
      throw new InputError(`${where}: grid.${k} must be a non-empty list of values, got ${describe(values)}`);
    }
  }
  return keys;
}

/** Evaluates each point at most once; divergence becomes a NaN score instead of ending the search. */
function memoized<G extends Grid>(where: string, keys: string[], evaluate: (p: GridPoint<G>) => number) {
  const rows: GridRow<G>[] = [];
  const seen = new Map<string, GridRow<G>>();
  const score = (params: GridPoint<G>): GridRow<G> => {
    const key = JSON.stringify(keys.map((k) => params[k]));
    const known = seen.get(key);
    if (known) return known;
    let row: GridRow<G>;
    try {
      const s = evaluate(params);
      if (typeof s !== "number" || Number.isNaN(s)) {
        throw new InputError(`${where}: evaluate must return a number, got ${describe(s)} for ${JSON.stringify(params)}`);
      }
      row = { params, score: s };
    } catch (e) {
      if (!(e instanceof TrainingDivergedError)) throw e;
      row = { params, score: NaN, error: e.message };
    }
    rows.push(row);
    seen.set(key, row);
    return row;
  };
  return { rows, score };
}

function better(goal: "minimize" | "maximize", a: GridRow<Grid>, b: GridRow<Grid> | null): boolean {
  if (Number.isNaN(a.score)) return false;
  if (b === null || Number.isNaN(b.score)) return true;
  return goal === "minimize" ? a.score < b.score : a.score > b.score;
}

function bestOf<G extends Grid>(where: string, rows: readonly GridRow<G>[], goal: "minimize" | "maximize"): GridRow<G> {
  let best: GridRow<G> | null = null;
  for (const r of rows) if (better(goal, r, best)) best = r;
  if (best === null || Number.isNaN(best.score)) throw new InputError(`${where}: every evaluation diverged; try smaller learning rates`);
  return best;
}

/** Tries every combination of the grid's values (the cross product), in the grid's order. */
export function gridSearch<G extends Grid>(grid: G, evaluate: (params: GridPoint<G>) => number, options: GridSearchOptions = {}): GridSearchResult<G> {
  const where = "gridSearch";
  const keys = checkGrid(where, grid);
  const { rows, score } = memoized<G>(where, keys, evaluate);
  const visit = (k: number, partial: Record<string, ParamValue>) => {
    if (k === keys.length) {
      score({ ...partial } as GridPoint<G>);
      return;
    }
    for (const v of grid[keys[k]]) visit(k + 1, { ...partial, [keys[k]]: v });
  };
  visit(0, {});
  return { rows, best: bestOf(where, rows, options.goal ?? "minimize") };
}

/**
 * The notes' greedy grid method: start from `start` (default: each parameter's first value), tune
 * each parameter in turn over its values with the others fixed, and repeat until a whole round
 * changes nothing. Far fewer evaluations than the full grid; may stop at a local optimum.
 */
export function tuneOneAtATime<G extends Grid>(
  grid: G,
  evaluate: (params: GridPoint<G>) => number,
  options: GridSearchOptions & { readonly start?: GridPoint<G>; readonly maxRounds?: number } = {},
): CoordinateSearchResult<G> {
  const where = "tuneOneAtATime";
  const keys = checkGrid(where, grid);
  const goal = options.goal ?? "minimize";
  const maxRounds = options.maxRounds ?? 10;
  if (!Number.isInteger(maxRounds) || maxRounds < 1) throw new InputError(`${where}: maxRounds must be a positive integer, got ${describe(maxRounds)}`);
  const current: Record<string, ParamValue> = {};
  for (const k of keys) {
    const v = options.start ? options.start[k] : grid[k][0];
    if (!grid[k].includes(v)) throw new InputError(`${where}: start.${k} = ${describe(v)} is not one of grid.${k}`);
    current[k] = v;
  }
  const { rows, score } = memoized<G>(where, keys, evaluate);
  const path: GridPoint<G>[] = [];
  let rounds = 0;
  for (let changed = true; changed && rounds < maxRounds; ) {
    changed = false;
    rounds++;
    for (const k of keys) {
      let bestRow: GridRow<G> | null = null;
      for (const v of grid[k]) {
        const row = score({ ...current, [k]: v } as GridPoint<G>);
        if (better(goal, row, bestRow)) bestRow = row;
      }
      if (bestRow && !Number.isNaN(bestRow.score) && bestRow.params[k] !== current[k]) {
        current[k] = bestRow.params[k];
        changed = true;
      }
    }
    path.push({ ...current } as GridPoint<G>);
  }
  return { rows, best: bestOf(where, rows, goal), rounds, path };
}

/**
 * The scores of two parameters as a table for a heatmap: z[i][j] is the best score found with
 * y = ys[i] and x = xs[j] (over the other parameters' values), or null where nothing was evaluated.
 */
export function heatmapTable<G extends Grid>(
  result: GridSearchResult<G>, x: keyof G & string, y: keyof G & string, options: GridSearchOptions = {},
): { readonly x: readonly ParamValue[]; readonly y: readonly ParamValue[]; readonly z: (number | null)[][] } {
  const goal = options.goal ?? "minimize";
  const xs: ParamValue[] = [], ys: ParamValue[] = [];
  for (const r of result.rows) {
    if (!xs.includes(r.params[x])) xs.push(r.params[x]);
    if (!ys.includes(r.params[y])) ys.push(r.params[y]);
  }
  const z: (number | null)[][] = ys.map(() => xs.map((): number | null => null));
  for (const r of result.rows) {
    if (Number.isNaN(r.score)) continue;
    const i = ys.indexOf(r.params[y]), j = xs.indexOf(r.params[x]);
    const old = z[i][j];
    if (old === null || (goal === "minimize" ? r.score < old : r.score > old)) z[i][j] = r.score;
  }
  return { x: xs, y: ys, z };
}
