import { describe, expect, it } from "vitest";
import { InputError, checkDerivative, differentiate } from "../lib";

describe("differentiate (mathjs), for the chain-rule sections of file 003", () => {
  it("f(g(x)) = 2g^2 - 3g + 1 with g = x^3 + 2x has f' = (4g - 3)(3x^2 + 2)", () => {
    const d = differentiate("2g^2 - 3g + 1", "x", { g: "x^3 + 2x" });
    for (const x of [-1.5, 0, 1, 2.3]) {
      const g = x ** 3 + 2 * x;
      expect(d.evaluate({ x })).toBeCloseTo((4 * g - 3) * (3 * x * x + 2), 10);
    }
    expect(d.evaluate({ x: 1 })).toBe(45); // g(1) = 3: (12 - 3)(5)
    expect(d.tex).toContain("\\cdot");
  });

  it("f(g1, g2) = 2g1^2 - 3 g1 g2 + 1 with g1 = 3x, g2 = x^2 + 2x has f' = -27x^2 (multivariate chain rule)", () => {
    // f = 18x^2 - 9x^3 - 18x^2 + 1 = 1 - 9x^3, so f' = -27x^2
    const d = differentiate("2 g1^2 - 3 g1 g2 + 1", "x", { g1: "3x", g2: "x^2 + 2x" });
    for (const x of [-2, -0.5, 0.7, 3]) expect(d.evaluate({ x })).toBeCloseTo(-27 * x * x, 10);
  });

  it("lets inner functions use each other, and rejects circular definitions", () => {
    expect(differentiate("u^2", "x", { u: "v + 1", v: "3x" }).evaluate({ x: 1 })).toBe(24); // 2(3x + 1) * 3
    expect(() => differentiate("u", "x", { u: "v", v: "u + x" })).toThrow("differentiate: the definition of u refers back to itself (u -> v -> u)");
  });
});

describe("checkDerivative: a hand-derived derivative against mathjs's", () => {
  const f = { expression: "2g^2 - 3g + 1", variable: "x", inner: { g: "x^3 + 2x" } };

  it("accepts the right chain-rule result, written with g or expanded, or as a function", () => {
    expect(checkDerivative({ ...f, candidate: "(4g - 3)(3x^2 + 2)" }).ok).toBe(true);
    expect(checkDerivative({ ...f, candidate: "12x^5 + 32x^3 - 9x^2 + 16x - 6" }).ok).toBe(true);
    expect(checkDerivative({ ...f, candidate: (x: number) => (4 * (x ** 3 + 2 * x) - 3) * (3 * x * x + 2) }).ok).toBe(true);
  });

  it("rejects a derivative that forgot the inner derivative g'(x), and says where", () => {
    const r = checkDerivative({ ...f, candidate: "4g - 3" });
    expect(r.ok).toBe(false);
    const at1 = r.points.find((p) => p.at === 0.7);
    expect(at1?.ok).toBe(false);
    expect(r.expected).toBe("(3 * x ^ 2 + 2) * (4 * (x ^ 3 + 2 x) - 3)");
  });

  it("reports parse errors and unknown symbols clearly", () => {
    expect(() => checkDerivative({ ...f, candidate: "4g -* 3" })).toThrow(InputError);
    expect(() => checkDerivative({ ...f, candidate: "4g -* 3" })).toThrow('checkDerivative: cannot parse candidate "4g -* 3"');
    // mathjs alone would read h as hours; the check names the undefined symbol instead.
    expect(() => checkDerivative({ ...f, candidate: "4h - 3" })).toThrow(
      'checkDerivative: 4 h - 3 uses "h", which is not defined; the variable is "x" (define inner functions with `inner`)',
    );
    expect(checkDerivative({ expression: "sin(x) * e", variable: "x", candidate: "cos(x) * e" }).ok).toBe(true);
    expect(() => differentiate("", "x")).toThrow('differentiate: expression must be a non-empty expression string, got ""');
    expect(() => differentiate("x^2", "2x")).toThrow('differentiate: variable must be a name like "x", got "2x"');
  });
});
