import { MathNode, ParenthesisNode, SymbolNode, derivative, parse } from "mathjs";
import { InputError, describe, requireFiniteNumber } from "./errors";

/**
 * Symbolic help for the chain-rule sections (file 003): differentiate an expression with mathjs,
 * optionally written in terms of inner functions, and check a hand-derived derivative numerically.
 */
export interface Derivative {
  /** The derivative as mathjs prints it, inner functions substituted. */
  readonly expression: string;
  readonly tex: string;
  /** The derivative's value at a point, e.g. evaluate({ x: 1 }). */
  evaluate(scope: Readonly<Record<string, number>>): number;
}

function parseChecked(where: string, what: string, source: unknown): MathNode {
  if (typeof source !== "string" || source.trim() === "") {
    throw new InputError(`${where}: ${what} must be a non-empty expression string, got ${describe(source)}`);
  }
  try {
    return parse(source);
  } catch (e) {
    throw new InputError(`${where}: cannot parse ${what} ${JSON.stringify(source)}: ${(e as Error).message}`);
  }
}

/**
 * Replaces each inner-function name by its definition, e.g. g -> (x^3 + 2x), repeatedly so that
 * definitions may use each other; a definition that refers back to itself is rejected.
 */
function substitute(where: string, node: MathNode, inner: Readonly<Record<string, string>>): MathNode {
  const definitions = new Map<string, MathNode>();
  for (const [name, source] of Object.entries(inner)) definitions.set(name, parseChecked(where, `the definition of ${name}`, source));
  const expand = (n: MathNode, active: readonly string[]): MathNode =>
    n.transform((child: MathNode) => {
      if (!(child instanceof SymbolNode) || !definitions.has(child.name)) return child;
      if (active.includes(child.name)) {
        throw new InputError(`${where}: the definition of ${child.name} refers back to itself (${[...active, child.name].join(" -> ")})`);
      }
      return new ParenthesisNode(expand(definitions.get(child.name) as MathNode, [...active, child.name]));
    });
  return expand(node, []);
}

const CONSTANTS = new Set(["pi", "e", "tau", "phi", "PI", "E", "SQRT2", "SQRT1_2", "LN2", "LN10", "LOG2E", "LOG10E"]);

/**
 * Compiles an expression in the given variables. Free symbols are checked first because mathjs
 * would otherwise read an undefined letter as a unit (h is hours, g is grams, m is meters).
 */
function evaluator(where: string, node: MathNode, variables: readonly string[]): (scope: Readonly<Record<string, number>>) => number {
  const unknown = node
    .filter((n: MathNode, path: string, parent: MathNode | null) =>
      n instanceof SymbolNode && !(path === "fn" && parent?.type === "FunctionNode"))
    .map((n) => (n as SymbolNode).name)
    .filter((name) => !variables.includes(name) && !CONSTANTS.has(name));
  if (unknown.length > 0) {
    throw new InputError(
      `${where}: ${node.toString()} uses ${unknown.map((s) => JSON.stringify(s)).join(", ")}, which is not defined; ` +
        `the variable is ${variables.map((v) => JSON.stringify(v)).join(", ")} (define inner functions with \`inner\`)`,
    );
  }
  const compiled = node.compile();
  return (scope) => {
    let value: unknown;
    try {
      value = compiled.evaluate({ ...scope });
    } catch (e) {
      throw new InputError(`${where}: cannot evaluate ${node.toString()}: ${(e as Error).message}`);
    }
    if (typeof value !== "number") throw new InputError(`${where}: ${node.toString()} did not evaluate to a number`);
    return value;
  };
}

/**
 * d expression / d variable. `inner` defines inner functions used in the expression, as in the notes'
 * f(g(x)) = 2g^2 - 3g + 1 with g = x^3 + 2x: differentiate("2g^2 - 3g + 1", "x", { g: "x^3 + 2x" }).
 */
export function differentiate(expression: string, variable: string, inner: Readonly<Record<string, string>> = {}): Derivative {
  const where = "differentiate";
  if (typeof variable !== "string" || !/^[A-Za-z_][A-Za-z_0-9]*$/.test(variable)) {
    throw new InputError(`${where}: variable must be a name like "x", got ${describe(variable)}`);
  }
  const expanded = substitute(where, parseChecked(where, "expression", expression), inner);
  const d = derivative(expanded, variable);
  return { expression: d.toString(), tex: d.toTex(), evaluate: evaluator(where, d, [variable]) };
}

export interface DerivativeCheckPoint {
  readonly at: number;
  /** mathjs's derivative at this point. */
  readonly expected: number;
  /** The candidate's value at this point. */
  readonly actual: number;
  readonly ok: boolean;
}

export interface DerivativeCheck {
  readonly ok: boolean;
  /** mathjs's derivative, for comparison with the hand-derived one. */
  readonly expected: string;
  readonly points: readonly DerivativeCheckPoint[];
}

export interface DerivativeCheckOptions {
  readonly expression: string;
  readonly variable: string;
  /** Inner functions, as for differentiate; they may also appear in a candidate string. */
  readonly inner?: Readonly<Record<string, string>>;
  /** The hand-derived derivative, as an expression string or a function of the variable. */
  readonly candidate: string | ((x: number) => number);
  /** Where to compare; default -2, -1.3, -0.5, 0, 0.7, 1.5, 2.2 (not only integers, which hide mistakes). */
  readonly points?: readonly number[];
  /** Allowed difference, relative to max(1, |expected|); default 1e-9. */
  readonly tolerance?: number;
}

/** Compares a hand-derived derivative with mathjs's at sample points. */
export function checkDerivative(options: DerivativeCheckOptions): DerivativeCheck {
  const where = "checkDerivative";
  const inner = options.inner ?? {};
  const d = differentiate(options.expression, options.variable, inner);
  const points = options.points ?? [-2, -1.3, -0.5, 0, 0.7, 1.5, 2.2];
  if (!Array.isArray(points) || points.length === 0) throw new InputError(`${where}: points must be a non-empty array of numbers`);
  points.forEach((p, k) => requireFiniteNumber(where, `points[${k}]`, p));
  const tolerance = options.tolerance ?? 1e-9;
  requireFiniteNumber(where, "tolerance", tolerance);
  let candidate: (x: number) => number;
  if (typeof options.candidate === "function") {
    candidate = options.candidate;
  } else {
    const evaluate = evaluator(where, substitute(where, parseChecked(where, "candidate", options.candidate), inner), [options.variable]);
    candidate = (x) => evaluate({ [options.variable]: x });
  }
  const results = points.map((at): DerivativeCheckPoint => {
    const expected = d.evaluate({ [options.variable]: at });
    const actual = candidate(at);
    const ok = typeof actual === "number" && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
    return { at, expected, actual, ok };
  });
  return { ok: results.every((r) => r.ok), expected: d.expression, points: results };
}
