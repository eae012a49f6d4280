// The course library (lib/) compiled once for the kernel: JavaScript to run and declarations to
// type-check against. tslab would otherwise type-check and compile every lib/*.ts file in the first
// cell that imports "./lib" (about 5 s in every fresh kernel); against declarations a cell checks in
// a fraction of that. The compiled copy lives in node_modules/.cache/mlp-course-kernel/lib-<hash>,
// where <hash> covers every lib/**/*.ts file, the compiler and this file's format: a changed
// library gets a new copy (built in the first cell that needs it, which says so) and a stale copy
// is never used. `./course setup` and the Binder image build it ahead (`node tools/kernel-library.cjs`).
//
// The library is compiled with the course's own settings (strict, as `npm test` type-checks it) by
// the TypeScript tslab bundles, so the declarations are in a syntax tslab's compiler reads.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

/** Bumped whenever what is written to the cache changes shape. */
const FORMAT = "2";
const CACHE_DIR = path.join("node_modules", ".cache", "mlp-course-kernel");
/** Copies kept for other library versions (another kernel may still read an older one). */
const KEEP_OLD = 2;

/**
 * The compiled JavaScript with every package the library imports (not Node's built-ins, not tslab)
 * loaded when first used, not when the library is: mathjs alone takes longer to load than the rest
 * of the library, and most cells never use it. `const x = require("pkg")` (or wrapped in
 * __importStar/__importDefault) becomes a view that loads the package on first access.
 */
function lazyPackages(js) {
  let lazy = false;
  const out = js.replace(/^const ([\w$]+) = (__importStar\(|__importDefault\()?require\("([^".][^"]*)"\)(\)?);$/gm, (line, name, wrap, pkg, close) => {
    if (Module.isBuiltin(pkg) || pkg === "tslab" || Boolean(wrap) !== Boolean(close)) return line;
    lazy = true;
    return `const ${name} = __loadWhenUsed(() => ${wrap || ""}require(${JSON.stringify(pkg)})${close});`;
  });
  if (!lazy) return js;
  // On the first line, so line numbers stay those TypeScript emitted.
  const helper =
    "function __loadWhenUsed(load) { let m; const get = () => (m ??= load()); return new Proxy({}, { " +
    "get: (_, k) => get()[k], has: (_, k) => k in get(), ownKeys: () => Reflect.ownKeys(get()), " +
    "getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(get(), k); return d && { ...d, configurable: true }; } }); }";
  const [first, ...rest] = out.split("\n");
  return [`${first} ${helper}`, ...rest].join("\n");
}

/** Every lib/**\/*.ts source (not .d.ts), sorted. */
function librarySources(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && file.endsWith(".ts") && !file.endsWith(".d.ts")) out.push(file);
    }
  };
  walk(path.join(root, "lib"));
  return out.sort();
}

