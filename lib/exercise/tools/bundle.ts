/**
 * How an exercise file is built to run outside the notebook, by `npm run check` and by the
 * grader, with ONE import policy, so a file builds or fails the same way in both. An exercise
 * file (exercises/NN-name.ts of a hand-in) may import:
 *   - packages and Node's built-in modules (left external: they load under the runner's rules);
 *   - the course library, `../lib` and its modules;
 *   - its own helper files next to it (regular files inside the hand-in's folder, never links);
 *   - EARLIER exercise files, e.g. `./03-forward-propagation` from 05: the student's own in
 *     `npm run check` (as in the notebook), the reference solution at grading (so one mistake
 *     costs once).
 * Anything else (the solutions, the grading files, a later exercise, a file outside the hand-in)
 * does not build, with a message saying what may be imported.
 *
 * At grading each exercise gets its own copy of the student's modules, whose library imports
 * resolve to a facade where the names the exercise forbids (the library's own implementation of
 * what the student must write) are functions that throw: however the student reaches them, at
 * grading they do not work. Needs esbuild; never imported by the notebook's library.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Message, OnResolveArgs, OnResolveResult, Plugin } from "esbuild";
import { EXERCISE_ID } from "../define";

export type BundleMode = "check" | "grade";


export interface BundledExercise {
  /** The set's id, e.g. "05-backpropagation". */
  readonly set: string;
  /** The function name. */
  readonly exercise: string;
  /** Library names this exercise may not use (replaced by throwing functions at grading). */
  readonly forbidden: readonly string[];
}

export interface BundleRequest {
  /** The course: its lib/ and (at grading) solutions/. */
  readonly root: string;
  readonly mode: BundleMode;
  /** The hand-in's exercise files by set id (the student's exercises/NN-name.ts). */
  readonly files: ReadonlyMap<string, string>;
  /**
   * The entry's source, given the module specifier of each exercise that builds (`require(spec)`
   * loads that exercise's copy of its set's file; in check mode every exercise of a set shares one).
   */
  readonly entry: (modules: readonly { readonly set: string; readonly exercise: string; readonly specifier: string }[]) => string;
  /** The exercises to build: at grading one copy of the set's modules per exercise. */
  readonly exercises: readonly BundledExercise[];
  /** Every package stays external: it loads under the runner's rules (node_modules, the sandbox's permissions). */
  readonly outFile: string;
  /** Where the entry's own relative imports resolve from (default the course root). */
  readonly resolveDir?: string;
}

/** Why a set's file does not build, per set id. */
export type BundleResult = { readonly ok: true; readonly file: string; readonly broken: ReadonlyMap<string, string> } | { readonly ok: false; readonly broken: ReadonlyMap<string, string> };

