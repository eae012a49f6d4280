// `npm run check` as a student runs it: on a hand-in folder (--dir), right answers pass with exit
// 0, wrong ones get the diagnosis, and syntax errors and endless loops are reported, not hung on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCommand } from "./support/course";

const tool = path.join(ROOT, "tools", "check-exercises.mjs");

async function checkFolder(source: string, env: NodeJS.ProcessEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-check-"));
  fs.mkdirSync(path.join(dir, "exercises"));
  fs.writeFileSync(path.join(dir, "exercises", "00-welcome.ts"), source);
  const result = await runCommand(process.execPath, [tool, "--dir", path.join(dir, "exercises"), "00"], { env: { ...process.env, ...env } });
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

describe("npm run check", () => {
  it("passes the reference solution with exit 0, saying hidden tests run at grading", async () => {
    const r = await checkFolder(fs.readFileSync(path.join(ROOT, "solutions", "00-welcome.ts"), "utf8"));
    expect(r.stdout).toContain("public checks passed for all 1 exercise; hidden tests run at grading");
    expect(r.code).toBe(0);
  });

  it("fails a wrong answer with exit 1, the expected and actual values and the mistake's name", async () => {
    const r = await checkFolder(`import { matrix } from "../lib";\nexport function neuronInput(w: number[], b: number, x: number[]): number {\n  return matrix(0, 0).rows + w.reduce((s, wi, i) => s + wi * x[i], 0);\n}\n`);
    expect(r.stdout).toContain("expected 0.81, got 0.11");
    expect(r.stdout).toContain("Likely mistake: the bias is left out");
    expect(r.code).toBe(1);
  }, 30_000);

  it("reports a syntax error with its line, and an endless loop after the time limit", async () => {
    const syntax = await checkFolder("export function neuronInput(w: number[], b: number, x: number[]): number {\n  return b +\n");
    expect(syntax.stdout).toMatch(/00-welcome\.ts:3:1: Unexpected end of file/);
    expect(syntax.code).toBe(1);
    const loop = await checkFolder("export function neuronInput(w: number[], b: number, x: number[]): number { while (true) {} }\n", { COURSE_CHECK_TIME_LIMIT_MS: "1500" });
    expect(loop.stdout).toContain("the checks did not finish within 1.5 s (an endless loop?)");
    expect(loop.code).toBe(1);
  }, 30_000);

  it("reports type errors with file and line and still runs the checks, as the notebook and the grader do", async () => {
    const solution = fs.readFileSync(path.join(ROOT, "solutions", "00-welcome.ts"), "utf8");
    const r = await checkFolder(`${solution}\nconst label: number = "not a number";\n`);
    expect(r.stdout).toContain("public checks passed for all 1 exercise");
    expect(r.stdout).toMatch(/Type errors \(the checks above ran anyway[\s\S]*exercises\/00-welcome\.ts:\d+:7: Type 'string' is not assignable to type 'number'/);
    expect(r.code).toBe(0);
  }, 60_000);

  it("fails a function that throws null instead of passing it, saying what was thrown", async () => {
    const r = await checkFolder("export function neuronInput(w: number[], b: number, x: number[]): number {\n  throw null;\n}\n");
    expect(r.stdout).toContain("your function threw a null value, not an Error: null");
    expect(r.stdout).toContain("public checks: 0 of 1 exercise passed");
    expect(r.code).toBe(1);
  }, 60_000);

  it("names the choices when an exercise does not exist", async () => {
    const r = await runCommand(process.execPath, [tool, "42"]);
    expect(r.stderr).toContain('no exercise file matches "42"; choose one of: 00-welcome');
    expect(r.code).toBe(2);
  });
});
