// Every exercise set, from the kit's own sources (never a student's working copy): the reference
// solutions pass their public checks, the stubs generated from them fail every case cleanly with
// "not implemented yet", every catalogued mistake gets its diagnosis, the committed stubs are up
// to date, and the generated stubs type-check.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ExerciseSet, MistakeCatalogue } from "../lib/exercise";
import { runExercises } from "../lib/exercise";
import { ROOT } from "./support/course";

interface StubTools {
  generateStub(id: string, solution: string): string;
  stubStatus(id: string, solution: string, stub: string | null): string;
  solutionIds(root?: string): string[];
}

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");
const ids = fs.readdirSync(path.join(ROOT, "solutions")).filter((f) => /^\d\d-.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
// Generated stubs are written here, next to a link to lib/, so their "../lib" imports resolve.
const KIT = path.join(ROOT, "test-artifacts", "kit-stubs");

let tools: StubTools;
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(file).href)) as T;

beforeAll(async () => {
  tools = await load<StubTools>(path.join(ROOT, "tools", "exercise-stubs.mjs"));
  fs.rmSync(KIT, { recursive: true, force: true });
  fs.mkdirSync(path.join(KIT, "exercises"), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "lib"), path.join(KIT, "lib"), "dir");
  for (const id of ids) fs.writeFileSync(path.join(KIT, "exercises", `${id}.ts`), tools.generateStub(id, read(`solutions/${id}.ts`)));
});

