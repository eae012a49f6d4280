// The 2-2-2 worked example of file 000 trained on, as in M. Mazur's published walkthrough (whose
// numbers the example uses): after 10,000 updates of the weights alone (the walkthrough never
// updates the biases) the error it reports, 0.0000351085, is the one measured in the 10,000th
// forward pass. Notebook 05 draws this curve.
import { describe, expect, it } from "vitest";
import { cost, networkFromThetas, train } from "../lib";

const net = networkFromThetas([[[0.35, 0.15, 0.2], [0.35, 0.25, 0.3]], [[0.6, 0.4, 0.45], [0.6, 0.5, 0.55]]]);
const X = [[0.05, 0.1]], Y = [[0.01, 0.99]];

describe("the worked example trained for 10,000 steps", () => {
  it("reaches the walkthrough's error 0.0000351085 with the biases frozen", () => {
    const r = train(net, X, Y, { loss: "halfSquared", learningRate: { weights: 0.5, biases: 0 }, epochs: 10000, seed: 1 });
    expect(r.history[0].trainCost).toBeCloseTo(0.298371109, 9);
    expect(Math.abs(r.history[9999].trainCost - 0.0000351085)).toBeLessThan(5e-11);
  });

  it("goes lower when the biases learn too", () => {
    const frozen = train(net, X, Y, { loss: "halfSquared", learningRate: { weights: 0.5, biases: 0 }, epochs: 10000, seed: 1 });
    const both = train(net, X, Y, { loss: "halfSquared", learningRate: 0.5, epochs: 10000, seed: 1 });
    const J = (n: typeof net) => cost(n, X, Y, { loss: "halfSquared" }).total;
    expect(J(both.network)).toBeLessThan(J(frozen.network) / 5);
  });
});
