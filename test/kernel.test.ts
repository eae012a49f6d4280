// The course kernel (tools/kernel.cjs) driven message by message through jupyter_client
// (tools/kernel_session.py): course-root imports from the notebook's folder, edits that reach every
// cell, type errors in exercise files, the watch-timer and stop_on_error fixes, how errors are
// reported, and what the display functions send.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
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

/**
 * Runs the steps in one kernel started in `cwd` (relative to the course root; Jupyter starts a
 * kernel in its notebook's folder); `late` holds outputs that arrived after their cell had finished.
 */
function session(steps: Step[], cwd?: string): Promise<{ results: StepResult[]; late_outputs: Output[] }> {
  return runPythonTool("kernel_session.py", [], cwd ? { steps, cwd } : { steps });
}

function cells(result: StepResult): CellResult[] {
  if (!Array.isArray(result)) throw new Error("expected an execute step's result");
  return result;
}

const text = (cell: CellResult, stream: "stdout" | "stderr") =>
  cell.outputs.filter((o) => o.type === "stream" && o.name === stream).map((o) => o.text).join("");
const html = (cell: CellResult) => cell.outputs.map((o) => o.data?.["text/html"] ?? "").join("");

describe("the tslab-mlp kernel", () => {
  // The library compiled for the kernel (./course setup does this; a kernel finding it missing
  // compiles it first and says so in its first cell, which would change the outputs tested here).
  beforeAll(() => {
    const require = createRequire(import.meta.url);
    const ts = (require(path.join(ROOT, "tools", "tslab-internals.cjs")) as { loadTypeScript(): unknown }).loadTypeScript();
    (require(path.join(ROOT, "tools", "kernel-library.cjs")) as { buildLibrary(root: string, ts: unknown): string }).buildLibrary(ROOT, ts);
  }, 300_000);

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

  it("serves the course its notebook is in: started in notebooks/ it imports from the course root; outside any course it says so and still runs TypeScript", async () => {
    const inCourse = await session([{ execute: [{ code: `import { sigmoid } from "./lib";\nsigmoid(0)` }] }], "notebooks");
    const [lib] = cells(inCourse.results[0]);
    expect(lib.status).toBe("ok");
    expect(text(lib, "stdout").trim()).toBe("0.5");

    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "not-a-course-"));
    try {
      const { results } = await session([{ execute: [{ code: "1 + 2" }] }, { execute: [{ code: "2 + 3" }] }], outside);
      const [first] = cells(results[0]);
      expect(first.status).toBe("ok");
      expect(text(first, "stderr")).toContain(`This notebook is not inside a copy of the course: neither ${outside} nor a folder above it`);
      expect(text(first, "stdout").trim()).toBe("3");
      const [second] = cells(results[1]);
      expect(text(second, "stderr")).toBe(""); // said once
      expect(text(second, "stdout").trim()).toBe("5");
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("gives every cell the saved exercise file: plain cells using the module or a name imported from it, and modules importing it", async () => {
    const dir = "test-artifacts/kernel/live";
    const first = "export function twice(x: number): number {\n  return 2 * x;\n}\n";
    const second = "// edited: twice now triples\nexport function twice(x: number): number {\n  return 3 * x;\n}\n";
    const { results } = await session([
      { write: { path: `${dir}/01-first.ts`, text: first } },
      // An exercise file importing an earlier one, as students' files may.
      { write: { path: `${dir}/02-second.ts`, text: `import { twice } from "./01-first";\nexport const sixTimes = (x: number): number => 3 * twice(x);\n` } },
      {
        execute: [
          { code: `import * as mine from "./${dir}/01-first";\nimport { twice } from "./${dir}/01-first";\nimport * as later from "./${dir}/02-second";\n[mine.twice(5), twice(5), later.sixTimes(1)]` },
        ],
      },
      // Saved as editors save (write a temporary file, rename it over the old one), then at once a
      // plain cell that imports nothing: it sees the new function.
      { write: { path: `${dir}/01-first.ts`, text: second, atomic: true } },
      { execute: [{ code: "[mine.twice(5), twice(5), later.sixTimes(1)]" }] },
      { write: { path: `${dir}/01-first.ts`, text: first } },
      { execute: [{ code: "[mine.twice(5), twice(5), later.sixTimes(1)]" }] },
    ]);
    const outputs = [results[2], results[4], results[6]].map((r) => text(cells(r)[0], "stdout").trim());
    expect(outputs).toEqual(["[ 10, 10, 6 ]", "[ 15, 15, 9 ]", "[ 10, 10, 6 ]"]);
  });

  it("quotes the line that ran: the version of the exercise file a function came from, also after an edit moved its lines", async () => {
    const file = "test-artifacts/kernel/quote/01-quote.ts";
    const before = "export function check(x: number): number {\n  if (x > 1) throw new Error(`old check: ${x}`);\n  return x;\n}\n";
    const after = "// a comment line\n// and another\nexport function check(x: number): number {\n  const y = x * 10;\n  if (y > 1) throw new Error(`new check: ${y}`);\n  return y;\n}\n";
    const { results } = await session([
      { write: { path: file, text: before } },
      { execute: [{ code: `import * as mine from "./${file.replace(/\.ts$/, "")}";\nconst kept = mine.check;` }] },
      { write: { path: file, text: after } },
      { execute: [{ code: "mine.check(5)", stop_on_error: false }] },
      { execute: [{ code: "kept(5)", stop_on_error: false }] },
    ]);
    expect(text(cells(results[3])[0], "stderr").trim()).toBe(
      `Error: new check: 50\n    at check (${file}, line 5): if (y > 1) throw new Error(\`new check: \${y}\`);\n    at this cell, line 1: mine.check(5)`,
    );
    // `kept` is the function of the first version: its line is quoted from that version.
    expect(text(cells(results[4])[0], "stderr").trim()).toBe(
      `Error: old check: 5\n    at check (${file}, line 2): if (x > 1) throw new Error(\`old check: \${x}\`);\n    at this cell, line 1: kept(5)`,
    );
  });

  it("quotes a function defined in an earlier cell from that cell, named by its execution count", async () => {
    const { results } = await session([
      { execute: [{ code: `function fails(x: number): number {\n  if (x > 1) throw new Error("too big: " + x);\n  return x;\n}` }] },
      { execute: [{ code: `const y = 7;\nfails(y)`, stop_on_error: false }] },
    ]);
    expect(text(cells(results[1])[0], "stderr").trim()).toBe(
      'Error: too big: 7\n    at fails (cell [1], line 2): if (x > 1) throw new Error("too big: " + x);\n    at this cell, line 2: fails(y)',
    );
  });

  it("reports a type error in an exercise file with file, line and column and still runs the checks; a type error in the cell stops it", async () => {
    const scratch = "test-artifacts/kernel/typed/00-welcome.ts";
    const solution = fs.readFileSync(path.join(ROOT, "solutions", "00-welcome.ts"), "utf8");
    const wrongType = solution.replace("let z = bias;", 'let z = bias;\n  const label: string = z;');
    expect(wrongType).not.toBe(solution);
    const line = wrongType.split("\n").findIndex((l) => l.includes("const label")) + 1;
    const { results } = await session([
      { write: { path: scratch, text: wrongType } },
      {
        execute: [
          {
            code: [
              `import * as mine from "./${scratch.replace(/\.ts$/, "")}";`,
              `import { checks } from "./exercises/checks/00-welcome";`,
              `import { checkExercises } from "./lib/notebook";`,
              `checkExercises(checks, mine);`,
            ].join("\n"),
          },
        ],
      },
      { execute: [{ code: `const n: number = mine.neuronInput([1], "2", [3]);`, stop_on_error: false }] },
    ]);
    const [check] = cells(results[1]);
    expect(check.status).toBe("ok");
    expect(text(check, "stderr")).toBe(
      "Type errors (this cell runs the code anyway, as npm run check and the grader do; fix them, the file editor underlines them too):\n" +
        `  ${scratch}:${line}:9: Type 'number' is not assignable to type 'string'.\n`,
    );
    expect(html(check)).toContain('data-passed="true"'); // the checks ran, on the code as written
    const [cellError] = cells(results[2]);
    expect(cellError.status).toBe("error");
    expect(text(cellError, "stderr")).toContain("1:41 - Argument of type 'string' is not assignable to parameter of type 'number'.");
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
