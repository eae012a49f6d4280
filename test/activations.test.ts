import { describe, expect, it } from "vitest";
import {
  ACTIVATION_NAMES, ActivationSpec, InputError, activation, createRandom, elu, eluPrime, identity, identityPrime,
  leakyRelu, leakyReluPrime, matrix, relu, reluPrime, sigmoid, sigmoidPrime, softmax, softmaxJacobian, softmaxJvp,
  step, stepPrime, tanh, tanhPrime,
} from "../lib";

/** Central difference, for comparing derivatives with the functions they differentiate. */
const numeric = (f: (z: number) => number, z: number, h = 1e-6) => (f(z + h) - f(z - h)) / (2 * h);
// Points away from the kink at 0, where one-sided formulas apply.
const POINTS = [-7.3, -2.1, -0.6, -0.013, 0.013, 0.4, 1.7, 5.2];

describe("scalar activations", () => {
  it("take known values", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15); // 1 / (1 + 1/3)
    expect(sigmoidPrime(0)).toBe(0.25);
    expect(tanh(Math.log(2))).toBeCloseTo(0.6, 15); // (2 - 1/2) / (2 + 1/2)
    expect(tanhPrime(0)).toBe(1);
    expect([relu(-2), relu(3)]).toEqual([0, 3]);
    expect([leakyRelu(-2), leakyRelu(3)]).toEqual([-0.2, 3]); // the notes' max(0.1x, x)
    expect(leakyRelu(-2, 0.01)).toBeCloseTo(-0.02, 15);
    expect(elu(-1, 2)).toBeCloseTo(2 * (Math.exp(-1) - 1), 15);
    expect(elu(2.5, 2)).toBe(2.5);
    expect([step(-0.001), step(0), step(4)]).toEqual([0, 1, 1]); // file 003: 1 if z >= 0
    expect(identity(-3.5)).toBe(-3.5);
  });

  it("have derivatives that match finite differences", () => {
    const pairs: [string, (z: number) => number, (z: number) => number][] = [
      ["sigmoid", sigmoid, sigmoidPrime], ["tanh", tanh, tanhPrime], ["relu", relu, reluPrime],
      ["leakyRelu", (z) => leakyRelu(z, 0.1), (z) => leakyReluPrime(z, 0.1)],
      ["elu", (z) => elu(z, 1.5), (z) => eluPrime(z, 1.5)], ["identity", identity, identityPrime], ["step", step, stepPrime],
    ];
    for (const [, f, df] of pairs) for (const z of POINTS) expect(df(z)).toBeCloseTo(numeric(f, z), 8);
  });

  it("use the subgradient conventions at the kink: relu'(0) = 0, leakyRelu'(0) = slope, elu'(0) = 1", () => {
    expect(reluPrime(0)).toBe(0);
    expect(leakyReluPrime(0, 0.1)).toBe(0.1);
    expect(eluPrime(0, 2)).toBe(1);
  });

  it("keep the sigmoid finite and precise for |z| > 700", () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    // 1 / (1 + e^710) overflows to 1 / Infinity = 0; the stable form keeps e^-710 ~ 4.5e-309.
    expect(sigmoid(-710)).toBeGreaterThan(0);
    expect(sigmoid(-710) / Math.exp(-710)).toBeCloseTo(1, 12);
    expect(sigmoidPrime(-750)).toBe(0);
    expect(Number.isNaN(sigmoidPrime(750))).toBe(false);
  });
});

describe("softmax", () => {
  it("gives known probabilities and sums to one", () => {
    const s = softmax([0, Math.log(2), Math.log(3)]); // e^z = 1, 2, 3
    expect(s[0]).toBeCloseTo(1 / 6, 15);
    expect(s[1]).toBeCloseTo(2 / 6, 15);
    expect(s[2]).toBeCloseTo(3 / 6, 15);
  });

  it("is stable for large inputs: softmax(z + 1000) = softmax(z)", () => {
    const big = softmax([1000, 1001, 1002]);
    const small = softmax([0, 1, 2]);
    big.forEach((v, k) => expect(v).toBeCloseTo(small[k], 15));
    expect(softmax([-1000, 0])[0]).toBe(0);
  });

  it("has the Jacobian diag(s) - s s^T, whose product with v matches finite differences", () => {
    const z = [0.3, -1.2, 2.0, 0.5];
    const v = [1.5, -0.7, 0.2, 3.0];
    const s = softmax(z);
    const J = softmaxJacobian(s);
    const jvp = softmaxJvp(s, v);
    for (let i = 0; i < 4; i++) {
      let row = 0;
      for (let j = 0; j < 4; j++) {
        row += J.data[i * 4 + j] * v[j];
        // dS_i / dz_j by central differences
        const f = (t: number) => softmax(z.map((x, k) => (k === j ? t : x)))[i];
        expect(J.data[i * 4 + j]).toBeCloseTo(numeric(f, z[j]), 9);
      }
      expect(jvp[i]).toBeCloseTo(row, 15);
    }
  });
});

