// The library as notebooks compile it: tslab type-checks every imported file with its own
// TypeScript (5.0) and its own options (no strict mode, so no strictNullChecks: a union told
// apart by `passed: true | false` does not narrow there). `npm run typecheck` cannot see that;
// this compiles what notebooks import (the library, the notebook helpers, the exercise checks)
// the way tslab does and expects no error.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/course";

describe("the library under tslab's compiler", () => {
  it("type-checks what notebooks import with tslab's TypeScript and options", () => {
    const tslabDir = path.dirname(createRequire(import.meta.url).resolve("tslab/package.json"));
    const ts = createRequire(path.join(tslabDir, "package.json"))("@tslab/typescript-for-tslab") as typeof import("typescript");
    const checks = fs.readdirSync(path.join(ROOT, "exercises", "checks")).filter((f) => f.endsWith(".ts")).map((f) => path.join(ROOT, "exercises", "checks", f));
    const roots = [path.join(ROOT, "lib", "index.ts"), path.join(ROOT, "lib", "notebook", "index.ts"), path.join(ROOT, "lib", "exercise", "index.ts"), ...checks];
    // tslab's converter options (node_modules/tslab/dist/converter.js, createWatchCompilerHost).
    const program = ts.createProgram(roots, {
      module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true, target: ts.ScriptTarget.ES2020,
      lib: ["lib.es2020.d.ts"], declaration: true, noEmit: true, experimentalDecorators: true, resolveJsonModule: true, skipLibCheck: true,
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : "";
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
    expect(problems).toEqual([]);
  });
});
