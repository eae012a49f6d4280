// What tools/kernel.cjs relies on inside tslab (and the TypeScript it bundles): private names no
// semver protects. They are checked before any patch is applied, so a changed tslab stops the
// kernel at start with one message naming what moved, instead of a kernel that misbehaves later
// in ways only a student in the middle of a notebook would notice.
//
// Three changes sit inside a closure of tslab's converter, out of reach of a wrapper, so they are
// made to its source text as it is loaded (SOURCE_PATCHES: each text to replace must occur exactly
// once). They call back into the kernel through KERNEL_HOOKS; without hooks tslab behaves as before.
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");

/** The tslab release the patches in tools/kernel.cjs were written against (package-lock.json pins it). */
const TSLAB_VERSION = "1.0.22";

/** Where the kernel puts the hooks the patched converter calls: { compilerOptions, blocksEmit }. */
const KERNEL_HOOKS = Symbol.for("mlp-course.kernel");
const HOOKS = `globalThis[Symbol.for("mlp-course.kernel")]`;

/** Changes to tslab's dist/converter.js source, each with what it is for. */
const SOURCE_PATCHES = [
  {
    what: "converter's compiler options take the kernel's additions (compilerOptions hook)",
    find: "        disableTopLevelAwait: true,\n",
    replace: `        disableTopLevelAwait: true,\n        ...(${HOOKS} || {}).compilerOptions,\n`,
  },
  {
    what: "converter's early return on diagnostics lets the kernel decide which ones stop a cell (blocksEmit hook)",
    find: "        if (diag.diagnostics.length > 0) {\n            return {\n                diagnostics: diag.diagnostics,\n            };\n        }\n",
    replace:
      `        if (diag.diagnostics.some((d) => ((${HOOKS} || {}).blocksEmit || (() => true))(d))) {\n` +
      "            return {\n                diagnostics: diag.diagnostics,\n            };\n        }\n",
  },
  {
    // tslab drops the file name of every diagnostic with a message chain ("28:3 - Type 'string[]' ...").
    what: "converter's traverseDiagnosticMessageChain keeps the file name",
    find: "            code: msg.code,\n        });\n",
    replace: "            code: msg.code,\n            fileName,\n        });\n",
  },
  {
    what: "converter's traverseDiagnosticMessageChain passes the file name to chained messages",
    find: "            traverseDiagnosticMessageChain(start, end, child, out);\n",
    replace: "            traverseDiagnosticMessageChain(start, end, child, out, fileName);\n",
  },
];

/** How many times `find` occurs in `text`. */
const occurrences = (text, find) => text.split(find).length - 1;

/** `source` with every patch that matches exactly once applied (verifyTslab reports the others). */
function patchSource(source, patches) {
  return patches.reduce((text, p) => (occurrences(text, p.find) === 1 ? text.replace(p.find, () => p.replace) : text), source);
}

const PATCHED = Symbol("loaded with the course's source patches");

/**
 * Loads `file` as a CommonJS module from `source` instead of its text on disk, unless already
 * loaded (then it is whatever was loaded first; the PATCHED mark tells).
 */
function loadPatched(file, source) {
  if (require.cache[file]) return require.cache[file].exports;
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod._compile(source, file);
  mod.loaded = true;
  require.cache[file] = mod;
  mod.exports[PATCHED] = true;
  return mod.exports;
}

/** The TypeScript that tslab bundles (the compiler cells are checked with). */
function loadTypeScript() {
  const dir = path.dirname(require.resolve("tslab/package.json"));
  return require(require.resolve("@tslab/typescript-for-tslab", { paths: [dir] }));
}

/**
 * The tslab modules kernel.cjs patches, and the sources of the code whose behaviour it assumes.
 * The converter is loaded with SOURCE_PATCHES applied, before any other tslab module requires it.
 */
function loadTslab() {
  const dir = path.dirname(require.resolve("tslab/package.json"));
  const tsFile = require.resolve("@tslab/typescript-for-tslab", { paths: [dir] });
  const source = (file) => fs.readFileSync(file, "utf8");
  const converterFile = path.join(dir, "dist", "converter.js");
  return {
    version: require("tslab/package.json").version,
    converter: loadPatched(converterFile, patchSource(source(converterFile), SOURCE_PATCHES)),
    jupyter: require("tslab/dist/jupyter.js"),
    util: require("tslab/dist/util.js"),
    main: require("tslab/dist/main.js"),
    ts: require(tsFile),
    sources: {
      converter: source(path.join(dir, "dist", "converter.js")),
      executor: source(path.join(dir, "dist", "executor.js")),
      jupyter: source(path.join(dir, "dist", "jupyter.js")),
      main: source(path.join(dir, "dist", "main.js")),
      typescript: source(tsFile),
    },
  };
}

