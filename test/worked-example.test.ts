/**
 * The 2-2-2 sigmoid network worked example of lecture file 000: x = (0.05, 0.1), y = (0.01, 0.99),
 * J = 1/2 (a1 - y1)^2 + 1/2 (a2 - y2)^2, alpha = 0.5, and
 *   Theta(1)[0] = [[0.15, 0.25, 0.35], [0.20, 0.30, 0.35]],  Theta(2)[0] = [[0.40, 0.50, 0.6], [0.45, 0.55, 0.6]].
 *
 * Which layout do the notes mean? The slide's figure is missing. Read literally in the notes' own
 * convention (Theta is s_{l+1} x (s_l + 1) with the bias in column 0), unit 1 of layer 2 would have
 * bias 0.15 and weights 0.25, 0.35. But every number of the example (inputs, targets, weights, alpha)
 * is that of a widely published walkthrough (M. Mazur, "A Step by Step Backpropagation Example")
 * in which the last column is one shared bias per layer (0.35, then 0.6: equal in both rows, as a
 * per-layer bias would be) and row r lists the weights leaving input r: h1 = g(0.15 x1 + 0.20 x2 + 0.35).
 * We take that as the intended reading ("reading B") and check the library against (1) the
 * walkthrough's published 9-digit values and (2) an independent 64-digit BigNumber computation
 * written out scalar by scalar below. The literal reading ("reading A") is checked against the same
 * independent computation, so whichever a student uses, the numbers are right.
 */
import { all, create, BigNumber } from "mathjs";
import { describe, expect, it } from "vitest";
import { backprop, backpropPerExample, gradientStep, networkFromThetas, toArray, toThetas } from "../lib";

const math = create(all, { number: "BigNumber", precision: 64 });
type B = BigNumber;
const bn = (x: number | string): B => math.bignumber(x);
const add = (...xs: B[]): B => xs.reduce((s, x) => math.add(s, x) as B, bn(0));
const mul = (...xs: B[]): B => xs.reduce((s, x) => math.multiply(s, x) as B, bn(1));
const sub = (a: B, b: B): B => math.subtract(a, b) as B;
const sigma = (z: B): B => math.divide(bn(1), add(bn(1), math.exp(math.unaryMinus(z)) as B)) as B;

/** One unit: bias and the weights from the layer below. */
interface Unit { bias: string; w: [string, string] }

/**
 * The whole example by hand, in BigNumber: forward pass, error, chain rule for each weight and bias,
 * and one gradient step. Nothing here uses the library.
 */
function byHand(hidden: [Unit, Unit], output: [Unit, Unit]) {
  const x = [bn("0.05"), bn("0.1")];
  const y = [bn("0.01"), bn("0.99")];
  const alpha = bn("0.5");
  const zH = hidden.map((u) => add(bn(u.bias), mul(bn(u.w[0]), x[0]), mul(bn(u.w[1]), x[1])));
  const aH = zH.map(sigma);
  const zO = output.map((u) => add(bn(u.bias), mul(bn(u.w[0]), aH[0]), mul(bn(u.w[1]), aH[1])));
  const aO = zO.map(sigma);
  const half = bn("0.5");
  const E = add(mul(half, sub(aO[0], y[0]), sub(aO[0], y[0])), mul(half, sub(aO[1], y[1]), sub(aO[1], y[1])));
  // dE/dz_o = (a_o - y) a_o (1 - a_o)
  const dO = aO.map((a, k) => mul(sub(a, y[k]), a, sub(bn(1), a)));
  // dE/dz_h = (sum_o dE/dz_o * w_{o,h}) a_h (1 - a_h)
  const dH = aH.map((a, h) => mul(add(mul(dO[0], bn(output[0].w[h])), mul(dO[1], bn(output[1].w[h]))), a, sub(bn(1), a)));
  const gradOutW = dO.map((d) => aH.map((a) => mul(d, a)));
  const gradHidW = dH.map((d) => x.map((xi) => mul(d, xi)));
  const step = (w: string, g: B): B => sub(bn(w), mul(alpha, g));
  return {
    aH, aO, E, dO, dH, gradOutW, gradHidW, gradOutB: dO, gradHidB: dH,
    newHidden: hidden.map((u, h) => ({ bias: step(u.bias, dH[h]), w: u.w.map((w, j) => step(w, gradHidW[h][j])) })),
    newOutput: output.map((u, o) => ({ bias: step(u.bias, dO[o]), w: u.w.map((w, j) => step(w, gradOutW[o][j])) })),
  };
}

const close = (actual: number, expected: B, tol = 1e-15) => expect(Math.abs(actual - math.number(expected))).toBeLessThan(tol);

/** Builds the library's network (Theta form, bias in column 0) for given units. */
function libraryNetwork(hidden: [Unit, Unit], output: [Unit, Unit]) {
  const theta = (units: [Unit, Unit]) => units.map((u) => [Number(u.bias), Number(u.w[0]), Number(u.w[1])]);
  return networkFromThetas([theta(hidden), theta(output)], { hidden: "sigmoid", output: "sigmoid" });
}

