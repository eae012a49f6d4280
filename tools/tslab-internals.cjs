// What tools/kernel.cjs relies on inside tslab (and the TypeScript it bundles): private names no
// semver protects. They are checked before any patch is applied, so a changed tslab stops the
// kernel at start with one message naming what moved, instead of a kernel that misbehaves later
// in ways only a student in the middle of a notebook would notice.
"use strict";
const fs = require("fs");
const path = require("path");

/** The tslab release the patches in tools/kernel.cjs were written against (package-lock.json pins it). */
const TSLAB_VERSION = "1.0.22";

/** The tslab modules kernel.cjs patches, and the sources of the code whose behaviour it assumes. */
function loadTslab() {
  const dir = path.dirname(require.resolve("tslab/package.json"));
  const tsFile = require.resolve("@tslab/typescript-for-tslab", { paths: [dir] });
  const source = (file) => fs.readFileSync(file, "utf8");
  return {
    version: require("tslab/package.json").version,
    converter: require("tslab/dist/converter.js"),
    jupyter: require("tslab/dist/jupyter.js"),
    util: require("tslab/dist/util.js"),
    main: require("tslab/dist/main.js"),
    ts: require(tsFile),
    sources: {
      converter: source(path.join(dir, "dist", "converter.js")),
      executor: source(path.join(dir, "dist", "executor.js")),
      jupyter: source(path.join(dir, "dist", "jupyter.js")),
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
  ["JupyterHandlerImpl's execQueue (patch 3)", (t) => t.sources.jupyter.includes("this.execQueue = new")],
  ["jupyter's ExecutionCount with a count (patch 3)", (t) => /class ExecutionCount \{\s*constructor\(count\) \{\s*this\.count = count;/.test(t.sources.jupyter)],
  ["util.TaskCanceledError (patch 3)", (t) => isFunction(t.util.TaskCanceledError)],
  [
    "executor runs cells with vm.runInThisContext and reports their errors with console.error (error display)",
    (t) => t.sources.executor.includes("vm_1.default.runInThisContext(wrapped") && t.sources.executor.includes("console.error(e);"),
  ],
  ["main.startKernel", (t) => isFunction(t.main.startKernel)],
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

module.exports = { TSLAB_VERSION, loadTslab, tslabMismatches, verifyTslab };