const isFunction = (value) => typeof value === "function";
const handler = (t) => (t.jupyter.JupyterHandlerImpl && t.jupyter.JupyterHandlerImpl.prototype) || {};
const sysTimer = (t, name) => {
  const d = t.ts.sys && Object.getOwnPropertyDescriptor(t.ts.sys, name);
  return Boolean(d && d.configurable && isFunction(d.value));
};

/** Each name kernel.cjs uses, with the patch that needs it. */
const REQUIREMENTS = [
  ["converter.createConverter (patches 1 and 2 wrap it)", (t) => isFunction(t.converter.createConverter)],
  ["converter output's sideOutputs (patch 1 adds folder-import aliases to them)", (t) => t.sources.converter.includes("sideOutputs,")],
  [
    "converter builds its system as Object.create(ts.sys) and assigns sys.setTimeout / sys.clearTimeout (patch 2)",
    (t) => ["Object.create(ts.sys)", "sys.setTimeout =", "sys.clearTimeout ="].every((s) => t.sources.converter.includes(s)),
  ],
  ["ts.sys.setTimeout and ts.sys.clearTimeout as configurable functions (patch 2)", (t) => sysTimer(t, "setTimeout") && sysTimer(t, "clearTimeout")],
  ["TypeScript's watch callback updateProgramWithWatchStatus (patch 2)", (t) => t.sources.typescript.includes("function updateProgramWithWatchStatus(")],
  ["jupyter.JupyterHandlerImpl.prototype.handleExecute (patch 3)", (t) => isFunction(handler(t).handleExecute)],
  ["jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl (patch 3, error display)", (t) => isFunction(handler(t).handleExecuteImpl)],
  ["jupyter.JupyterHandlerImpl.prototype.handleKernel (start-up warm-up after the kernel_info reply)", (t) => isFunction(handler(t).handleKernel)],
  ["main.startKernel creates the node converter before the server starts (`convs.node;`), lazily replaced", (t) => t.sources.main.includes("convs.node; // Warm the converter")],
  ["JupyterHandlerImpl's execQueue (patch 3)", (t) => t.sources.jupyter.includes("this.execQueue = new")],
  ["jupyter's ExecutionCount with a count (patch 3)", (t) => /class ExecutionCount \{\s*constructor\(count\) \{\s*this\.count = count;/.test(t.sources.jupyter)],
  ["util.TaskCanceledError (patch 3)", (t) => isFunction(t.util.TaskCanceledError)],
  [
    'executor hands cells their scope with vm.runInThisContext("(x) => {globalThis.__tslab__ = x; }") (live exercise modules)',
    (t) => t.sources.executor.includes('vm_1.default.runInThisContext("(x) => {globalThis.__tslab__ = x; }")'),
  ],
  [
    'executor wraps a cell as "(function(exports, require) { ..." and runs it with breakOnSigint (error display)',
    (t) => ['? "(async function(exports, require) { "', ': "(function(exports, require) { "', "breakOnSigint: true"].every((x) => t.sources.executor.includes(x)),
  ],
  ["JupyterHandlerImpl counts cells with ++this.execCount (error display names earlier cells by count)", (t) => t.sources.jupyter.includes("new ExecutionCount(++this.execCount)")],
  [
    "executor runs cells with vm.runInThisContext and reports their errors with console.error (error display)",
    (t) => t.sources.executor.includes("vm_1.default.runInThisContext(wrapped") && t.sources.executor.includes("console.error(e);"),
  ],
  ["main.startKernel", (t) => isFunction(t.main.startKernel)],
  ...SOURCE_PATCHES.map((p) => [`${p.what} (source patch)`, (t) => occurrences(t.sources.converter, p.find) === 1]),
  ["converter loaded with the source patches (nothing loaded tslab's converter before)", (t) => t.converter[PATCHED] === true],
];

/** What no longer matches, one line each; empty when kernel.cjs can patch this tslab. */
function tslabMismatches(t) {
  const problems = [];
  if (t.version !== TSLAB_VERSION) problems.push(`tslab is version ${t.version}, not ${TSLAB_VERSION}`);
  for (const [what, holds] of REQUIREMENTS) {
    let ok = false;
    try {
      ok = holds(t);
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`not found: ${what}`);
  }
  return problems;
}

/** Throws one clear message when tslab is not the one kernel.cjs was written for; returns `t`. */
function verifyTslab(t) {
  const problems = tslabMismatches(t);
  if (problems.length === 0) return t;
  throw new Error(
    `The course kernel (tools/kernel.cjs) cannot start: it patches tslab ${TSLAB_VERSION}'s internals, and this tslab differs:\n` +
      problems.map((p) => `  - ${p}`).join("\n") +
      `\nRun ./course setup to reinstall the pinned packages (npm ci). If tslab was upgraded on purpose, ` +
      `check each patch in tools/kernel.cjs against the new tslab, then update tools/tslab-internals.cjs.`,
  );
}

module.exports = { KERNEL_HOOKS, SOURCE_PATCHES, TSLAB_VERSION, loadTslab, loadTypeScript, patchSource, tslabMismatches, verifyTslab };