/** The hash naming the compiled copy of `root`'s library for this compiler. */
function libraryHash(root, ts) {
  const hash = crypto.createHash("sha256").update(`format ${FORMAT}\0typescript ${ts.version}\0`);
  for (const file of librarySources(root)) {
    hash.update(path.relative(root, file).split(path.sep).join("/") + "\0");
    hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

/** The @types folders tslab type-checks cells with (its own copy when the course has no @types/node). */
function typeRoots(root) {
  const course = path.join(root, "node_modules", "@types");
  if (fs.existsSync(path.join(course, "node", "package.json"))) return [course];
  return [path.join(path.dirname(require.resolve("tslab/package.json", { paths: [__dirname] })), "node_modules", "@types")];
}

/** The compiled copy for the library as it is now: { dir, ready } (ready when it is built). */
function compiledLibrary(root, ts) {
  const dir = path.join(root, CACHE_DIR, `lib-${libraryHash(root, ts)}`);
  return { dir, ready: fs.existsSync(path.join(dir, "lib", "index.js")) && fs.existsSync(path.join(dir, "lib", "index.d.ts")) };
}

/**
 * Compiles lib/ into the cache (JavaScript and declarations, under <dir>/lib/) and returns the
 * copy's folder. Written to a temporary folder renamed into place, so a kernel never reads half a
 * copy. Throws when the library has type errors (the kernel then compiles lib/ itself, as tslab does).
 */
function buildLibrary(root, ts) {
  const { dir, ready } = compiledLibrary(root, ts);
  if (ready) return dir;
  const cache = path.dirname(dir);
  fs.mkdirSync(cache, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cache, "tmp-"));
  try {
    const program = ts.createProgram(librarySources(root), {
      // What tslab runs cells as (ES2022 on Node 18+), with the course's tsconfig strictness.
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      resolveJsonModule: true,
      strict: true,
      skipLibCheck: true,
      types: ["node"],
      typeRoots: typeRoots(root),
      declaration: true,
      rootDir: root,
      outDir: tmp,
    });
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
    const emitted = program.emit(undefined, (file, text) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, file.endsWith(".js") ? lazyPackages(text) : text);
    });
    errors.push(...emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error));
    if (errors.length > 0) {
      const first = errors.slice(0, 3).map((d) => {
        const where = d.file ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : "";
        return where + ts.flattenDiagnosticMessageText(d.messageText, " ");
      });
      throw new Error(`lib/ has ${errors.length} type error(s): ${first.join("; ")}`);
    }
    try {
      fs.renameSync(tmp, dir);
    } catch (error) {
      // Another kernel built the same copy meanwhile: keep theirs.
      if (!compiledLibrary(root, ts).ready) throw error;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  pruneOldCopies(cache, dir);
  return dir;
}

function pruneOldCopies(cache, keep) {
  const copies = fs.readdirSync(cache)
    .filter((name) => name.startsWith("lib-") && path.join(cache, name) !== keep)
    .map((name) => ({ dir: path.join(cache, name), time: fs.statSync(path.join(cache, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of copies.slice(KEEP_OLD)) fs.rmSync(old.dir, { recursive: true, force: true });
}

/**
 * Makes Node run the compiled copy wherever the course's code loads lib/: `require("./lib")` from a
 * cell, `require("../lib")` from an exercise file tslab compiled. Also sends `require("tslab")` from
 * the library to the tslab that runs this kernel (its display functions write to this kernel's
 * session), as tslab does for the code it compiles itself. Returns a function mapping a compiled
 * file back to its source (for error messages).
 */
function runCompiledLibrary(root, dir, tslabMain) {
  const libSources = path.join(root, "lib");
  const libCompiled = path.join(dir, "lib");
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if (request === "tslab" && tslabMain) return tslabMain;
    if (parent && parent.filename && (request.startsWith("./") || request.startsWith("../"))) {
      const target = path.resolve(path.dirname(parent.filename), request);
      if (target === libSources || target.startsWith(libSources + path.sep)) {
        const inCopy = path.join(libCompiled, path.relative(libSources, target));
        for (const candidate of [inCopy + ".js", path.join(inCopy, "index.js")]) {
          if (fs.existsSync(candidate)) return candidate;
        }
      }
    }
    return resolve.call(this, request, parent, ...rest);
  };
  return (file) => {
    if (!file.startsWith(libCompiled + path.sep) || !file.endsWith(".js")) return null;
    return path.join(libSources, path.relative(libCompiled, file)).replace(/\.js$/, ".ts");
  };
}

module.exports = { buildLibrary, compiledLibrary, lazyPackages, libraryHash, librarySources, runCompiledLibrary, typeRoots, CACHE_DIR };

// node tools/kernel-library.cjs [COURSE_ROOT]: builds the compiled copy ahead (./course setup, postBuild).
if (require.main === module) {
  const root = path.resolve(process.argv[2] || path.join(__dirname, ".."));
  const ts = require("./tslab-internals.cjs").loadTypeScript();
  const started = Date.now();
  const before = compiledLibrary(root, ts);
  try {
    const dir = buildLibrary(root, ts);
    const took = before.ready ? "already built" : `built in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    console.log(`the kernel's compiled library: ${path.relative(root, dir)} (${took})`);
  } catch (error) {
    console.error(`could not compile lib/ for the kernel: ${error.message}`);
    process.exit(1);
  }
}