describe("the exercise sets", () => {
  it("include the welcome exercise, and every solution has public checks and a mistake catalogue", () => {
    expect(ids).toContain("00-welcome");
    for (const id of ids) {
      expect(fs.existsSync(path.join(ROOT, "exercises", "checks", `${id}.ts`)), `exercises/checks/${id}.ts`).toBe(true);
      expect(fs.existsSync(path.join(ROOT, "solutions", "mistakes", `${id}.ts`)), `solutions/mistakes/${id}.ts`).toBe(true);
    }
  });

  for (const id of ids) {
    describe(id, () => {
      let checks: ExerciseSet;
      beforeAll(async () => {
        checks = (await load<{ checks: ExerciseSet }>(path.join(ROOT, "exercises", "checks", `${id}.ts`))).checks;
      });

      it("the reference solution passes every public check, and uses no library shortcut", async () => {
        const solution = await load<object>(path.join(ROOT, "solutions", `${id}.ts`));
        const results = runExercises(checks, solution, { source: read(`solutions/${id}.ts`) });
        expect(results.length).toBe(Object.keys(checks.exercises).length);
        for (const r of results) {
          expect(r.cases.length, `${r.exercise}: number of checks`).toBeGreaterThanOrEqual(2);
          expect(r.cases.filter((c) => !c.passed), r.exercise).toEqual([]);
        }
      });

      it("the generated stub fails every check cleanly, naming its file and function", async () => {
        const stub = await load<object>(path.join(KIT, "exercises", `${id}.ts`));
        for (const r of runExercises(checks, stub)) {
          expect(r.passed).toBe(false);
          for (const c of r.cases) {
            expect(c.passed, `${r.exercise}: ${c.name}`).toBe(false);
            expect(c.message).toContain(`not implemented yet: write ${r.exercise} in exercises/${id}.ts`);
          }
        }
      });

      it("every catalogued mistake fails its checks with its diagnosis", async () => {
        const solution = await load<Record<string, unknown>>(path.join(ROOT, "solutions", `${id}.ts`));
        const { mistakes } = await load<{ mistakes: MistakeCatalogue<Record<string, unknown>> }>(path.join(ROOT, "solutions", "mistakes", `${id}.ts`));
        const entries = Object.entries(mistakes);
        expect(entries.length).toBeGreaterThan(0);
        for (const [exercise, list] of entries) {
          expect(Object.keys(checks.exercises)).toContain(exercise);
          for (const m of list ?? []) {
            const [r] = runExercises(checks, { ...solution, [exercise]: m.implementation }, { only: [exercise] });
            const failed = r.cases.filter((c) => !c.passed);
            expect(failed.length, `${exercise} with "${m.diagnosis}" must fail a check`).toBeGreaterThan(0);
            expect(failed.map((c) => c.message).join("\n"), `${exercise}: diagnosis of "${m.diagnosis}" (a mistake is named only when every check where its value differs from the right one agrees with it, and no other known mistake matches the failing check: see confirmMistakes in lib/exercise/session.ts)`).toContain(m.diagnosis);
          }
        }
      });

      it("the committed stub exercises/" + id + ".ts is up to date with its solution", () => {
        const file = path.join(ROOT, "exercises", `${id}.ts`);
        const status = tools.stubStatus(id, read(`solutions/${id}.ts`), fs.existsSync(file) ? read(`exercises/${id}.ts`) : null);
        // "edited" is a student's working copy of a current stub: not the kit's concern.
        expect(["current", "edited"], `exercises/${id}.ts is ${status}: run npm run exercises`).toContain(status);
      });
    });
  }

  it("the generated stubs type-check (with the notebook's leniency on unused names)", () => {
    const config = {
      extends: path.join(ROOT, "tsconfig.json"),
      compilerOptions: { noUnusedLocals: false, noUnusedParameters: false, types: ["node"], typeRoots: [path.join(ROOT, "node_modules", "@types")] },
      include: [path.join(KIT, "exercises", "*.ts")],
    };
    fs.writeFileSync(path.join(KIT, "tsconfig.json"), JSON.stringify(config));
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(KIT, "tsconfig.json")], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});

describe("a student's working copies", () => {
  it("are outside the kit's type check (tsc -p . lists no exercises/NN-*.ts), so their unused locals or drafts never fail npm test", () => {
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--listFilesOnly", "-p", ROOT], { encoding: "utf8", maxBuffer: 32 << 20 });
    expect(tsc.status).toBe(0);
    const files = tsc.stdout.split("\n").map((f) => path.relative(ROOT, f.trim()));
    expect(files.filter((f) => /^exercises\/\d\d-/.test(f))).toEqual([]);
    expect(files).toContain(path.join("exercises", "checks", "00-welcome.ts"));
  });
});

describe("the stub generator", () => {
  const solution = [
    "/** Doc kept. */",
    "export function f(x: number): number {",
    "  // a hint kept",
    "  // BEGIN SOLUTION",
    "  return 2 * x;",
    "  // END SOLUTION",
    "}",
  ].join("\n");

  it("keeps signature, doc comment and hints, and replaces the answer with a not-implemented error", () => {
    const stub = tools.generateStub("01-demo", solution);
    expect(stub.split("\n").slice(1)).toEqual([
      "/** Doc kept. */",
      "export function f(x: number): number {",
      "  // a hint kept",
      '  throw new Error("not implemented yet: write f in exercises/01-demo.ts");',
      "}",
    ]);
  });

  it("tells current, out-of-date and student-edited stubs apart", () => {
    const stub = tools.generateStub("01-demo", solution);
    expect(tools.stubStatus("01-demo", solution, stub)).toBe("current");
    expect(tools.stubStatus("01-demo", solution, null)).toBe("missing");
    expect(tools.stubStatus("01-demo", solution.replace("2 * x", "x + x"), stub)).toBe("outdated");
    expect(tools.stubStatus("01-demo", solution, stub.replace("throw new Error", "return 2 * x; // throw new Error"))).toBe("edited");
  });

  it("rejects unbalanced markers and markers outside a function, naming the line", () => {
    expect(() => tools.generateStub("01-demo", "export function f() {\n  // BEGIN SOLUTION\n}")).toThrow("solutions/01-demo.ts:2: BEGIN SOLUTION is never closed");
    expect(() => tools.generateStub("01-demo", "// BEGIN SOLUTION\n// END SOLUTION")).toThrow("solutions/01-demo.ts:1: BEGIN SOLUTION must be inside an exported function");
    expect(() => tools.generateStub("01-demo", "export function f() {}")).toThrow("no // BEGIN SOLUTION");
  });
});
