// The course's Jupyter kernel (kernel spec "tslab-mlp"): tslab 1.0.22, started from the course
// root of the notebook it serves, with tslab's defects patched and the course's additions.
// Usage: node tools/kernel.cjs <connection_file>
//
// Which course: Jupyter starts a kernel in its notebook's folder; the kernel walks up to the
// course root (tools/kernel-course.cjs), so one kernel spec installed in an image serves every
// student's own copy; the kernel's code and packages may live elsewhere (in the image).
// Why the course root: tslab compiles cells with the current folder as TypeScript's rootDir, so
// `import ... from "../lib"` in notebooks/ fails ("is not under rootDir"). From the root, every
// notebook imports with the same paths: `import { sigmoid } from "./lib"`,
// `import * as mine from "./exercises/00-welcome"`.
"use strict";
const processStart = Date.now();
const fs = require("fs");
/** MLP_KERNEL_TIMING=1: where a kernel's time goes, on its stderr (the Jupyter server's log). */
const timing = process.env.MLP_KERNEL_TIMING
  ? (what) => {
      const cpu = process.cpuUsage();
      fs.writeSync(2, `[tslab-mlp kernel] ${Date.now() - processStart} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms): ${what}\n`);
    }
  : () => {};
const path = require("path");
const { spawn } = require("child_process");
const { findCourseRoot, outsideCourseMessage, providePackages } = require("./kernel-course.cjs");

const KERNEL_HOME = path.resolve(__dirname, "..");
const started = process.cwd();
const root = findCourseRoot(started);
if (root) {
  const packages = providePackages(root, KERNEL_HOME);
  if (packages !== "own" && packages !== "linked") console.error(`[tslab-mlp kernel] ${packages}`);
  process.chdir(root);
}

const Module = require("module");
const vm = require("vm");
const { useCompileCache } = require("./kernel-compile-cache.cjs");
const { formatError, formatFileDiagnostics } = require("./kernel-errors.cjs");
const { compiledLibrary, runCompiledLibrary } = require("./kernel-library.cjs");
const { createModules } = require("./kernel-modules.cjs");
const { installFileViews } = require("./kernel-typescript.cjs");
const { KERNEL_HOOKS, loadTslab, verifyTslab } = require("./tslab-internals.cjs");

// TypeScript's compiled code from V8's cache (tools/kernel-compile-cache.cjs), saved after the first cell.
const saveCompileCache = useCompileCache(
  require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/package.json"))] }),
  path.join(KERNEL_HOME, "node_modules", ".cache", "mlp-course-kernel", "v8"),
);

// Every private name patched below is checked first (tools/tslab-internals.cjs): a changed tslab
// stops here, with a message naming what changed, rather than patching the wrong thing.
let tslab;
try {
  tslab = verifyTslab(loadTslab());
} catch (error) {
  console.error(`[tslab-mlp kernel] ${error.message}`);
  process.exit(1);
}
const { converter, jupyter, ts } = tslab;
const { TaskCanceledError } = tslab.util;
timing("tslab and TypeScript loaded");

// Which diagnostics stop a cell: the cell's own, and syntax errors anywhere (there is no code to
// run). A type error in a file the cell imports (an exercise file) is reported and the code runs,
// as `npm run check` and the grader run it. Read by tslab's patched converter.
const blocksCell = (d) => !d.fileName || d.fileName === "__prev__.d.ts" || d.code < 2000;
globalThis[KERNEL_HOOKS] = {
  compilerOptions: {
    // Only @types/node: tslab would load every package under node_modules/@types (test tools' too).
    // Otherwise tslab's options stay (not strict: notebooks are written for them; the editor,
    // npm run check and the grader check exercise files strictly, and all of them run the code).
    types: ["node"],
  },
  blocksEmit: blocksCell,
};

