// The course kernel (tools/kernel.cjs) driven message by message through jupyter_client
// (tools/kernel_session.py): course-root imports, edits picked up without a restart, the
// watch-timer and stop_on_error fixes, how errors are reported, and what the display functions send.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runPythonTool } from "./support/course";

interface Output {
  type: string;
  name?: string;
  text?: string;
  data?: Record<string, string>;
  display_id?: string | null;
}
interface CellResult {
  status: "ok" | "error" | "abort";
  outputs: Output[];
}
type Step =
  | { execute: { code: string; stop_on_error?: boolean }[] }
  | { write: { path: string; text: string; atomic?: boolean } }
  | { sleep: number };
type StepResult = CellResult[] | { written: string } | { slept: number };

/** Runs the steps in one kernel; `late` holds outputs that arrived after their cell had finished. */
function session(steps: Step[]): Promise<{ results: StepResult[]; late_outputs: Output[] }> {
  return runPythonTool("kernel_session.py", [], { steps });
}

function cells(result: StepResult): CellResult[] {
  if (!Array.isArray(result)) throw new Error("expected an execute step's result");
  return result;
}

const text = (cell: CellResult, stream: "stdout" | "stderr") =>
  cell.outputs.filter((o) => o.type === "stream" && o.name === stream).map((o) => o.text).join("");
const html = (cell: CellResult) => cell.outputs.map((o) => o.data?.["text/html"] ?? "").join("");