/** A module path as TypeScript resolves it: file.ts, or dir/index.ts. */
export function resolveTs(target: string): string | null {
  for (const candidate of [target, `${target}.ts`, path.join(target, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** A regular file (not a symbolic link) whose real path is inside `dir`'s real path. */
function isOwnFile(file: string, dir: string): boolean {
  try {
    return fs.lstatSync(file).isFile() && fs.realpathSync(file).startsWith(fs.realpathSync(dir) + path.sep);
  } catch {
    return false;
  }
}

const EXERCISE_NS = "exercise-copy";
const FACADE_NS = "library-facade";
const REFERENCE_NS = "earlier-reference";
const ENTRY_PREFIX = "course-exercise:";

/** Namespaced paths carry the copy they belong to: "<set>|<exercise>|<file>". */
const tag = (set: string, exercise: string, file: string) => `${set}|${exercise}|${file}`;
function untag(p: string): { set: string; exercise: string; file: string } {
  const [set, exercise, ...rest] = p.split("|");
  return { set, exercise, file: rest.join("|") };
}

/** The resolution rule for one import from a hand-in file of set `set`; throws the student's message. */
function resolveImport(req: BundleRequest, handIn: string, set: string, args: OnResolveArgs): { kind: "external" } | { kind: "own"; file: string } | { kind: "library"; file: string } | { kind: "earlier"; id: string; file: string } {
  if (!/^\.\.?\//.test(args.path)) return { kind: "external" };
  const target = path.resolve(args.resolveDir, args.path);
  if (target.startsWith(handIn + path.sep)) {
    const base = path.basename(target).replace(/\.ts$/, "");
    if (path.dirname(target) === handIn && EXERCISE_ID.test(base) && base !== set) {
      if (base > set) throw new Error(`${args.path}: an exercise file may import only EARLIER exercise files (${base} comes after ${set})`);
      if (req.mode === "grade") {
        const reference = path.join(req.root, "solutions", `${base}.ts`);
        if (!fs.existsSync(reference)) throw new Error(`${args.path}: there is no exercise set ${base}`);
        return { kind: "earlier", id: base, file: reference };
      }
    }
    const own = resolveTs(target);
    if (!own) throw new Error(`cannot find ${args.path} next to the exercise file`);
    // A symbolic link could point anywhere (the solutions): the student's own files only.
    if (!isOwnFile(own, handIn)) throw new Error(`${args.path} is a link or lies outside the hand-in: only the hand-in's own files can be imported`);
    return { kind: "own", file: own };
  }
  // "../lib" from <hand-in>/exercises means <root>/lib.
  const lib = path.join(req.root, "lib") + path.sep;
  const course = resolveTs(path.join(req.root, "exercises", path.relative(handIn, target)));
  if (!course || !course.startsWith(lib)) throw new Error(`${args.path}: an exercise file may import only the course library (../lib), earlier exercise files (./NN-name) and packages`);
  return { kind: "library", file: course };
}

function plugin(req: BundleRequest): Plugin {
  const setOf = new Map<string, string>(); // a hand-in file's real path -> its set id
  for (const [id, file] of req.files) setOf.set(path.resolve(file), id);
  const handInOf = (file: string) => path.dirname(path.resolve(file));
  const forbiddenOf = new Map(req.exercises.map((e) => [`${e.set}|${e.exercise}`, e.forbidden]));
  const grading = req.mode === "grade";
  return {
    name: "course-exercise-policy",
    setup(build) {
      // The entry's exercise modules.
      build.onResolve({ filter: new RegExp(`^${ENTRY_PREFIX}`) }, (args) => {
        const [set, exercise] = args.path.slice(ENTRY_PREFIX.length).split("/");
        const file = req.files.get(set);
        if (!file) return { errors: [{ text: `no file for ${set}` }] };
        if (!isOwnFile(file, handInOf(file))) return { errors: [{ text: `${path.basename(file)} is a symbolic link: hand in the file itself` }] };
        return grading ? { path: tag(set, exercise, path.resolve(file)), namespace: EXERCISE_NS } : { path: path.resolve(file) };
      });
      // Imports from a hand-in file: in a copy (grading) or plain (check).
      const fromHandIn = (args: OnResolveArgs, set: string, exercise: string, importerFile: string): OnResolveResult | undefined => {
        let r: ReturnType<typeof resolveImport>;
        try {
          r = resolveImport(req, handInOf(importerFile), set, args);
        } catch (error) {
          return { errors: [{ text: (error as Error).message }] };
        }
        if (r.kind === "external") return { path: args.path, external: true };
        if (!grading) return { path: r.file };
        if (r.kind === "own") return { path: tag(set, exercise, r.file), namespace: EXERCISE_NS };
        if (r.kind === "library") return { path: tag(set, exercise, r.file), namespace: FACADE_NS };
        return { path: tag(set, exercise, r.file), namespace: REFERENCE_NS };
      };
      build.onResolve({ filter: /.*/, namespace: EXERCISE_NS }, (args) => {
        const { set, exercise, file } = untag(args.importer);
        return fromHandIn(args, set, exercise, file);
      });
      // Check mode: a hand-in file (anything in the hand-in's folder but its checks/) follows the policy.
      const handIns = new Set([...req.files.values()].map(handInOf));
      const libDir = path.join(req.root, "lib") + path.sep;
      build.onResolve({ filter: /.*/, namespace: "file" }, (args) => {
        if (!args.importer || args.importer === "<stdin>") return undefined;
        const importer = path.resolve(args.importer);
        // The library's modules have no side effects (but for the kernel backends, which register
        // themselves as they load): what an exercise does not use (mathjs behind the symbolic
        // helpers, the data sets) is left out of the bundle.
        if (importer.startsWith(libDir) && /^\.\.?\//.test(args.path)) {
          const file = resolveTs(path.resolve(args.resolveDir, args.path));
          const registers = file !== null && (file.startsWith(path.join(libDir, "backends") + path.sep) || file === path.join(libDir, "kernels.ts"));
          return file ? { path: file, sideEffects: registers ? undefined : false } : undefined;
        }
        const dir = [...handIns].find((d) => importer.startsWith(d + path.sep) && !importer.startsWith(path.join(d, "checks") + path.sep));
        if (dir === undefined) return undefined;
        const set = setOf.get(importer) ?? [...setOf.entries()].find(([f]) => handInOf(f) === dir)?.[1] ?? "";
        return fromHandIn(args, set, "", importer);
      });
      build.onLoad({ filter: /.*/, namespace: EXERCISE_NS }, (args) => {
        const { file } = untag(args.path);
        return { contents: fs.readFileSync(file, "utf8"), loader: "ts", resolveDir: path.dirname(file) };
      });
      // The library and earlier reference solutions as this exercise sees them: its forbidden
      // names (and, from a reference, its own name) throw.
      const facade = (args: { path: string }, blockOwnName: boolean) => {
        const { set, exercise, file } = untag(args.path);
        const names = new Set(forbiddenOf.get(`${set}|${exercise}`) ?? []);
        if (blockOwnName) names.add(exercise);
        const blocked = [...names].filter((n) => /^[A-Za-z_$][\w$]*$/.test(n)).map((name) =>
          `export const ${name} = () => { throw new Error(${JSON.stringify(blockOwnName && name === exercise
            ? `${name} from an earlier exercise is what ${exercise} asks you to write: at grading it is not available to your code`
            : `the library's ${name} is what ${exercise} asks you to write: at grading it is not available to your code`)}); };`);
        return { contents: [`export * from ${JSON.stringify(file)};`, ...blocked].join("\n"), loader: "ts" as const, resolveDir: path.dirname(file) };
      };
      build.onLoad({ filter: /.*/, namespace: FACADE_NS }, (args) => facade(args, false));
      build.onLoad({ filter: /.*/, namespace: REFERENCE_NS }, (args) => facade(args, true));
      // What a facade re-exports is the real module, shared by every copy.
      for (const ns of [FACADE_NS, REFERENCE_NS]) build.onResolve({ filter: /.*/, namespace: ns }, (args) => ({ path: path.resolve(args.resolveDir, args.path), sideEffects: ns === FACADE_NS ? false : undefined }));
    },
  };
}

/** The set a build error belongs to (its file lies in that set's copy or is that set's file), if any. */
function setOfError(req: BundleRequest, e: Message): string | null {
  const file = e.location?.file ?? "";
  const direct = file.includes("|") ? untag(file.replace(/^[^:]*:/, "")).set : null;
  if (direct && req.files.has(direct)) return direct;
  for (const [id, f] of req.files) if (file && path.resolve(file.replace(/^[^:]*:/, "")) === path.resolve(f)) return id;
  return null;
}

/** An esbuild message as the student reads it: file:line:column: text, and the line. */
export function buildMessage(e: Message): string {
  if (!e.location) return e.text;
  const file = path.basename(e.location.file.includes("|") ? untag(e.location.file).file : e.location.file);
  return `${file}:${e.location.line}:${e.location.column + 1}: ${e.text}\n    ${e.location.lineText.trim()}`;
}

/**
 * Builds the entry with every set's file. A set whose file does not build (syntax error, an
 * import the policy refuses) is left out and reported in `broken`, and the rest is built again,
 * so one broken file costs only its own exercises.
 */
export async function bundleExercises(req: BundleRequest): Promise<BundleResult> {
  const esbuild = createRequire(path.join(req.root, "package.json"))("esbuild") as typeof import("esbuild");
  const broken = new Map<string, string>();
  let files = new Map(req.files);
  for (;;) {
    const live = { ...req, files, exercises: req.exercises.filter((e) => files.has(e.set)) };
    const modules = live.exercises.map((e) => ({ set: e.set, exercise: e.exercise, specifier: `${ENTRY_PREFIX}${e.set}/${req.mode === "grade" ? e.exercise : ""}` }));
    try {
      // write: false, and the file written here: esbuild's own process writing it could recreate
      // a temporary folder the grader removed on its way out (Ctrl-C, a killed job).
      const built = await esbuild.build({
        stdin: { contents: req.entry(modules), resolveDir: req.resolveDir ?? req.root, sourcefile: "exercise-entry.ts", loader: "ts" },
        bundle: true, platform: "node", format: "cjs", target: "node20", outfile: req.outFile, logLevel: "silent", write: false,
        packages: "external", plugins: [plugin(live)], sourcemap: req.mode === "check" ? "inline" : false,
      });
      for (const out of built.outputFiles) fs.writeFileSync(out.path, out.contents);
      return { ok: true, file: req.outFile, broken };
    } catch (error) {
      const errors = ((error as { errors?: Message[] }).errors ?? []);
      const bySet = new Map<string, Message[]>();
      for (const e of errors) {
        const set = setOfError(live, e);
        if (set) bySet.set(set, [...(bySet.get(set) ?? []), e]);
      }
      if (bySet.size === 0) {
        const why = errors.length > 0 ? errors.slice(0, 5).map(buildMessage).join("\n") : (error as Error).message;
        for (const id of files.keys()) broken.set(id, why);
        return { ok: false, broken };
      }
      for (const [set, list] of bySet) broken.set(set, list.slice(0, 5).map(buildMessage).join("\n"));
      files = new Map([...files].filter(([id]) => !bySet.has(id)));
      if (files.size === 0) return { ok: false, broken };
    }
  }
}