// What TypeScript reads (tools/kernel-typescript.cjs), the compiled library (kernel-library.cjs)
// and the course's modules as they are edited (kernel-modules.cjs).
const views = installFileViews(ts, root);
const modules = createModules({ root: root || started, watchers: views.watchers, sourcesRead: views.sourcesRead, changedKind: ts.FileWatcherEventKind.Changed });
let libraryFile = () => null;
const tslabMain = require.resolve("tslab", { paths: [KERNEL_HOME] });
function useLibrary(dir) {
  views.setLibrary(dir);
  libraryFile = runCompiledLibrary(root, dir, tslabMain);
}
/** The library's compiled copy being built (a changed lib/, or none built yet), or null. */
let libraryBuild = null;
if (root) {
  const library = compiledLibrary(root, ts);
  if (library.ready) useLibrary(library.dir);
  else libraryBuild = buildLibraryInBackground();
}

/** Builds the compiled library in a child process while the kernel starts; resolves with the failure, if any. */
function buildLibraryInBackground() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, "kernel-library.cjs"), root], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => resolve(error.message));
    child.on("exit", (code) => {
      const library = compiledLibrary(root, ts);
      if (code === 0 && library.ready) {
        useLibrary(library.dir);
        resolve(null);
      } else resolve(stderr.trim() || `exit ${code}`);
    });
  });
}

