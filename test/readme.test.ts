// The README's library example, run as written (with its "./lib" import pointed at the library),
// so the README cannot drift from the code.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/course";

describe("README", () => {
  it("opens with the set-up command and the test command", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock.split("\n").filter(Boolean).map((l) => l.split(/\s+#/)[0].trim())).toEqual(["./course", "npm test"]);
    expect(readme.indexOf("```sh")).toBeLessThan(readme.indexOf("\n## "));
    expect(fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8")).toMatch(/^npm test\b/m);
  });

  it("has a library example that runs and gives the results its comments state", async () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes("networkFromThetas"));
    expect(example).toBeDefined();
    const dir = path.join(ROOT, "test-artifacts", "readme");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "example.ts");
    fs.writeFileSync(file, `${(example as string).replace('from "./lib"', 'from "../../lib"')}\nexport { trace, history, predicted };\n`);
    const run = (await import(file)) as {
      trace: { a: { data: Float64Array }[] };
      history: unknown[];
      predicted: Int32Array;
    };
    expect([...run.trace.a[2].data].map(Math.round)).toEqual([0, 1, 1, 0]);
    expect(run.history).toHaveLength(3000);
    expect([...run.predicted]).toEqual([0, 1, 1, 0]);
  });

  it("documents the training records, and its live loss curve example type-checks against them", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const field of ["trainCost", "trainLoss", "trainAccuracy", "validationLoss", "learningRate", "updates", "seconds"]) expect(readme).toContain(`\`${field}\``);
    const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes("liveChart(figure())"));
    expect(example).toBeDefined();
    const dir = path.join(ROOT, "test-artifacts", "readme");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "live.ts"), (example as string).replace('from "./lib"', 'from "../../lib"').replace('from "./lib/notebook"', 'from "../../lib/notebook"') + "\nexport { result };\n");
    const config = { extends: path.join(ROOT, "tsconfig.json"), compilerOptions: { types: ["node"], typeRoots: [path.join(ROOT, "node_modules", "@types")] }, include: [path.join(dir, "live.ts")] };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
  });

  it("lists every notebook and every exercise in its course table", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const nb of fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => /^\d\d-.*\.ipynb$/.test(f))) {
      expect(readme, nb).toContain(`\`${nb.replace(/\.ipynb$/, "")}\``);
    }
    for (const file of fs.readdirSync(path.join(ROOT, "exercises", "checks")).filter((f) => /^\d\d-.*\.ts$/.test(f))) {
      const source = fs.readFileSync(path.join(ROOT, "exercises", "checks", file), "utf8");
      const block = /defineExercises<\w+>\("[^"]+", \{([\s\S]*)\}\);/.exec(source)?.[1] ?? "";
      for (const [, name] of block.matchAll(/^  (\w+): \{/gm)) expect(readme, `${file}: ${name}`).toContain(`\`${name}\``);
    }
  });
});
