/**
 * Type errors in a hand-in, reported as notes: the grader runs the code as written (types are
 * stripped, as in the notebook), so a type error costs no points by itself, but the student
 * should hear about it. Checked with the course's TypeScript settings, unused names allowed.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** Type errors per exercise file id, as "line 12: message"; empty where TypeScript is not installed. */
export function typeErrors(root: string, files: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (files.size === 0) return out;
  let ts: typeof import("typescript");
  try {
    ts = createRequire(path.join(root, "package.json"))("typescript") as typeof import("typescript");
  } catch {
    return out;
  }
  // The files as the course sees them: <tmp>/exercises/NN.ts next to <tmp>/lib.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-types-"));
  try {
    fs.mkdirSync(path.join(work, "exercises"));
    fs.symlinkSync(path.join(root, "lib"), path.join(work, "lib"), "dir");
    fs.symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
    const names = new Map<string, string>();
    for (const [id, file] of files) {
      const copy = path.join(work, "exercises", `${id}.ts`);
      fs.copyFileSync(file, copy);
      names.set(copy, id);
      // Helper files next to it (regular files only: a link could point at anything).
      for (const e of fs.readdirSync(path.dirname(file), { withFileTypes: true })) {
        const target = path.join(work, "exercises", e.name);
        if (e.isFile() && e.name.endsWith(".ts") && !fs.existsSync(target)) fs.copyFileSync(path.join(path.dirname(file), e.name), target);
      }
    }
    const program = ts.createProgram([...names.keys()], {
      target: ts.ScriptTarget.ES2020, lib: ["lib.es2020.d.ts"], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")], strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true,
    });
    for (const [copy, id] of names) {
      const source = program.getSourceFile(copy);
      if (!source) continue;
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      const lines = diagnostics.slice(0, 8).map((d) => {
        const where = d.start === undefined ? "" : `line ${source.getLineAndCharacterOfPosition(d.start).line + 1}: `;
        return `${where}${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
      if (lines.length > 0) out.set(id, lines);
    }
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
