// Logic gates as data: the truth tables the notes use to motivate perceptrons and hidden layers.
import { InputError, describe, requirePositiveInteger } from "../errors";
import { matrix } from "../matrix";
import { Random, createRandom } from "../random";
import { requireNonNegativeNumber, requireOptions, requireSeed } from "./checks";
import { ClassificationDataset } from "./dataset";

export type GateName = "AND" | "OR" | "NOT" | "NAND" | "NOR" | "XOR" | "XNOR";

export const GATE_NAMES: readonly GateName[] = ["AND", "OR", "NOT", "NAND", "NOR", "XOR", "XNOR"];

/** The output column of each truth table, rows in the notes' order x1 x2 = 00, 01, 10, 11 (NOT: x1 = 0, 1). */
const TRUTH_TABLES: Readonly<Record<GateName, readonly number[]>> = {
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  NOT: [1, 0],
  NAND: [1, 1, 1, 0],
  NOR: [1, 0, 0, 0],
  XOR: [0, 1, 1, 0],
  XNOR: [1, 0, 0, 1],
};

export interface GateOptions {
  /** How many times the table is repeated, one whole table after another (default 1). */
  readonly copies?: number;
  /** Standard deviation of Gaussian noise added to the inputs, not the targets (default 0). */
  readonly noise?: number;
  /** Required when noise > 0. */
  readonly seed?: number;
}

/**
 * The truth table of a logic gate: X holds the inputs (0/1), Y the output as one 0/1 column and
 * labels the same output as class indices. With `noise`, each input gets N(0, noise^2) added, so
 * the copies become clouds around the corners of the unit square (a tiny "real" data set).
 */
export function makeLogicGate(gate: GateName, options: GateOptions = {}): ClassificationDataset {
  const where = "makeLogicGate";
  if (typeof gate !== "string" || !Object.prototype.hasOwnProperty.call(TRUTH_TABLES, gate)) {
    throw new InputError(`${where}: unknown gate ${describe(gate)}; valid gates are ${GATE_NAMES.join(", ")}`);
  }
  requireOptions(where, options);
  const { copies = 1, noise = 0, seed } = options;
  requirePositiveInteger(where, "copies", copies);
  requireNonNegativeNumber(where, "noise", noise);
  let random: Random | null = null;
  if (noise > 0) {
    requireSeed(where, seed);
    random = createRandom(seed);
  }

  const outputs = TRUTH_TABLES[gate];
  const inputs = gate === "NOT" ? 1 : 2;
  const n = outputs.length * copies;
  const X = matrix(n, inputs);
  const Y = matrix(n, 1);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = i % outputs.length;
    // Row r of the table has x1 x2 = the bits of r (x1 the high bit), which is the notes' order.
    for (let j = 0; j < inputs; j++) {
      const bit = (r >> (inputs - 1 - j)) & 1;
      X.data[i * inputs + j] = random === null ? bit : bit + random.normal(0, noise);
    }
    Y.data[i] = outputs[r];
    labels[i] = outputs[r];
  }
  return { X, Y, labels, classNames: ["0", "1"], featureNames: inputs === 1 ? ["x1"] : ["x1", "x2"] };
}
