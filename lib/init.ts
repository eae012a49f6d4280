import { InputError, describe, requireFiniteNumber } from "./errors";
import { Random } from "./random";

/**
 * How to fill a weight matrix or a bias vector at the start of training.
 * - zeros, constant: deterministic; all units of a layer stay identical (the symmetry problem)
 * - uniform: U[-epsilon, epsilon] (file 001's random init)
 * - normal: N(0, sd^2) (file 002 uses sd 1, file 004 a small sd such as 0.01)
 * - xavierUniform: U[-r, r] with r = sqrt(6 / (fanIn + fanOut)) (Glorot and Bengio 2010)
 * - xavierNormal: N(0, 2 / (fanIn + fanOut))
 * - he: N(0, 2 / fanIn) (He et al. 2015, for ReLU layers)
 */
export type InitSpec =
  | "zeros"
  | "xavierUniform"
  | "xavierNormal"
  | "he"
  | { readonly name: "constant"; readonly value: number }
  | { readonly name: "uniform"; readonly epsilon: number }
  | { readonly name: "normal"; readonly sd: number };

export const INIT_NAMES = ["zeros", "constant", "uniform", "normal", "xavierUniform", "xavierNormal", "he"] as const;

/** Checks a spec and returns a function that fills n values for a layer with the given fan-in and fan-out. */
export function initializer(where: string, spec: InitSpec): (n: number, fanIn: number, fanOut: number, rng: Random) => Float64Array {
  const name: unknown = typeof spec === "string" ? spec : (spec as { name?: unknown } | null)?.name;
  const param = (key: string): number => {
    const v = typeof spec === "object" && spec !== null ? (spec as unknown as Record<string, unknown>)[key] : undefined;
    requireFiniteNumber(where, `${String(name)} ${key}`, v);
    return v;
  };
  const fill = (f: (rng: Random, fanIn: number, fanOut: number) => number) =>
    (n: number, fanIn: number, fanOut: number, rng: Random) => {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = f(rng, fanIn, fanOut);
      return out;
    };
  switch (name) {
    case "zeros": return (n) => new Float64Array(n);
    case "constant": {
      const value = param("value");
      return (n) => new Float64Array(n).fill(value);
    }
    case "uniform": {
      const eps = param("epsilon");
      if (eps < 0) throw new InputError(`${where}: uniform epsilon must be >= 0, got ${eps}`);
      return fill((rng) => rng.uniform(-eps, eps));
    }
    case "normal": {
      const sd = param("sd");
      if (sd < 0) throw new InputError(`${where}: normal sd must be >= 0, got ${sd}`);
      return fill((rng) => rng.normal(0, sd));
    }
    case "xavierUniform": return fill((rng, fanIn, fanOut) => {
      const r = Math.sqrt(6 / (fanIn + fanOut));
      return rng.uniform(-r, r);
    });
    case "xavierNormal": return fill((rng, fanIn, fanOut) => rng.normal(0, Math.sqrt(2 / (fanIn + fanOut))));
    case "he": return fill((rng, fanIn) => rng.normal(0, Math.sqrt(2 / fanIn)));
    default:
      throw new InputError(`${where}: unknown initializer ${describe(name ?? spec)}; use one of ${INIT_NAMES.join(", ")}`);
  }
}
