// One bundler, one import policy: a hand-in file builds or fails the same way in `npm run check`
// and at grading. The same hand-ins go through both modes; the difference is only which code an
// import of an earlier exercise file loads (the student's own, or the reference solution).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleExercises, type BundleMode } from "../lib/exercise/tools/bundle";
import { ROOT } from "./support/course";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-bundle-test-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** A hand-in folder with these files (name -> source); returns its exercises/ folder. */
function handIn(name: string, files: Record<string, string>): string {
  const dir = path.join(TMP, name, "exercises");
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), source);
  return dir;
}

const answer = (n: number) => `export function answer(): number { return ${n}; }\n`;

/** Builds set `id` of the hand-in in `mode`, runs answer() of it, and returns the value or the build error. */
async function build(dir: string, id: string, mode: BundleMode): Promise<{ ok: true; value: unknown } | { ok: false; why: string }> {
  const files = new Map(fs.readdirSync(dir).filter((f) => /^\d\d-/.test(f)).map((f) => [f.slice(0, -3), path.join(dir, f)]));
  const out = path.join(TMP, `${path.basename(path.dirname(dir))}-${id}-${mode}.cjs`);
  const r = await bundleExercises({
    root: ROOT, mode, files, outFile: out,
    exercises: [{ set: id, exercise: "answer", forbidden: [] }],
    entry: ([m]) => `const mine = require(${JSON.stringify(m.specifier)});\nconsole.log(JSON.stringify(mine.answer()));\n`,
  });
  if (!r.ok || r.broken.has(id)) return { ok: false, why: r.broken.get(id) ?? "" };
  const run = spawnSync(process.execPath, [out], { encoding: "utf8", env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") } });
  return { ok: true, value: JSON.parse(run.stdout) };
}

describe("the exercise bundler's import policy, the same for check and grade", () => {
  const cases: { name: string; files: Record<string, string>; id: string; builds: boolean; why?: RegExp; check?: unknown; grade?: unknown }[] = [
    { name: "the library and a package", id: "05-backpropagation", builds: true, check: 0.5, grade: 0.5,
      files: { "05-backpropagation.ts": `import { sigmoid } from "../lib";\nimport { norm } from "mathjs";\nexport function answer(): number { return sigmoid(0) * Number(norm([1])); }\n` } },
    { name: "an earlier exercise: the student's own in check, the reference at grading", id: "05-backpropagation", builds: true, check: 7, grade: 2,
      files: {
        "03-forward-propagation.ts": `export function forwardTheta(thetas: number[][][], x: number[]): number[][] { return [[7]]; }\n`,
        "05-backpropagation.ts": `import { forwardTheta } from "./03-forward-propagation";\nexport function answer(): number { const r = forwardTheta([[[0, 0]]], [0]); return r[0][0] === 7 ? 7 : r.length; }\n`,
      } },
    { name: "a helper file next to it", id: "05-backpropagation", builds: true, check: 3, grade: 3,
      files: { "helpers.ts": `export const three = 3;\n`, "05-backpropagation.ts": `import { three } from "./helpers";\n${answer(0).replace("return 0", "return three")}` } },
    { name: "a later exercise", id: "03-forward-propagation", builds: false, why: /may import only EARLIER exercise files \(05-backpropagation comes after 03-forward-propagation\)/,
      files: { "05-backpropagation.ts": answer(5), "03-forward-propagation.ts": `import { answer as a } from "./05-backpropagation";\nexport function answer(): number { return a(); }\n` } },
    { name: "the solutions folder", id: "05-backpropagation", builds: false, why: /may import only the course library \(\.\.\/lib\), earlier exercise files \(\.\/NN-name\) and packages/,
      files: { "05-backpropagation.ts": `export { backpropGradients as answer } from "../solutions/05-backpropagation";\n` } },
    { name: "a course file outside lib", id: "05-backpropagation", builds: false, why: /may import only the course library/,
      files: { "05-backpropagation.ts": `export { againstSolution as answer } from "../grader/hidden";\n` } },
    { name: "a syntax error", id: "05-backpropagation", builds: false, why: /05-backpropagation\.ts:1:\d+: /, files: { "05-backpropagation.ts": `export function answer( { return 1; }\n` } },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.builds ? "builds" : "does not build"} in both`, async () => {
      const dir = handIn(c.name.replace(/\W+/g, "-"), c.files);
      for (const mode of ["check", "grade"] as const) {
        const r = await build(dir, c.id, mode);
        expect(r.ok, `${mode}: ${"why" in r ? r.why : ""}`).toBe(c.builds);
        if (r.ok) expect(r.value, mode).toBe(mode === "check" ? c.check : c.grade);
        else if (c.why) expect(r.why, mode).toMatch(c.why);
      }
    });
  }

  it("a symbolic link is not the student's file, in both", async () => {
    const dir = handIn("link", { "helpers.ts": "export const x = 1;\n" });
    fs.symlinkSync(path.join(ROOT, "solutions", "05-backpropagation.ts"), path.join(dir, "05-backpropagation.ts"));
    for (const mode of ["check", "grade"] as const) {
      const r = await build(dir, "05-backpropagation", mode);
      expect(r.ok, mode).toBe(false);
      if (!r.ok) expect(r.why, mode).toContain("is a symbolic link: hand in the file itself");
    }
  });

  it("one file that does not build costs only its own set: the others are built again without it", async () => {
    const dir = handIn("one-broken", { "00-welcome.ts": "export function answer( {\n", "05-backpropagation.ts": answer(5) });
    const files = new Map([["00-welcome", path.join(dir, "00-welcome.ts")], ["05-backpropagation", path.join(dir, "05-backpropagation.ts")]]);
    const out = path.join(TMP, "one-broken.cjs");
    const r = await bundleExercises({
      root: ROOT, mode: "grade", files, outFile: out,
      exercises: [{ set: "00-welcome", exercise: "answer", forbidden: [] }, { set: "05-backpropagation", exercise: "answer", forbidden: [] }],
      entry: (modules) => `console.log(JSON.stringify([${modules.map((m) => `require(${JSON.stringify(m.specifier)}).answer()`).join(", ")}]));\n`,
    });
    expect(r.ok).toBe(true);
    expect([...r.broken.keys()]).toEqual(["00-welcome"]);
    expect(r.broken.get("00-welcome")).toMatch(/^00-welcome\.ts:\d+:\d+: /);
    expect(JSON.parse(spawnSync(process.execPath, [out], { encoding: "utf8" }).stdout)).toEqual([5]);
  });
});
