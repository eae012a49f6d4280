// The computational-graph view of backpropagation (file 002, after cs231n): a function broken into
// elementary gates, evaluated forward, then differentiated backward gate by gate, each gate
// multiplying the gradient arriving from above by its own local derivative.
import { InputError, describe, requireFiniteNumber } from "./errors";

/** The elementary gates of file 002's example. "addConst"/"mulConst" carry their constant. */
export type GateOp = "input" | "mul" | "add" | "mulConst" | "addConst" | "exp" | "reciprocal";

export interface GateSpec {
  readonly id: string;
  readonly op: GateOp;
  /** Ids of earlier gates this one reads (none for an input, one or two otherwise). */
  readonly inputs?: readonly string[];
  /** The value of an input, or the constant of addConst / mulConst. */
  readonly value?: number;
}

export interface EvaluatedGate {
  readonly id: string;
  readonly op: GateOp;
  readonly inputs: readonly string[];
  /** A short label for drawings: "x0", "*", "+", "*-1", "exp", "+1", "1/x". */
  readonly label: string;
  /** Forward value. */
  readonly value: number;
  /** d output / d this gate's value (the output is the last gate). */
  readonly gradient: number;
}

const ARITY: Record<GateOp, number> = { input: 0, mul: 2, add: 2, mulConst: 1, addConst: 1, exp: 1, reciprocal: 1 };

function labelOf(g: GateSpec): string {
  switch (g.op) {
    case "input": return g.id;
    case "mul": return "*";
    case "add": return "+";
    case "mulConst": return `*${g.value}`;
    case "addConst": return `+${g.value}`;
    case "exp": return "exp";
    case "reciprocal": return "1/x";
  }
}

/**
 * Evaluates a graph of gates (listed so that every gate comes after its inputs) forward, then
 * backward from the last gate: gradient(last) = 1, and each gate passes gradient * local
 * derivative to each input, summed where a value feeds several gates.
 */
export function evaluateGraph(gates: readonly GateSpec[]): EvaluatedGate[] {
  const where = "evaluateGraph";
  if (!Array.isArray(gates as unknown) || gates.length === 0) throw new InputError(`${where}: gates must be a non-empty array, got ${describe(gates)}`);
  const index = new Map<string, number>();
  gates.forEach((g, k) => {
    const raw = g as unknown as { id?: unknown } | null;
    if (typeof raw !== "object" || raw === null || typeof raw.id !== "string" || raw.id === "") throw new InputError(`${where}: gate ${k} needs a string id`);
    if (index.has(g.id)) throw new InputError(`${where}: gate id ${JSON.stringify(g.id)} is used twice`);
    if (!Object.prototype.hasOwnProperty.call(ARITY, g.op as string)) throw new InputError(`${where}: gate ${JSON.stringify(g.id)} has unknown op ${describe(g.op)}; use one of ${Object.keys(ARITY).join(", ")}`);
    const inputs = g.inputs ?? [];
    if (inputs.length !== ARITY[g.op]) throw new InputError(`${where}: gate ${JSON.stringify(g.id)} (${g.op}) takes ${ARITY[g.op]} inputs, got ${inputs.length}`);
    for (const id of inputs) {
      if (!index.has(id)) throw new InputError(`${where}: gate ${JSON.stringify(g.id)} reads ${JSON.stringify(id)}, which is not an earlier gate`);
    }
    if (g.op === "input" || g.op === "addConst" || g.op === "mulConst") requireFiniteNumber(where, `the value of gate ${JSON.stringify(g.id)}`, g.value);
    index.set(g.id, k);
  });

  const value: number[] = [];
  const at = (id: string) => value[index.get(id) as number];
  for (const g of gates) {
    const [p, q] = (g.inputs ?? []).map(at);
    switch (g.op) {
      case "input": value.push(g.value as number); break;
      case "mul": value.push(p * q); break;
      case "add": value.push(p + q); break;
      case "mulConst": value.push(p * (g.value as number)); break;
      case "addConst": value.push(p + (g.value as number)); break;
      case "exp": value.push(Math.exp(p)); break;
      case "reciprocal": value.push(1 / p); break;
    }
  }

  const gradient = new Array<number>(gates.length).fill(0);
  gradient[gates.length - 1] = 1;
  for (let k = gates.length - 1; k >= 0; k--) {
    const g = gates[k];
    const ins = (g.inputs ?? []).map((id) => index.get(id) as number);
    const upstream = gradient[k];
    // Local derivatives: d(p q)/dp = q, d(p + q)/dp = 1, d(c p)/dp = c, d exp(p)/dp = exp(p), d(1/p)/dp = -1/p^2.
    switch (g.op) {
      case "input": break;
      case "mul": gradient[ins[0]] += upstream * value[ins[1]]; gradient[ins[1]] += upstream * value[ins[0]]; break;
      case "add": gradient[ins[0]] += upstream; gradient[ins[1]] += upstream; break;
      case "mulConst": gradient[ins[0]] += upstream * (g.value as number); break;
      case "addConst": gradient[ins[0]] += upstream; break;
      case "exp": gradient[ins[0]] += upstream * value[k]; break;
      case "reciprocal": gradient[ins[0]] += upstream * (-1 / (value[ins[0]] * value[ins[0]])); break;
    }
  }
  return gates.map((g, k) => ({ id: g.id, op: g.op, inputs: g.inputs ?? [], label: labelOf(g), value: value[k], gradient: gradient[k] }));
}

/**
 * File 002's example f(w, x) = 1 / (1 + exp(-(w0 x0 + w1 x1 + w2))), a sigmoid neuron, as gates.
 * cs231n's numbers (which the slides reproduce): w = (2, -3, -3), x = (-1, -2).
 */
export function sigmoidNeuronGates(w: readonly [number, number, number], x: readonly [number, number]): GateSpec[] {
  if (!Array.isArray(w) || w.length !== 3) throw new InputError(`sigmoidNeuronGates: w must be [w0, w1, w2], got ${describe(w)}`);
  if (!Array.isArray(x) || x.length !== 2) throw new InputError(`sigmoidNeuronGates: x must be [x0, x1], got ${describe(x)}`);
  return [
    { id: "w0", op: "input", value: w[0] },
    { id: "x0", op: "input", value: x[0] },
    { id: "w1", op: "input", value: w[1] },
    { id: "x1", op: "input", value: x[1] },
    { id: "w2", op: "input", value: w[2] },
    { id: "w0x0", op: "mul", inputs: ["w0", "x0"] },
    { id: "w1x1", op: "mul", inputs: ["w1", "x1"] },
    { id: "sum", op: "add", inputs: ["w0x0", "w1x1"] },
    { id: "z", op: "add", inputs: ["sum", "w2"] },
    { id: "-z", op: "mulConst", inputs: ["z"], value: -1 },
    { id: "exp(-z)", op: "exp", inputs: ["-z"] },
    { id: "1+exp(-z)", op: "addConst", inputs: ["exp(-z)"], value: 1 },
    { id: "f", op: "reciprocal", inputs: ["1+exp(-z)"] },
  ];
}