function checkAgainstHand(hidden: [Unit, Unit], output: [Unit, Unit]) {
  const hand = byHand(hidden, output);
  const net = libraryNetwork(hidden, output);
  const r = backprop(net, [[0.05, 0.1]], [[0.01, 0.99]], { loss: "halfSquared" });
  [0, 1].forEach((k) => close(r.trace.a[1].data[k], hand.aH[k]));
  [0, 1].forEach((k) => close(r.trace.a[2].data[k], hand.aO[k]));
  close(r.cost.total, hand.E);
  [0, 1].forEach((k) => close(r.deltas[1].data[k], hand.dO[k]));
  [0, 1].forEach((k) => close(r.deltas[0].data[k], hand.dH[k]));
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      close(r.gradients.W[1].data[i * 2 + j], hand.gradOutW[i][j]);
      close(r.gradients.W[0].data[i * 2 + j], hand.gradHidW[i][j]);
    }
    close(r.gradients.b[1][i], hand.gradOutB[i]);
    close(r.gradients.b[0][i], hand.gradHidB[i]);
  }
  const next = toThetas(gradientStep(net, r.gradients, 0.5)).map(toArray);
  for (let i = 0; i < 2; i++) {
    close(next[0][i][0], hand.newHidden[i].bias);
    close(next[1][i][0], hand.newOutput[i].bias);
    for (let j = 0; j < 2; j++) {
      close(next[0][i][j + 1], hand.newHidden[i].w[j]);
      close(next[1][i][j + 1], hand.newOutput[i].w[j]);
    }
  }
  return { net, r, next };
}

// Reading B (intended): rows of the notes' matrices are source units, the last column the layer's bias.
const hiddenB: [Unit, Unit] = [{ bias: "0.35", w: ["0.15", "0.20"] }, { bias: "0.35", w: ["0.25", "0.30"] }];
const outputB: [Unit, Unit] = [{ bias: "0.6", w: ["0.40", "0.45"] }, { bias: "0.6", w: ["0.50", "0.55"] }];
// Reading A (literal): each row is a destination unit with its bias in column 0.
const hiddenA: [Unit, Unit] = [{ bias: "0.15", w: ["0.25", "0.35"] }, { bias: "0.20", w: ["0.30", "0.35"] }];
const outputA: [Unit, Unit] = [{ bias: "0.40", w: ["0.50", "0.6"] }, { bias: "0.45", w: ["0.55", "0.6"] }];

describe("the 2-2-2 worked example of file 000, reading B (the intended one)", () => {
  it("matches an independent 64-digit computation: activations, error, deltas, gradients, updated weights", () => {
    checkAgainstHand(hiddenB, outputB);
  });

  it("matches the published walkthrough's numbers", () => {
    const { r, next } = checkAgainstHand(hiddenB, outputB);
    const a = (x: number, published: number) => expect(Math.abs(x - published)).toBeLessThan(6e-9);
    a(r.trace.a[1].data[0], 0.593269992); // out_h1
    a(r.trace.a[1].data[1], 0.596884378); // out_h2
    a(r.trace.a[2].data[0], 0.75136507); // out_o1
    a(r.trace.a[2].data[1], 0.772928465); // out_o2
    a(r.cost.total, 0.298371109); // E_total
    a(r.gradients.W[1].data[0], 0.082167041); // dE/dw5
    a(r.gradients.W[0].data[0], 0.000438568); // dE/dw1
    // The walkthrough's updated weights w5..w8 (output layer) and w1..w4 (hidden layer).
    a(next[1][0][1], 0.35891648); a(next[1][0][2], 0.408666186);
    a(next[1][1][1], 0.511301270); a(next[1][1][2], 0.561370121);
    a(next[0][0][1], 0.149780716); a(next[0][0][2], 0.19956143);
    a(next[0][1][1], 0.24975114); a(next[0][1][2], 0.29950229);
  });

  it("gives the same D from the notes' per-example algorithm, in the Theta layout", () => {
    const net = libraryNetwork(hiddenB, outputB);
    const hand = byHand(hiddenB, outputB);
    const pe = backpropPerExample(net, [[0.05, 0.1]], [[0.01, 0.99]], { loss: "halfSquared" });
    const D = pe.D.map(toArray);
    for (let i = 0; i < 2; i++) {
      close(D[1][i][0], hand.gradOutB[i]);
      close(D[0][i][0], hand.gradHidB[i]);
      for (let j = 0; j < 2; j++) {
        close(D[1][i][j + 1], hand.gradOutW[i][j]);
        close(D[0][i][j + 1], hand.gradHidW[i][j]);
      }
    }
  });
});

describe("the 2-2-2 worked example, reading A (the literal Theta layout)", () => {
  it("matches an independent 64-digit computation as well", () => {
    const { r } = checkAgainstHand(hiddenA, outputA);
    // The two readings are different networks, so their errors differ: the layout matters.
    expect(Math.abs(r.cost.total - 0.298371109)).toBeGreaterThan(1e-3);
  });
});