describe("the tslab-mlp kernel", () => {
  it("imports ./lib and an exercise with course-root paths, and picks up edits (in place and atomic) without a restart", async () => {
    // A scratch copy of the exercise, so the test never edits the real one.
    const scratch = "test-artifacts/kernel/exercises/00-welcome.ts";
    fs.mkdirSync(path.dirname(path.join(ROOT, scratch)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "exercises", "00-welcome.ts"), path.join(ROOT, scratch));
    const solution = fs.readFileSync(path.join(ROOT, "solutions", "00-welcome.ts"), "utf8");
    const forgotBias = "export function neuronInput(weights: number[], bias: number, inputs: number[]): number {\n  return 0 * bias + weights.reduce((z, w, i) => z + w * inputs[i], 0);\n}\n";
    const checkCell = {
      code: [
        `import * as mine from "./${scratch.replace(/\.ts$/, "")}";`,
        `import { checks } from "./exercises/checks/00-welcome";`,
        `import { checkExercises } from "./lib/notebook";`,
        `checkExercises(checks, mine);`,
      ].join("\n"),
    };
    const { results } = await session([
      { execute: [{ code: `import { sigmoid } from "./lib";\nsigmoid(0)` }] },
      { execute: [checkCell] },
      { write: { path: scratch, text: solution } },
      { execute: [checkCell] },
      { write: { path: scratch, text: forgotBias, atomic: true } },
      { execute: [checkCell] },
    ]);
    const [lib] = cells(results[0]);
    expect(lib.status).toBe("ok");
    expect(text(lib, "stdout").trim()).toBe("0.5");

    const [stub] = cells(results[1]);
    expect(stub.status).toBe("ok"); // the report shows the failure; the cell itself succeeds
    expect(html(stub)).toContain('data-passed="false"');
    expect(html(stub)).toContain("not implemented yet");

    const [solved] = cells(results[3]); // after the in-place edit
    expect(html(solved)).toContain('data-passed="true"');

    const [broken] = cells(results[5]); // after the atomic (write + rename) edit
    expect(html(broken)).toContain('data-passed="false"');
    expect(html(broken)).toContain("expected 0.81, got 0.11"); // no float noise (0.10999999999999996)
    expect(html(broken)).toContain("Likely mistake: the bias is left out");
  });

  it("shows an error as its message and the student's own lines (cell, exercise file), not compiled JavaScript or tslab/node frames", async () => {
    const exercise = "test-artifacts/kernel/exercises/99-errors.ts";
    const source = "export function half(x: number): number {\n  const y: number = x / 2;\n  if (y > 1) {\n    throw new Error(`half: ${y} is too big`);\n  }\n  return y;\n}\n";
    const { results } = await session([
      { write: { path: exercise, text: source } },
      { execute: [{ code: `import { createNetwork, forward } from "./lib";\nconst net = createNetwork({ sizes: [2, 2, 1], seed: 1 });` }] },
      { execute: [{ code: `const rows = [[1, 2, 3]];\nforward(net, rows)`, stop_on_error: false }] },
      { execute: [{ code: `function boom(x: number): number {\n  const y = x * 2;\n  if (y > 3) throw new Error("too big: " + y);\n  return y;\n}\nboom(5)`, stop_on_error: false }] },
      { execute: [{ code: `import { half } from "./${exercise.replace(/\.ts$/, "")}";\nconst h = half(1);\nhalf(8)`, stop_on_error: false }] },
    ]);
    const [library] = cells(results[2]);
    expect(library.status).toBe("error");
    expect(text(library, "stderr").trim()).toBe(
      "InputError: forward: X is 1x3 but the network has 2 inputs; X needs one column per input (2)\n" +
        "    in forward (lib/forward.ts)\n" +
        "    at this cell, line 2: forward(net, rows)",
    );
    const [own] = cells(results[3]);
    expect(text(own, "stderr").trim()).toBe(
      'Error: too big: 10\n    at boom (this cell, line 3): if (y > 3) throw new Error("too big: " + y);\n    at this cell, line 6: boom(5)',
    );
    const [file] = cells(results[4]);
    expect(text(file, "stderr").trim()).toBe(
      "Error: half: 4 is too big\n    at half (test-artifacts/kernel/exercises/99-errors.ts, line 4): throw new Error(`half: ${y} is too big`);\n    at this cell, line 3: half(8)",
    );
    for (const c of [library, own, file]) expect(text(c, "stderr")).not.toMatch(/evalmachine|node:|tslab|\.js:|\^/);
  });

  it("keeps running queued cells after a failing cell sent with stop_on_error=false (raises-exception), and reports errors as stderr plus status error", async () => {
    const { results } = await session([
      // Sent together, as JupyterLab's Run All sends them.
      {
        execute: [
          { code: `throw new Error("expected failure")`, stop_on_error: false },
          { code: `"still running"` },
        ],
      },
      { execute: [{ code: `const n: number = "one";`, stop_on_error: false }] },
      // tslab's normal rule is unchanged: a failure with stop_on_error=true cancels what is queued
      // (and whatever arrives in the next 200 ms, so this comes last).
      { execute: [{ code: `throw new Error("real failure")` }, { code: `"never runs"` }] },
    ]);
    const [failed, next] = cells(results[0]);
    expect(failed.status).toBe("error");
    expect(text(failed, "stderr")).toContain("Error: expected failure");
    expect(failed.outputs.some((o) => o.type === "error")).toBe(false); // tslab sends no error message
    expect(next.status).toBe("ok");
    expect(text(next, "stdout")).toContain("still running");

    const [typeError] = cells(results[1]);
    expect(typeError.status).toBe("error");
    expect(text(typeError, "stderr")).toContain("Type 'string' is not assignable to type 'number'");

    const [stopped, cancelled] = cells(results[2]);
    expect(stopped.status).toBe("error");
    expect(cancelled.status).toBe("abort");
    expect(cancelled.outputs).toEqual([]);
  });

  it("keeps compiling cells after .ts files appear and change next to a folder import (tslab's single watch timer)", async () => {
    const dir = "test-artifacts/kernel/watch";
    fs.rmSync(path.join(ROOT, dir), { recursive: true, force: true });
    fs.mkdirSync(path.join(ROOT, dir, "pkg"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, dir, "pkg", "index.ts"), "export const p = 1;\n");
    const { results, late_outputs: late } = await session([
      { execute: [{ code: `import { p } from "./${dir}/pkg";\np` }] },
      // A new file, then an edit, in the folder where "./pkg" was looked up as pkg.ts first.
      { write: { path: `${dir}/probe.ts`, text: "export const x = 1;\n" } },
      { sleep: 1 },
      { execute: [{ code: "p + 1" }] },
      { write: { path: `${dir}/probe.ts`, text: "export const x = 2;\n" } },
      { write: { path: `${dir}/pkg/index.ts`, text: "export const p = 10;\n" } },
      { sleep: 1 },
      { execute: [{ code: `import { p } from "./${dir}/pkg";\np + 2` }] },
    ]);
    const executed = results.filter((r): r is CellResult[] => Array.isArray(r)).map((r) => r[0]);
    expect(executed.map((c) => c.status)).toEqual(["ok", "ok", "ok"]);
    expect(executed.map((c) => text(c, "stdout").trim())).toEqual(["1", "2", "12"]);
    expect(late.filter((o) => o.type === "stream" && o.name === "stderr")).toEqual([]);
  });

  it("sends charts as small HTML outputs, live charts as in-place updates, tables as HTML and formulas as LaTeX", async () => {
    const { results } = await session([
      {
        execute: [
          {
            code: [
              `import { liveChart, show, table, tex } from "./lib/notebook";`,
              `const xs = Array.from({ length: 100 }, (_, i) => i / 10);`,
              `show({ data: [{ x: xs, y: xs.map(Math.sin), name: "sin" }] });`,
            ].join("\n"),
          },
          {
            code: [
              `async function grow() {`,
              `  const ys: number[] = [];`,
              `  const live = liveChart({ data: [{ y: ys }] }, { intervalMs: 0 });`,
              `  for (let i = 0; i < 5; i++) { ys.push(i * i); live.update({ data: [{ y: ys.slice() }] }); }`,
              `  live.done();`,
              `}`,
              `await grow();`,
            ].join("\n"),
          },
          { code: `table([[0, 0, 0], [1, 1, 0]], { header: ["a", "b", "a AND b"] });\ntex([[1, 2], [3, 4]]);` },
        ],
      },
    ]);
    const [chart, live, tableAndTex] = cells(results[0]);
    expect(chart.status).toBe("ok");
    expect(chart.outputs).toHaveLength(1);
    const chartHtml = chart.outputs[0].data?.["text/html"] ?? "";
    expect(chart.outputs[0].type).toBe("display_data");
    expect(chartHtml).toContain('class="mlp-chart"');
    expect(chartHtml.length).toBeLessThan(20_000);
    expect(chartHtml).not.toContain("maplibre"); // no plotly.js inside
    expect(chartHtml).toContain(JSON.stringify(path.join(ROOT, "node_modules", "plotly.js-dist", "plotly.js")));

    expect(live.status).toBe("ok");
    const [first, ...updates] = live.outputs;
    expect(first.type).toBe("display_data");
    expect(first.display_id).toBeTruthy();
    expect(updates.length).toBeGreaterThanOrEqual(1);
    for (const u of updates) {
      expect(u.type).toBe("update_display_data");
      expect(u.display_id).toBe(first.display_id);
    }
    expect(updates[updates.length - 1].data?.["text/html"]).toContain('"y":[0,1,4,9,16]');

    expect(tableAndTex.outputs.map((o) => Object.keys(o.data ?? {}))).toEqual([["text/html"], ["text/latex"]]);
    expect(tableAndTex.outputs[0].data?.["text/html"]).toContain("<th style=\"text-align:right\">a AND b</th>");
    expect(tableAndTex.outputs[1].data?.["text/latex"]).toBe("$$\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$$");
  });

  it("draws a live loss curve from train's onEpoch callback, one in-place update per epoch while training runs", async () => {
    const { results } = await session([
      {
        execute: [
          {
            code: [
              `import { createNetwork, makeLogicGate, train } from "./lib";`,
              `import { liveChart } from "./lib/notebook";`,
              `const data = makeLogicGate("XOR");`,
              `const losses: number[] = [];`,
              `const curve = () => ({ data: [{ y: losses.slice(), name: "loss" }] });`,
              `const live = liveChart(curve(), { intervalMs: 0 });`,
              `const fit = train(createNetwork({ sizes: [2, 2, 1], seed: 1 }), data.X, data.Y, {`,
              `  loss: "binaryCrossEntropy", learningRate: 2, epochs: 5, seed: 1,`,
              `  onEpoch: (record) => { losses.push(record.trainLoss); live.update(curve()); },`,
              `});`,
              `live.done(curve());`,
              `fit.history.length`,
            ].join("\n"),
          },
        ],
      },
    ]);
    const [cell] = cells(results[0]);
    expect(cell.status).toBe("ok");
    const charts = cell.outputs.filter((o) => o.type !== "stream");
    const [first, ...updates] = charts;
    expect(first.type).toBe("display_data");
    // One redraw per epoch, then done(): each in place, each with the curve one point longer.
    expect(updates.map((u) => u.type)).toEqual(new Array(6).fill("update_display_data"));
    const points = updates.map((u) => {
      const m = /"y":\[([^\]]*)\]/.exec(u.data?.["text/html"] ?? "");
      return m ? m[1].split(",").filter(Boolean).length : -1;
    });
    expect(points).toEqual([1, 2, 3, 4, 5, 5]);
    expect(updates.every((u) => u.display_id === first.display_id)).toBe(true);
    expect(text(cell, "stdout").trim()).toBe("5");
  });
});
