// The exercise-check helpers: messages a student can act on (values without float noise, where
// they differ, the known mistake by name), failures that never crash a check cell, shortcut
// detection, and reports that never claim more than the public checks show.
import { describe, expect, it } from "vitest";
import {
  CheckFailure, defineExercises, exerciseReportText, expectClose, expectEqual, expectMatrix,
  expectValues, findShortcuts, runExercises,
} from "../lib/exercise";
import { exerciseReportHtml } from "../lib/notebook/check-report";
import { matrix } from "../lib/matrix";
import { sigmoidPrime } from "../lib";

const failure = (f: () => void): CheckFailure => {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckFailure) return e;
    throw e;
  }
  throw new Error("expected a CheckFailure");
};

describe("expectations", () => {
  it("print values with 12 significant digits: 0.1 + 0.01 shows as 0.11, not 0.10999999999999996", () => {
    expect(failure(() => expectClose(0.7 - 0.03 - 0.16 + 0.3 - 0.7, 0.81)).message).toBe("expected 0.81, got 0.11");
  });

  it("accept values within a relative tolerance and reject others", () => {
    expect(() => expectClose(0.1 + 0.2, 0.3)).not.toThrow();
    expect(() => expectClose(1e6 + 1e-4, 1e6)).not.toThrow(); // 1e-10 relative
    expect(() => expectClose(1.001, 1, 1e-2)).not.toThrow();
    expect(() => expectClose(1.1, 1, 1e-2)).toThrow("expected 1, got 1.1");
  });

  it("name the known mistake the wrong value matches", () => {
    const f = failure(() => expectClose(0.11, 0.81, { mistakes: [{ name: "the bias is left out", value: 0.11 }] }));
    expect(f.message).toBe("expected 0.81, got 0.11\nLikely mistake: the bias is left out.");
    expect(f.mistake).toBe("the bias is left out");
  });

  it("recognise a transposed matrix and a flipped sign without being told", () => {
    expect(failure(() => expectMatrix([[1, 4], [2, 5], [3, 6]], [[1, 2, 3], [4, 5, 6]])).mistake).toBe("the result is transposed (rows and columns swapped)");
    expect(failure(() => expectValues([-0.5, 0.25], [0.5, -0.25])).mistake).toContain("the sign is flipped");
  });

  it("say where lists differ, and describe shapes, NaN and non-numbers", () => {
    expect(failure(() => expectValues([1, 2, 3.5], [1, 2, 3])).message).toBe("expected [1, 2, 3], got [1, 2, 3.5] (first difference at [2]: expected 3, got 3.5)");
    expect(failure(() => expectMatrix(matrix(1, 2, Float64Array.from([1, 2])), [[1, 2], [3, 4]])).message).toBe(
      "expected a 2x2 matrix [[1, 2], [3, 4]], got a 1x2 matrix [[1, 2]]",
    );
    expect(failure(() => expectValues([1, NaN], [1, 2])).message).toContain("it contains NaN");
    expect(failure(() => expectClose(undefined, 1)).message).toBe("expected a number 1, got undefined (did the function return its result?)");
    expect(failure(() => expectClose("1", 1)).message).toContain('the string "1"');
  });

  it("compare labels exactly, typed arrays as lists", () => {
    expect(() => expectEqual(Int32Array.from([0, 1]), [0, 1])).not.toThrow();
    expect(failure(() => expectEqual([1, 1], [0, 1], [{ name: "classes swapped", value: [1, 1] }])).message).toBe(
      "expected [0,1], got [1,1]\nLikely mistake: classes swapped.",
    );
  });
});