describe("layer activations on a batch", () => {
  const specs: ActivationSpec[] = [
    "step", "identity", "sigmoid", "tanh", "relu", { name: "leakyRelu", slope: 0.2 }, { name: "elu", alpha: 0.7 },
    "softmax", { name: "maxout", pieces: 3 },
  ];

  it("cover every activation name", () => {
    expect(new Set(specs.map((s) => (typeof s === "string" ? s : s.name)))).toEqual(new Set(ACTIVATION_NAMES));
  });

  for (const spec of specs) {
    const act = activation(spec);
    it(`${act.label}: backward(Z, A, dA) equals the transposed Jacobian of forward times dA (finite differences)`, () => {
      const rng = createRandom(11);
      const rows = 3, cols = 6;
      const Z = matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => rng.uniform(-3, 3)));
      const A = act.forward(Z);
      const dA = matrix(A.rows, A.cols, Float64Array.from({ length: A.data.length }, () => rng.uniform(-1, 1)));
      const dZ = act.backward(Z, A, dA);
      // f(Z) = sum(dA .* forward(Z)), so df/dZ must equal backward(Z, A, dA).
      const f = () => act.forward(Z).data.reduce((s, a, k) => s + a * dA.data[k], 0);
      for (let k = 0; k < Z.data.length; k++) {
        const saved = Z.data[k];
        Z.data[k] = saved + 1e-6; const plus = f();
        Z.data[k] = saved - 1e-6; const minus = f();
        Z.data[k] = saved;
        expect(dZ.data[k]).toBeCloseTo((plus - minus) / 2e-6, 7);
      }
    });
  }

  it("maxout outputs the largest of each unit's pieces and routes the gradient to it", () => {
    const act = activation({ name: "maxout", pieces: 2 });
    const Z = matrix(1, 4, Float64Array.from([1, 5, -2, -3]));
    expect([...act.forward(Z).data]).toEqual([5, -2]);
    expect([...act.backward(Z, act.forward(Z), matrix(1, 2, Float64Array.from([7, 9]))).data]).toEqual([0, 7, 9, 0]);
  });

  it("use the notes' parameters by default: leakyRelu slope 0.1, elu alpha 1, maxout 2 pieces", () => {
    expect(activation("leakyRelu").label).toBe("leakyRelu(slope=0.1)");
    expect(activation("elu").label).toBe("elu(alpha=1)");
    expect(activation("maxout").pieces).toBe(2);
  });

  it("reject unknown names and bad parameters with a clear error", () => {
    expect(() => activation("sigmod" as ActivationSpec)).toThrow(InputError);
    expect(() => activation("sigmod" as ActivationSpec)).toThrow(
      'activation: unknown activation "sigmod"; use one of step, identity, sigmoid, tanh, relu, leakyRelu, elu, softmax, maxout',
    );
    expect(() => activation({ name: "leakyRelu", slope: 1.5 })).toThrow("leakyRelu slope must be in [0, 1), got 1.5");
    expect(() => activation({ name: "elu", alpha: -1 })).toThrow("elu alpha must be positive, got -1");
    expect(() => activation({ name: "maxout", pieces: 1 })).toThrow("maxout needs at least 2 pieces, got 1");
    expect(() => activation({ name: "maxout", pieces: 2.5 })).toThrow("maxout pieces must be a positive integer, got 2.5");
    expect(() => activation({ name: "elu", alpha: NaN })).toThrow("elu alpha must be a finite number, got NaN");
  });
});
