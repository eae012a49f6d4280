// The library's public surface (lib/index.ts) is an explicit list: the course's API, and none of
// the internals a student's autocompletion should not offer.
import { describe, expect, it } from "vitest";
import * as lib from "../lib";

describe("the public API", () => {
  const names = Object.keys(lib).sort();

  it("has no internal names: unchecked paths, argument checkers, kernel implementations", () => {
    expect(names.filter((n) => /Unchecked$|^check[A-Z]|^require[A-Z]|Kernels$|^costOfTrace$|^dataLoss$|^outputDelta$|^penaltyGradient|^countCorrect$|^isClassificationTarget$/.test(n))).toEqual([
      "checkDerivative", "getKernels", "setKernels", // checkDerivative is the symbolic chain-rule check students use
    ]);
  });

  it("offers what the notebooks and exercises use", () => {
    for (const n of ["createNetwork", "forward", "backprop", "train", "gradientStep", "networkFromThetas", "toThetas", "loadDigits", "makeLogicGate", "sigmoid", "softmax", "TrainingDivergedError", "gridSearch", "adagrad", "decisionGrid", "trainPerceptron", "tileImages"]) {
      expect(names, n).toContain(n);
    }
  });

  it("stays a readable size (about 150 values, was about 200 names with types)", () => {
    expect(names.length).toBeLessThan(170);
  });
});

describe("the library's layering", () => {
  it("the lecture's core modules (network, forward, cost, backprop, descent) never import training code", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { ROOT } = await import("./support/course");
    for (const file of ["network", "forward", "cost", "backprop", "descent", "losses", "activations", "kernels"]) {
      const source = fs.readFileSync(path.join(ROOT, "lib", `${file}.ts`), "utf8");
      expect(source, `lib/${file}.ts`).not.toMatch(/from "\.\/train/);
    }
  });
});
