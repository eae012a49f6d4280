// The payoff of notebooks 07, 09 and 10, as a student gets it: in a copy of the course whose
// exercises/ hold the reference solutions, 07 draws the student's predicted spread over the measured
// one, XOR (09) and handwritten digits (10) are trained by the student's own forwardTheta,
// regularizedCrossEntropy, backpropGradients, sgdStep and trainEpoch, and the digits network reaches
// at least 90% on held-out digits. With the kit's stubs the same cells say which
// functions they wait for, run nothing, and the notebooks still run to the end. Numbers are read
// from what the cells print.
import { afterAll, describe, expect, it } from "vitest";
import { courseCopy, type CourseCopy, type NotebookRun } from "./support/course-copy";

const cellShowing = (run: NotebookRun, text: string) => {
  const cell = run.cells.find((c) => c.output.includes(text));
  if (!cell) throw new Error(`no cell of ${run.notebook} shows ${JSON.stringify(text)}`);
  return cell;
};
/** The functions a cell's useOwn lines say it uses ("Using your <code>f</code>, <code>g</code> from ..."). */
const usesOwn = (output: string): string[] =>
  [...output.matchAll(/<div class="mlp-own" data-ready="true"[^>]*>Using your (.*?) from /g)].flatMap((m) => [...m[1].matchAll(/<code>(\w+)<\/code>/g)].map((c) => c[1]));
/** The cells of every row of the HTML tables in a cell's output. */
const tableRows = (output: string): string[][] =>
  [...output.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1].trim()));
const number = (text: string, pattern: RegExp): number => {
  const m = pattern.exec(text);
  if (!m) throw new Error(`${pattern} not found in the cell's output`);
  return Number(m[1]);
};

describe("training with the student's own functions", () => {
  const copies: CourseCopy[] = [];
  afterAll(() => copies.forEach((c) => c.remove()));

  describe("with the reference solutions in exercises/", () => {
    const solved = () => {
      if (copies.length === 0) copies.push(courseCopy({ exercises: "solutions" }));
      return copies[0];
    };

    it("07 draws the student's predicted spread over the measured one: the ReLU model within a factor of 2 for every scheme, the linear one only for small weights", async () => {
      const run = await solved().runNotebook("07-initialization.ipynb");
      expect(run.problems).toEqual([]);
      const own = cellShowing(run, "your ReLU prediction").output;
      expect(usesOwn(own)).toEqual(["predictedSpread"]);
      const rows = tableRows(own).filter((r) => r.length === 7 && !/scheme/.test(r[0]));
      expect(rows.map((r) => r[0])).toEqual(["N(0, 0.01²) (file 004)", "U[−0.12, 0.12] (file 001)", "N(0, 1) (file 002)", "Xavier uniform", "He"]);
      // The ReLU model within a factor of 2 for every scheme; the linear model right for small weights only.
      for (const r of rows) {
        expect(Number(r[6]), `${r[0]}: ReLU prediction / measured`).toBeGreaterThan(0.5);
        expect(Number(r[6]), `${r[0]}: ReLU prediction / measured`).toBeLessThan(2);
      }
      expect(Math.abs(Number(rows[0][3]) - 1), "tanh with N(0, 0.01²): linear prediction / measured").toBeLessThan(0.2);
      expect(Number(rows[2][3]), "tanh with N(0, 1): linear prediction / measured").toBeGreaterThan(1e8);
    }, 900_000);

    it("09 trains XOR with them, and the student's predictions agree with the runs", async () => {
      const run = await solved().runNotebook("09-training.ipynb");
      expect(run.problems).toEqual([]);
      const xor = cellShowing(run, "XOR with your own functions").output;
      expect(usesOwn(xor)).toEqual(["forwardTheta", "regularizedCrossEntropy", "backpropGradients", "sgdStep"]);
      expect(/XOR learned \(every output on the right side of 0\.5: true\)/.test(xor), "XOR learned").toBe(true);
      const start = number(xor, /cost ([\d.]+) at the start/), end = number(xor, /, ([\d.]+) after 2000 steps/);
      expect(end).toBeLessThan(0.05);
      expect(start).toBeGreaterThan(0.6);
      // firstDivergingRate and earlyStoppingEpoch, run on the notebook's own runs, give what the runs show.
      const own = cellShowing(run, "first diverging rate on the bowl").output;
      const body = tableRows(own).filter((r) => r.length === 3 && !/question/.test(r[0]));
      expect(body.length).toBe(3);
      expect(body[0][1]).toBe("0.21");
      expect(body[0][2]).toMatch(/^0\.21 /);
      for (const r of body.slice(1)) expect(r[1], r[0]).toBe(r[2]);
    }, 900_000);

    it("10 trains digits with them to at least 90% on held-out digits", async () => {
      const run = await solved().runNotebook("10-multiclass-digits.ipynb");
      expect(run.problems).toEqual([]);
      const digits = cellShowing(run, "held-out digits with your own code").output;
      expect(usesOwn(digits)).toEqual(["forwardTheta", "regularizedCrossEntropy", "backpropGradients", "sgdStep", "trainEpoch", "predictClasses"]);
      const correct = number(digits, /held-out digits with your own code: (\d+) of 1000/);
      expect(correct).toBeGreaterThanOrEqual(900);
      // The student's softmaxBackward (notebook 05) on section 2's example: h - y for the cross-entropy, J^T (h - y) for the squared error.
      const softmaxRows = tableRows(cellShowing(run, "your softmaxBackward at z").output).filter((r) => r.length === 4 && !/your softmaxBackward/.test(r[0]));
      expect(softmaxRows.map((r) => r.slice(1).map(Number))).toEqual([
        [expect.closeTo(-0.91, 3), expect.closeTo(0.2447, 4), expect.closeTo(0.6652, 4)],
        [expect.closeTo(-0.1198, 4), expect.closeTo(-0.04302, 5), expect.closeTo(0.1628, 4)],
      ]);
    }, 900_000);
  });

  it("with the kit's stubs the own-code cells say what they wait for, run nothing, and the notebooks run to the end", async () => {
    const stubs = courseCopy({ exercises: "stubs" });
    copies.push(stubs);
    // 09: its own predictions and XOR; 10: softmaxBackward on section 2's example and the digits.
    for (const [name, ownCells] of [["09-training.ipynb", 2], ["10-multiclass-digits.ipynb", 2]] as const) {
      const run = await stubs.runNotebook(name);
      expect(run.problems, name).toEqual([]);
      const waiting = run.cells.filter((c) => c.output.includes("This cell runs your own code and waits for"));
      expect(waiting.length, name).toBe(ownCells);
      for (const c of waiting) {
        expect(c.output.includes("Nothing else ran."), `${name} cell ${c.cell}`).toBe(true);
        expect(c.output.includes("mlp-chart"), `${name} cell ${c.cell} drew a chart`).toBe(false);
      }
    }
  }, 900_000);
});
