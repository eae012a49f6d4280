/**
 * Helpers for looking at image data in charts: rows of a matrix (digits, first-layer weights) tiled
 * into one grid for a single heatmap, and the examples a classifier got wrong most confidently.
 */
import { InputError, requirePositiveInteger } from "./errors";
import { Matrix, rowArgmax } from "./matrix";

export interface TileOptions {
  /** Images per row of the grid. */
  readonly perRow: number;
  /** Width and height of one image in pixels (default 28, the digits). */
  readonly side?: number;
  /** Empty pixels between images (default 2). They are null, which a heatmap leaves blank. */
  readonly gap?: number;
}

/**
 * Rows `indices` of X, each a side x side image stored row by row, tiled left to right and top to
 * bottom into one grid: z[r][c] for a heatmap (draw it with the y axis reversed so row 0 is on top).
 */
export function tileImages(X: Matrix, indices: ArrayLike<number>, options: TileOptions): (number | null)[][] {
  const where = "tileImages";
  const side = options.side ?? 28;
  const gap = options.gap ?? 2;
  requirePositiveInteger(where, "perRow", options.perRow);
  requirePositiveInteger(where, "side", side);
  if (X.cols !== side * side) throw new InputError(`${where}: rows of X have ${X.cols} values, but ${side} x ${side} images need ${side * side}`);
  const count = indices.length;
  const cols = Math.min(options.perRow, Math.max(count, 1));
  const rows = Math.ceil(count / cols);
  const height = rows * side + (rows - 1) * gap, width = cols * side + (cols - 1) * gap;
  const z: (number | null)[][] = Array.from({ length: height }, () => new Array<number | null>(width).fill(null));
  for (let k = 0; k < count; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= X.rows) throw new InputError(`${where}: index ${i} is not a row of X (0..${X.rows - 1})`);
    const top = Math.floor(k / cols) * (side + gap), left = (k % cols) * (side + gap);
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) z[top + r][left + c] = X.data[i * X.cols + r * side + c];
  }
  return z;
}

export interface ConfidentMistake {
  /** The example's row. */
  readonly index: number;
  readonly actual: number;
  readonly predicted: number;
  /** The output of the predicted class: how sure the network was of its wrong answer. */
  readonly confidence: number;
}

/** The `count` misclassified examples with the largest output for their (wrong) predicted class. */
export function confidentMistakes(H: Matrix, labels: ArrayLike<number>, count: number): ConfidentMistake[] {
  const where = "confidentMistakes";
  if (labels.length !== H.rows) throw new InputError(`${where}: ${labels.length} labels for ${H.rows} rows of outputs`);
  requirePositiveInteger(where, "count", count);
  const wrong: ConfidentMistake[] = [];
  for (let i = 0; i < H.rows; i++) {
    const best = rowArgmax(H, i);
    if (best !== labels[i]) wrong.push({ index: i, actual: labels[i], predicted: best, confidence: H.data[i * H.cols + best] });
  }
  return wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index).slice(0, count);
}