describe("running checks", () => {
  type One = { f: (x: number) => number };
  const one = defineExercises<One>("05-one", { f: { cases: (f) => [{ name: "f(1) = 2", run: () => expectClose(f(1), 2) }] } });
  const messageFor = (f: (x: number) => number) => runExercises(one, { f })[0].cases[0];

  it("turns a wrong value and every kind of thrown value into a failed case with a message, never a pass", () => {
    expect(messageFor(() => 0.5).message).toBe("expected 2, got 0.5");
    const getterBomb = { get x(): number { throw new Error("gotcha"); } };
    const thrown: [unknown, string][] = [
      [null, "your function threw a null value, not an Error: null"],
      [undefined, "your function threw an undefined value, not an Error: undefined"],
      ["boom", 'your function threw a string value, not an Error: "boom"'],
      [42, "your function threw a number value, not an Error: 42"],
      [{ code: 7 }, 'your function threw an object value, not an Error: {"code":7}'],
      [getterBomb, "your function threw an object value, not an Error: (a value that cannot be shown)"],
      [new Error("not implemented yet"), "not implemented yet"],
      [new TypeError("x is not a function"), "TypeError: x is not a function"],
    ];
    for (const [value, message] of thrown) {
      const c = messageFor(() => { throw value; });
      expect(c.passed, message).toBe(false);
      expect(c.message).toBe(message);
    }
    // An Error whose message getter throws is still read safely.
    const sly = new Error("x");
    Object.defineProperty(sly, "message", { get() { throw new Error("no"); } });
    expect(messageFor(() => { throw sly; }).message).toBe("(a message that cannot be read)");
  });

  it("tells a check that cannot use the result from a thrown value", () => {
    const set = defineExercises<One>("05-two", { f: { cases: (f) => [{ name: "f(1)[0]", run: () => expectClose((f(1) as unknown as number[])[0].toFixed(1), 2) }] } });
    expect(runExercises(set, { f: () => 3 })[0].cases[0].message).toMatch(/^the check could not use the result \(Cannot read properties of undefined/);
  });

  type Fns = { gradient: (z: number) => number; double: (x: number) => number };
  const set = defineExercises<Fns>("05-demo", {
    gradient: { forbidden: ["sigmoidPrime"], cases: (f) => [{ name: "g'(0) = 0.25", run: () => expectClose(f(0), 0.25) }] },
    double: { cases: (f) => [{ name: "double(2) = 4", run: () => expectClose(f(2), 4) }] },
  });

  it("report a missing export, and flag a function that is the library's own (from the source)", () => {
    const source = `export { sigmoidPrime as gradient } from "../lib";\n`;
    const [gradient, double] = runExercises(set, { gradient: sigmoidPrime }, { source });
    expect(gradient.passed).toBe(false);
    expect(gradient.cases.map((c) => c.passed)).toEqual([true, false]);
    expect(gradient.cases[1].message).toBe(`re-exports sigmoidPrime from "../lib": gradient must be written without the library's sigmoidPrime`);
    expect(double.cases[0].message).toBe("exercises/05-demo.ts has no export named double (renamed, deleted, or not exported?)");
    expect(runExercises(set, { gradient: 1, Double: () => 4 })[1].cases[0].message).toBe("exercises/05-demo.ts has no export named double (did you mean to rename Double?)");
    expect(runExercises(set, { gradient: 1 })[0].cases[0].message).toBe("gradient in exercises/05-demo.ts is a number, not a function");
  });

  it("summarise as 'public checks passed ... hidden tests run at grading', never 'all tests passed'", () => {
    const results = runExercises(set, { gradient: (z: number) => 0.25 * Math.exp(-z * z), double: (x: number) => 2 * x });
    const html = exerciseReportHtml("exercises/05-demo.ts", results);
    expect(html).toContain("public checks passed for all 2 exercises; hidden tests run at grading");
    expect(html).toContain('data-passed="true"');
    expect(html).not.toMatch(/all tests passed/i);
    const text = exerciseReportText("exercises/05-demo.ts", runExercises(set, { double: (x: number) => x + 1 }));
    expect(text).toContain("public checks: 0 of 2 exercises passed");
    expect(text).toContain("expected 4, got 3");
  });

  it("show an exercise not started yet as one line, not one 'not implemented yet' per check", () => {
    const stub = () => { throw new Error("not implemented yet: write double in exercises/05-demo.ts"); };
    const results = runExercises(set, { gradient: stub, double: stub });
    const text = exerciseReportText("exercises/05-demo.ts", results);
    expect(text).toContain("✘ double: not implemented yet: write double in exercises/05-demo.ts (1 check waiting)");
    expect(text.match(/not implemented yet/g)?.length).toBe(2);
    expect(exerciseReportHtml("f", results).match(/not implemented yet/g)?.length).toBe(2);
  });
});

describe("shortcut detection", () => {
  const forbidden = { gradient: ["sigmoidPrime"], softmaxRow: ["softmax"] };
  it("flags value imports of forbidden library names, per exercise, under any alias", () => {
    expect(findShortcuts(`import { sigmoidPrime as sp, matrix } from "../lib";`, forbidden)).toEqual([
      { exercise: "gradient", message: 'imports sigmoidPrime from "../lib": gradient must be written without the library\'s sigmoidPrime' },
    ]);
    expect(findShortcuts(`import * as L from "../lib/activations";\nexport const gradient = (z: number) => L.sigmoidPrime(z);`, forbidden)[0].exercise).toBe("gradient");
    expect(findShortcuts(`export { softmax as softmaxRow } from "../lib";`, forbidden)[0].exercise).toBe("softmaxRow");
  });

  it("ignores type-only imports, types, allowed helpers, Node's built-ins and packages, comments and strings", () => {
    const source = [
      `import type { Matrix } from "../lib";`,
      `import { matrix, type Vector } from "../lib";`,
      `// import { sigmoidPrime } from "../lib";`,
      `const hint = "import { softmax } from '../lib'";`,
      `const template = \`require("../lib") and import("../lib")\`;`,
      `export function f(rng: import("../lib").Random): typeof import("../lib").sigmoidPrime { return null as never; }`,
      `const assert = require("node:assert");`,
      `import * as math from "mathjs";`,
      `const later = import("node:fs");`,
    ].join("\n");
    expect(findShortcuts(source, forbidden)).toEqual([]);
  });

  it("flags require(), dynamic import(), namespace indexing and the solutions folder for every exercise", () => {
    const messages = (s: string) => findShortcuts(s, forbidden).map((x) => `${x.exercise}: ${x.message}`);
    expect(messages(`const lib = require("../lib");`)).toEqual(['*: loads "../lib" with require(): use an import statement for course files, so the checks can see what you use']);
    expect(messages(`const f = require; f("../lib");`)).toEqual(["*: uses require without calling it: use import statements, so the checks can see what you use"]);
    expect(messages(`const m = require(name);`)[0]).toContain("loads a module by a computed name with require()");
    expect(messages(`const lib = await import("../lib");`)[0]).toContain("dynamic import()");
    expect(messages(`import * as L from "../lib";\nconst f = L["sigmoid" + "Prime"];`)[0]).toContain("indexes the library namespace");
    expect(messages(`import { gradient } from "../solutions/05-demo";`)[0]).toContain("may not use the reference solutions");
  });
});

describe("ownCode: the student's functions for cells that build on them", () => {
  it("gives the functions only when they pass their public checks, else which one is missing and why", async () => {
    const { ownCode } = await import("../lib/exercise");
    const { checks } = await import("../exercises/checks/00-welcome");
    const solution = await import("../solutions/00-welcome");
    const ready = ownCode(checks, solution, ["neuronInput"]);
    expect(ready.missing).toEqual([]);
    expect(ready.functions?.neuronInput([2], 1, [3])).toBe(7);

    const stub = { neuronInput: () => { throw new Error("not implemented yet: write neuronInput in exercises/00-welcome.ts"); } };
    const waiting = ownCode(checks, stub, ["neuronInput"]);
    expect(waiting).toMatchObject({ functions: null, missing: [{ name: "neuronInput", file: "exercises/00-welcome.ts", why: "not implemented yet: write neuronInput in exercises/00-welcome.ts" }] });

    const noBias = { neuronInput: (w: number[], _b: number, x: number[]) => w.reduce((s, wi, i) => s + wi * x[i], 0) };
    const wrong = ownCode(checks, noBias, ["neuronInput"]);
    expect(wrong.functions).toBeNull();
    expect(wrong.missing[0].why).toContain("Likely mistake: the bias is left out");
    expect(() => ownCode(checks, solution, ["neuronInputs" as "neuronInput"])).toThrow("ownCode: neuronInputs is not an exercise of 00-welcome");
  });
});
