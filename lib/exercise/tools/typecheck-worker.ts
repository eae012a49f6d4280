/**
 * The type check of hand-ins, run in a process of its own (grader/typecheck.ts starts it with
 * time and memory limits: a few lines of exponential types can exhaust any heap). It reads one
 * JSON request per line on stdin and writes one reply per line on stdout, for as many hand-ins
 * as the grader sends: the standard library's and Node's declarations are parsed once, and each
 * hand-in's program reuses them.
 *
 * The course library is read from declaration files emitted once per version of lib/ (cached
 * under build/lib-types/<hash>), so each hand-in's check parses only its own files.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as TS from "typescript";

export interface TypeCheckRequest {
  readonly root: string;
  /** The hand-in's files by set id. */
  readonly files: Readonly<Record<string, string>>;
  /** A fresh folder for this hand-in, inside the worker's folder (so every hand-in shares its node_modules). */
  readonly work: string;
}

/** One type error: where (1-based) and what. */
export interface TypeProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Type errors per set id. */
export type TypeCheckReply = Readonly<Record<string, readonly TypeProblem[]>>;

function options(ts: typeof TS, root: string): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2020, lib: ["lib.es2020.d.ts"], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")], strict: true, skipLibCheck: true, esModuleInterop: true, resolveJsonModule: true,
  };
}

function libFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? libFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path.join(dir, e.name)] : []));
}

/** <root>/build/lib-types/<hash of lib's sources>/lib/*.d.ts, emitted when missing. */
function libDeclarations(ts: typeof TS, root: string): string {
  const sources = libFiles(path.join(root, "lib")).sort();
  const hash = crypto.createHash("sha256");
  for (const f of sources) hash.update(path.relative(root, f)).update(fs.readFileSync(f));
  const dir = path.join(root, "build", "lib-types", hash.digest("hex").slice(0, 16));
  if (fs.existsSync(path.join(dir, "lib", "index.d.ts"))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const program = ts.createProgram(sources, { ...options(ts, root), declaration: true, emitDeclarationOnly: true, noEmit: false, rootDir: root, outDir: tmp });
  program.emit();
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another grader emitted them meanwhile
  }
  return dir;
}

let previous: TS.Program | undefined;
/** Parsed files that are the same for every hand-in (standard library, @types/node, lib's declarations), by path. */
const shared = new Map<string, TS.SourceFile>();

function cachingHost(ts: typeof TS, options: TS.CompilerOptions, work: string): TS.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName.startsWith(work + path.sep) && !fileName.includes(`${path.sep}lib${path.sep}`)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const real = host.realpath?.(fileName) ?? fileName;
    let file = shared.get(real);
    if (!file) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) shared.set(real, file);
    }
    return file;
  };
  return host;
}

export function typeCheck(request: TypeCheckRequest): TypeCheckReply {
  const ts = createRequire(path.join(request.root, "package.json"))("typescript") as typeof TS;
  const declarations = libDeclarations(ts, request.root);
  // The files as the course sees them: <work>/exercises/NN.ts next to <work>/lib (declarations).
  fs.mkdirSync(path.join(request.work, "exercises"), { recursive: true });
  fs.symlinkSync(path.join(declarations, "lib"), path.join(request.work, "lib"), "dir");
  const modules = path.join(path.dirname(request.work), "node_modules");
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(request.root, "node_modules"), modules, "dir");
  const names = new Map<string, string>();
  for (const [id, file] of Object.entries(request.files)) {
    const copy = path.join(request.work, "exercises", `${id}.ts`);
    fs.copyFileSync(file, copy);
    names.set(copy, id);
    // Helper files next to it (regular files only: a link could point at anything).
    for (const e of fs.readdirSync(path.dirname(file), { withFileTypes: true })) {
      const target = path.join(request.work, "exercises", e.name);
      if (e.isFile() && e.name.endsWith(".ts") && !fs.existsSync(target)) fs.copyFileSync(path.join(path.dirname(file), e.name), target);
    }
  }
  // The course's other exercise files, where the hand-in has none: a hand-in of sets 08 and 10
  // whose 10 imports ./03-forward-propagation is graded with the reference 03, and its types are
  // checked against that file's signatures (the stubs', or in a grader without stubs the solutions').
  for (const folder of ["exercises", "solutions"]) {
    const dir = path.join(request.root, folder);
    if (!fs.existsSync(dir)) continue;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const target = path.join(request.work, "exercises", e.name);
      if (e.isFile() && /^\d\d-[\w-]+\.ts$/.test(e.name) && !fs.existsSync(target)) fs.copyFileSync(path.join(dir, e.name), target);
    }
  }
  // The previous hand-in's program lends its unchanged files (the standard library, @types/node, lib's declarations).
  const compilerOptions = { ...options(ts, request.root), noEmit: true };
  const program = ts.createProgram([...names.keys()], compilerOptions, cachingHost(ts, compilerOptions, request.work), previous);
  previous = program;
  const out: Record<string, TypeProblem[]> = {};
  for (const [copy, id] of names) {
    const source = program.getSourceFile(copy);
    if (!source) continue;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    const lines = diagnostics.slice(0, 8).map((d): TypeProblem => {
      const at = source.getLineAndCharacterOfPosition(d.start ?? 0);
      return { line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, " ") };
    });
    if (lines.length > 0) out[id] = lines;
  }
  return out;
}

/**
 * Readies the worker before any hand-in: emits lib's declarations if missing (seconds, once per
 * version of lib/) and parses what every hand-in shares. None of this is a hand-in's to pay for:
 * the grader's time limit starts with the first request.
 */
function prepare(root: string): void {
  const work = path.resolve("warm-up");
  const file = path.resolve("warm-up.ts");
  fs.writeFileSync(file, `import * as course from "../lib";\nexport const used = course;\n`);
  try {
    typeCheck({ root, files: { "warm-up": file }, work });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  }
}

/** The worker's main: "ready" once prepared, then a request per line on stdin, a reply per line on stdout. */
export function main(root: string): void {
  prepare(root);
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  let buffer = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk: string) => {
    buffer += chunk;
    for (let at = buffer.indexOf("\n"); at >= 0; at = buffer.indexOf("\n")) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const request = JSON.parse(line) as TypeCheckRequest;
      let reply: unknown;
      try {
        reply = { ok: true, errors: typeCheck(request) };
      } catch (error) {
        reply = { ok: false, why: (error as Error).message };
      } finally {
        fs.rmSync(request.work, { recursive: true, force: true });
      }
      process.stdout.write(JSON.stringify(reply) + "\n");
    }
  });
}