// What errors are explained with (see kernel-errors.cjs): each cell's TypeScript and the JavaScript
// tslab ran for it, run under a file name of its own ("mlp-cell-3"), so a function defined in an
// earlier cell is quoted from that cell. Also where tslab hands every cell its scope (exports,
// require): the course's modules are made live there (kernel-modules.cjs).
const cell = { source: "", count: null, name: "" };
const ranCells = new Map();
const SCOPE_SETTER = "(x) => {globalThis.__tslab__ = x; }";
const isCellCode = (code, options) => Boolean(options && options.breakOnSigint) && /^\(async function\(exports, require\) \{ |^\(function\(exports, require\) \{ /.test(code);
const runInThisContext = vm.runInThisContext;
vm.runInThisContext = function (code, options) {
  if (code === SCOPE_SETTER) {
    const set = runInThisContext.call(this, code, options);
    return (scope) => set(modules.wrapCellScope(scope));
  }
  if (!isCellCode(code, options)) return runInThisContext.call(this, code, options);
  cell.name = `mlp-cell-${ranCells.size + 1}`;
  ranCells.set(cell.name, { source: cell.source, js: code, count: cell.count });
  return runInThisContext.call(this, code, { ...options, filename: cell.name });
};

// Defect 1: tslab's require hook looks up "./lib" among its compiled outputs only as "lib.js",
// never "lib/index.js", so a folder import that TypeScript resolved fails at run time with
// "Cannot find module './lib'". For every compiled <dir>/index.js we add an output <dir>.js that
// re-exports it (unless <dir>.ts or <dir>.js exists, which TypeScript would have chosen).
function addFolderImportAliases(conv) {
  const convert = conv.convert;
  conv.convert = function (prevDecl, src) {
    const out = convert.call(this, prevDecl, src);
    if (!out.sideOutputs) return out;
    const emitted = new Set(out.sideOutputs.map((o) => o.path));
    for (const o of out.sideOutputs.slice()) {
      if (path.basename(o.path) !== "index.js") continue;
      const dir = path.dirname(o.path);
      const alias = dir + ".js";
      if (emitted.has(alias) || [".ts", ".tsx", ".js"].some((ext) => fs.existsSync(dir + ext))) continue;
      const target = JSON.stringify("./" + path.basename(dir) + "/index");
      out.sideOutputs.push({ path: alias, data: `module.exports = require(${target});\n` });
    }
    return out;
  };
  return conv;
}

// Defect 2: TypeScript's watch program uses two timers, one for program updates and one for
// re-resolving imports that failed before (scheduled when a .ts file appears or changes in a
// folder where a lookup failed, e.g. next to a folder import like "./lib"). tslab replaces
// timers with a single slot that it runs when the next cell compiles, and throws "Unexpected
// pending rebuildTimer" when both are pending: that cell fails and so does every later one
// until the kernel restarts. Here tslab's slot keeps program updates only; the other timers
// wait in a queue and run just before the next program update.
function withQueuedWatchTimers(create) {
  // tslab builds its system as Object.create(ts.sys) and assigns setTimeout/clearTimeout to it;
  // setters on ts.sys, present only while tslab does that, let us wrap what it assigns.
  const saved = {};
  const slots = { setTimeout: null, clearTimeout: null };
  const queued = new Set();
  const wrappers = {
    setTimeout(callback, ms, ...args) {
      if (callback.name !== "updateProgramWithWatchStatus") {
        const handle = { run: () => callback(...args) };
        queued.add(handle);
        return handle;
      }
      return slots.setTimeout(() => {
        for (const handle of Array.from(queued)) {
          queued.delete(handle);
          handle.run();
        }
        callback(...args);
      }, ms);
    },
    clearTimeout(handle) {
      if (!queued.delete(handle)) slots.clearTimeout(handle);
    },
  };
  for (const name of Object.keys(slots)) {
    saved[name] = Object.getOwnPropertyDescriptor(ts.sys, name);
    Object.defineProperty(ts.sys, name, {
      configurable: true,
      get: () => saved[name].value,
      set(fn) {
        slots[name] = fn;
        Object.defineProperty(this, name, { value: wrappers[name], writable: true, configurable: true, enumerable: true });
      },
    });
  }
  try {
    return create();
  } finally {
    for (const name of Object.keys(slots)) Object.defineProperty(ts.sys, name, saved[name]);
  }
}

// Edits reach every cell (tools/kernel-modules.cjs): before a cell is compiled, course files saved
// since they were compiled are compiled again even when the cell does not import them (a plain
// cell calling `mine.f(...)`), and tslab loads the changed modules (and those importing them).
// Type errors in imported files are shown as a note; the cell runs (blocksCell above).
function withFreshModules(conv) {
  const convert = conv.convert;
  conv.convert = function (prevDecl, src) {
    const changed = modules.changedSources();
    modules.notifyChanged(changed);
    const outputs = [];
    const notes = [];
    if (changed.length > 0) {
      const again = convert.call(this, prevDecl, changed.map((f) => `import ${JSON.stringify(modules.specifierOf(f.replace(/\.tsx?$/, ".js")))};`).join("\n"));
      outputs.push(...(again.sideOutputs || []));
      notes.push(...again.diagnostics.filter((d) => d.fileName && d.fileName !== "__prev__.d.ts"));
    }
    const out = convert.call(this, prevDecl, src);
    outputs.push(...(out.sideOutputs || []));
    out.sideOutputs = modules.takeOutputs(outputs);
    if (out.diagnostics.some(blocksCell)) return out;
    const seen = new Set();
    const fileNotes = [...notes, ...out.diagnostics].filter((d) => {
      const key = `${d.fileName}:${d.start.line}:${d.start.character}:${d.messageText}`;
      return !seen.has(key) && seen.add(key);
    });
    if (fileNotes.length > 0) process.stderr.write(formatFileDiagnostics(fileNotes) + "\n");
    out.diagnostics = [];
    return out;
  };
  return conv;
}

// Start-up: tslab builds its converter (TypeScript parsing the standard declarations, about a
// second) before the kernel answers Jupyter, and the first cell importing "./lib" parses the
// library's declarations. Here the kernel answers first (JupyterLab shows it ready) and does both
// right after, while the student reads the notebook; a cell sent meanwhile waits for it, as before.
const createConverter = converter.createConverter;
function courseConverter(options) {
  const conv = withFreshModules(addFolderImportAliases(withQueuedWatchTimers(() => createConverter(options))));
  timing("converter created");
  const convert = conv.convert;
  conv.convert = function (...args) {
    const out = convert.apply(this, args);
    timing("cell compiled");
    return out;
  };
  return conv;
}
let warmUp = () => {};
converter.createConverter = (options) => {
  if (options && options.isBrowser) return courseConverter(options);
  let conv = null;
  const real = () => conv || (conv = courseConverter(options));
  warmUp = () => {
    warmUp = () => {};
    try {
      real();
      if (root && !libraryBuild) {
        real().convert("", 'import "./lib";\nimport "./lib/notebook";\n');
        const require = Module.createRequire(path.join(root, "__kernel_warm_up__.js"));
        require("./lib");
        require("./lib/notebook");
      }
      timing("warmed up");
      saveCompileCache();
    } catch (error) {
      console.error(`[tslab-mlp kernel] warm-up failed (cells still run): ${error.stack || error}`);
    }
  };
  return {
    convert: (...args) => real().convert(...args),
    inspect: (...args) => real().inspect(...args),
    complete: (...args) => real().complete(...args),
    addModule: (...args) => real().addModule(...args),
    close: () => conv && conv.close(),
  };
};
// Once Jupyter has its replies: a client repeats kernel_info until its status messages arrive too,
// so the warm-up waits until a moment passes without one.
let warmUpTimer = null;
const handleKernel = jupyter.JupyterHandlerImpl.prototype.handleKernel;
jupyter.JupyterHandlerImpl.prototype.handleKernel = function (...args) {
  const info = handleKernel.apply(this, args);
  clearTimeout(warmUpTimer);
  warmUpTimer = setTimeout(() => warmUp(), 300);
  return info;
};

// Defect 3: after any failed cell tslab cancels every queued request (reply status "abort"),
// even one sent with stop_on_error=false. JupyterLab and nbclient send that flag for cells tagged
// "raises-exception", so Run All stopped right after such a cell. For those requests we report
// the error but keep the queue's promise chain resolved, so later cells still run.
const handleExecute = jupyter.JupyterHandlerImpl.prototype.handleExecute;
jupyter.JupyterHandlerImpl.prototype.handleExecute = async function (req, writeStream, writeDisplayData) {
  if (req.stop_on_error !== false) return handleExecute.call(this, req, writeStream, writeDisplayData);
  let failure = null;
  const task = () =>
    this.handleExecuteImpl(req, writeStream, writeDisplayData).catch((error) => {
      failure = error; // an ExecutionCount thrown by tslab on a failed cell (or an unexpected error)
      return null;
    });
  try {
    const count = await this.execQueue.add(task);
    if (failure) {
      if (typeof failure.count !== "number") console.error("unexpected error:", failure);
      return { status: "error", execution_count: typeof failure.count === "number" ? failure.count : undefined };
    }
    return { status: "ok", execution_count: count.count };
  } catch (error) {
    // An earlier request with stop_on_error=true failed: this one is cancelled, as usual.
    if (error instanceof TaskCanceledError) return { status: "abort", execution_count: undefined };
    throw error;
  }
};

// Errors a cell throws reach console.error (tslab captures it at start-up): show them the student's way.
const consoleError = console.error;
console.error = (...args) => {
  const context = { root: process.cwd(), cell: cell.name, cells: ranCells, version: modules.version, libraryFile: (file) => libraryFile(file) };
  consoleError(...args.map((a) => (a instanceof Error ? formatError(a, context) : a)));
};
let firstCell = true;
const handleExecuteImpl = jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl;
jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl = async function (req, writeStream, ...rest) {
  cell.source = req.code;
  cell.count = this.execCount + 1; // tslab counts this cell next
  if (firstCell && !root) writeStream("stderr", outsideCourseMessage(started) + "\n");
  if (firstCell) warmUp = () => {}; // a cell came first: it compiles what it needs itself
  firstCell = false;
  if (libraryBuild) {
    // The cell says what it waits for (the build runs in a child process, so this is sent at once).
    writeStream("stdout", "Compiling the course library for this kernel (once after lib/ changes, 10 to 30 s)...\n");
    const failure = await libraryBuild;
    libraryBuild = null;
    if (failure) writeStream("stderr", `Could not compile lib/ ahead (${failure}); cells compile it from its sources instead.\n`);
  }
  try {
    return await handleExecuteImpl.call(this, req, writeStream, ...rest);
  } finally {
    saveCompileCache();
  }
};

tslab.main.startKernel({ configPath: process.argv[2], enableFindLocal: false });
