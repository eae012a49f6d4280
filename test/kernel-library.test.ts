// The library compiled once for the kernel (tools/kernel-library.cjs): JavaScript and declarations
// in node_modules/.cache, named by a hash of lib/ (a changed file gets a new copy), packages loaded
// when first used; and a kernel whose lib/ cannot be compiled ahead says so and compiles it itself.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runPythonTool } from "./support/course";

interface Library {
  buildLibrary(root: string, ts: unknown): string;
  compiledLibrary(root: string, ts: unknown): { dir: string; ready: boolean };
  lazyPackages(js: string): string;
}
const require = createRequire(import.meta.url);
const library = require(path.join(ROOT, "tools", "kernel-library.cjs")) as Library;
const ts = (require(path.join(ROOT, "tools", "tslab-internals.cjs")) as { loadTypeScript(): unknown }).loadTypeScript();

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A course folder with this course's lib/ and package.json; node_modules of its own (with its own cache). */
function courseWithLib(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-kernel-library-"));
  copies.push(dir);
  fs.cpSync(path.join(ROOT, "lib"), path.join(dir, "lib"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  fs.mkdirSync(path.join(dir, "node_modules"));
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (entry !== ".cache") fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(dir, "node_modules", entry));
  }
  return dir;
}

describe("the kernel's compiled library", () => {
  it("is built into node_modules/.cache under a hash of lib/, used as long as lib/ is unchanged, rebuilt when it changes", () => {
    const dir = courseWithLib();
    const before = library.compiledLibrary(dir, ts);
    expect(before.ready).toBe(false);
    expect(path.relative(dir, before.dir)).toMatch(/^node_modules\/\.cache\/mlp-course-kernel\/lib-[0-9a-f]{20}$/);
    const built = library.buildLibrary(dir, ts);
    expect(built).toBe(before.dir);
    for (const f of ["lib/index.js", "lib/index.d.ts", "lib/notebook/index.js", "lib/notebook/index.d.ts", "lib/data/digits.d.ts"]) {
      expect(fs.existsSync(path.join(built, f)), f).toBe(true);
    }
    // The declarations carry the library's types and documentation, not its code.
    const forward = fs.readFileSync(path.join(built, "lib", "forward.d.ts"), "utf8");
    expect(forward).toContain("export declare function forward(");
    expect(forward).not.toMatch(/\bfor \(/);
    expect(library.compiledLibrary(dir, ts)).toEqual({ dir: built, ready: true });

    fs.appendFileSync(path.join(dir, "lib", "errors.ts"), "\n// an edit\n");
    const after = library.compiledLibrary(dir, ts);
    expect(after.ready).toBe(false);
    expect(after.dir).not.toBe(built);
  }, 300_000);

  it("loads a package the library imports (mathjs) when first used, not when the library is loaded", () => {
    const js = library.lazyPackages('"use strict";\nconst mathjs_1 = require("mathjs");\nconst fs = __importStar(require("fs"));\nconst t = __importStar(require("tslab"));\n');
    expect(js.split("\n").slice(1)).toEqual([
      'const mathjs_1 = __loadWhenUsed(() => require("mathjs"));',
      'const fs = __importStar(require("fs"));', // Node's own modules load at once
      'const t = __importStar(require("tslab"));', // the kernel's tslab is loaded already
      "",
    ]);
    const { dir } = library.compiledLibrary(ROOT, ts);
    const script = [
      `const lib = require(${JSON.stringify(path.join(dir, "lib", "index.js"))});`,
      `const loaded = () => Object.keys(require.cache).some((f) => f.includes("/node_modules/mathjs/"));`,
      `const before = loaded();`,
      `const d = lib.differentiate("x^2", "x");`,
      `console.log(JSON.stringify({ before, after: loaded(), d: d.expression }));`,
    ].join("\n");
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ before: false, after: true, d: "2 * x" });
  }, 120_000);

  it("when lib/ cannot be compiled ahead (a type error), the first cell says so and the kernel compiles lib/ itself", async () => {
    const dir = courseWithLib();
    fs.appendFileSync(path.join(dir, "lib", "errors.ts"), '\nexport const notANumber: number = "seven";\n');
    const { results } = await runPythonTool<{ results: { status: string; outputs: { name?: string; text?: string }[] }[][] }>("kernel_session.py", [], {
      cwd: dir,
      steps: [{ execute: [{ code: `import { sigmoid } from "./lib";\nsigmoid(0)` }] }],
    });
    const [cell] = results[0];
    const stream = (name: string) => cell.outputs.filter((o) => o.name === name).map((o) => o.text).join("");
    expect(cell.status).toBe("ok");
    expect(stream("stdout")).toBe("Compiling the course library for this kernel (once after lib/ changes, 10 to 30 s)...\n0.5\n");
    expect(stream("stderr")).toContain("Could not compile lib/ ahead (could not compile lib/ for the kernel: lib/ has 1 type error(s): lib/errors.ts:");
    expect(stream("stderr")).toContain("lib/errors.ts:");
    expect(stream("stderr")).toContain("Type 'string' is not assignable to type 'number'.");
  }, 300_000);
});
