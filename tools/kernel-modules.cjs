// The course's own modules (exercise files, their checks: the .ts files tslab compiles next to the
// cells) as a student edits them. tslab re-compiles a saved file only when a cell imports it again,
// and every earlier cell's `mine` keeps the module object it was given: a plain cell calling
// `mine.argmaxClasses(...)` ran the old code. Here:
//   - before each cell, files saved since they were compiled are compiled again, whether or not
//     the cell imports them (their stat is compared; the operating system's notice may come late);
//   - a module a cell imports is a live view of the module's latest version, and names imported
//     from it (`import { f } from ...`) stay bound to it, so every cell sees the saved file;
//   - a module that imports a changed one is loaded again too (an exercise importing an earlier one);
//   - each compiled version is a file of its own in stack traces (`x.js#3`), so an error is quoted
//     from the source of the version that ran, not from whatever the file holds now.
"use strict";
const fs = require("fs");
const path = require("path");

const stamp = (file) => {
  try {
    const s = fs.statSync(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return "missing";
  }
};

/** Relative requires in compiled CommonJS: require("./x"), require("../lib"). */
function relativeRequires(js) {
  const out = [];
  for (const m of js.matchAll(/\brequire\("(\.{1,2}\/[^"]*)"\)/g)) out.push(m[1]);
  return out;
}

/**
 * `root`: the course root; `watchers`: TypeScript's file watchers (kernel-typescript.cjs);
 * `sourcesRead`: the text TypeScript last read of each course file; `changedKind`: TypeScript's
 * FileWatcherEventKind.Changed.
 */
function createModules({ root, watchers, sourcesRead, changedKind }) {
  /** Latest compiled JavaScript per output path (<root>/exercises/x.js), without the version suffix. */
  const latest = new Map();
  /** Every compiled version: "<path>#<n>" -> { js, source } (source: the TypeScript it came from). */
  const versions = new Map();
  /** Output path -> the stamp of its source when it was compiled. */
  const compiledStamp = new Map();
  let version = 0;
  /** Bumped whenever a module is replaced, so live views look their module up again. */
  let generation = 0;

  const sourceOf = (jsFile) => jsFile.replace(/\.js$/, ".ts");
  const specifierOf = (jsFile) => "./" + path.relative(root, jsFile).split(path.sep).join("/").replace(/\.js$/, "");

  /** Course sources saved since they were compiled. */
  function changedSources() {
    const changed = [];
    for (const [jsFile, before] of compiledStamp) {
      const ts = sourceOf(jsFile);
      if (fs.existsSync(ts) && stamp(ts) !== before) changed.push(ts);
    }
    return changed;
  }

  /** Tells TypeScript (and tslab) now that `files` changed, as their watchers would. */
  function notifyChanged(files) {
    for (const file of files) for (const callback of Array.from(watchers.get(file) || [])) callback(file, changedKind);
  }

  /** Outputs whose modules require one of `paths` (directly or through others), with their code. */
  function dependentsOf(paths) {
    const out = new Set();
    const queue = [...paths];
    while (queue.length > 0) {
      const changed = queue.pop();
      for (const [file, js] of latest) {
        if (out.has(file) || paths.includes(file)) continue;
        const deps = relativeRequires(js).map((spec) => {
          const target = path.resolve(path.dirname(file), spec);
          return path.extname(target) === "" ? target + ".js" : target;
        });
        if (deps.includes(changed)) {
          out.add(file);
          queue.push(file);
        }
      }
    }
    return [...out];
  }

  /**
   * Takes tslab's side outputs of a conversion: keeps the ones whose code changed (with a version
   * suffix for stack traces), adds the modules that import them (so tslab loads those again), and
   * records what was compiled. Returns the outputs tslab should load.
   */
  function takeOutputs(outputs) {
    const changed = [];
    for (const o of outputs) {
      const plain = o.data.replace(/\n\/\/# sourceURL=\S*\n?$/, "");
      const tsFile = sourceOf(o.path);
      if (tsFile.startsWith(root + path.sep) && fs.existsSync(tsFile)) compiledStamp.set(o.path, stamp(tsFile));
      if (latest.get(o.path) === plain) continue;
      latest.set(o.path, plain);
      changed.push(o.path);
    }
    if (changed.length === 0) return [];
    generation++;
    const reload = [...changed, ...dependentsOf(changed)];
    return reload.map((file) => {
      const key = `${file}#${++version}`;
      versions.set(key, { js: latest.get(file), source: sourcesRead.get(sourceOf(file)) });
      return { path: file, data: `${latest.get(file)}\n//# sourceURL=${key}\n` };
    });
  }

  /** A live view of the module at output path `file`, loaded with tslab's `require`. */
  const views = new Map();
  function liveView(file, tslabRequire) {
    if (views.has(file)) return views.get(file);
    let current = null;
    let seen = -1;
    const module = () => {
      if (seen !== generation) {
        current = tslabRequire(specifierOf(file));
        seen = generation;
      }
      return current;
    };
    const view = new Proxy(
      {},
      {
        get: (_, name) => module()[name],
        set: (_, name, value) => Reflect.set(module(), name, value),
        has: (_, name) => name in module(),
        ownKeys: () => Reflect.ownKeys(module()),
        getOwnPropertyDescriptor: (_, name) => {
          const d = Reflect.getOwnPropertyDescriptor(module(), name);
          return d && { ...d, configurable: true };
        },
        defineProperty: (_, name, d) => Reflect.defineProperty(module(), name, d),
        deleteProperty: (_, name) => Reflect.deleteProperty(module(), name),
        getPrototypeOf: () => Reflect.getPrototypeOf(module()),
      },
    );
    views.set(file, view);
    return view;
  }

  /**
   * Wraps what tslab gives every cell as `__tslab__` ({ exports, require }): requires of course
   * modules return live views, and names bound with a getter (imports) stay live in later cells.
   */
  function wrapCellScope(scope) {
    const tslabRequire = scope.require;
    const require = new Proxy(tslabRequire, {
      apply(target, self, args) {
        const result = Reflect.apply(target, self, args);
        const spec = args[0];
        if (args.length !== 1 || typeof spec !== "string" || !spec.startsWith(".")) return result;
        const file = path.resolve(root, spec) + (path.extname(spec) === "" ? ".js" : "");
        return latest.has(file) ? liveView(file, tslabRequire) : result;
      },
    });
    const getters = new Map();
    const exports = new Proxy(scope.exports, {
      defineProperty(target, name, d) {
        if (d.get) getters.set(name, d.get);
        else getters.delete(name);
        return Reflect.defineProperty(target, name, d);
      },
      get(target, name) {
        const getter = getters.get(name);
        return getter ? getter() : Reflect.get(target, name);
      },
      set(target, name, value) {
        getters.delete(name);
        return Reflect.set(target, name, value);
      },
      deleteProperty(target, name) {
        getters.delete(name);
        return Reflect.deleteProperty(target, name);
      },
    });
    return { ...scope, exports, require };
  }

  return {
    changedSources,
    notifyChanged,
    takeOutputs,
    wrapCellScope,
    specifierOf,
    /** For error messages: the JavaScript and TypeScript of the version a stack frame names. */
    version: (key) => versions.get(key) || null,
  };
}

module.exports = { createModules, relativeRequires };
