// The course's Jupyter kernel (kernel spec "tslab-mlp"): tslab 1.0.22, started from the course
// root, with three of its defects patched. Usage: node tools/kernel.cjs <connection_file>
//
// Why the course root: tslab compiles cells with the current folder as TypeScript's rootDir and
// Jupyter starts kernels in the notebook's folder, so `import ... from "../lib"` in notebooks/
// fails ("is not under rootDir"). From the root, every notebook imports with the same paths:
// `import { sigmoid } from "./lib"`, `import * as mine from "./exercises/00-welcome"`.
"use strict";
const fs = require("fs");
const path = require("path");

process.chdir(path.resolve(__dirname, ".."));

const vm = require("vm");
const { formatError } = require("./kernel-errors.cjs");
const { loadTslab, verifyTslab } = require("./tslab-internals.cjs");

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

// What errors are explained with (see kernel-errors.cjs): the cell being run, the JavaScript tslab
// ran for it, and the compiled JavaScript of the files it imported.
const compiled = new Map();
const cell = { source: "", js: "" };
const runInThisContext = vm.runInThisContext;
vm.runInThisContext = function (code, options) {
  cell.js = code;
  return runInThisContext.call(this, code, options);
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
    for (const o of out.sideOutputs) compiled.set(o.path, o.data);
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

const createConverter = converter.createConverter;
converter.createConverter = (options) => addFolderImportAliases(withQueuedWatchTimers(() => createConverter(options)));

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
  const root = process.cwd();
  consoleError(...args.map((a) => (a instanceof Error ? formatError(a, { root, cell, compiled }) : a)));
};
const handleExecuteImpl = jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl;
jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl = function (req, ...rest) {
  cell.source = req.code;
  return handleExecuteImpl.call(this, req, ...rest);
};

tslab.main.startKernel({ configPath: process.argv[2], enableFindLocal: false });
