// V8's compiled code for the TypeScript compiler tslab bundles (10 MB of JavaScript), kept between
// kernels: compiling it is a fifth of a kernel's start. The first kernel saves the code V8 compiled
// by the end of its first cell (the functions a kernel start and a first import use); later kernels
// load it instead of compiling. V8 checks the cache against its version and flags and against the
// source, and compiles as usual when it does not match.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

/** `require` for `mod`, as Node gives a module. */
function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Loads `file` (when something requires it) from V8's code cache in `cacheDir`. Returns save(),
 * which writes the cache of what has been compiled so far, once, if there was none.
 */
function useCompileCache(file, cacheDir) {
  let script = null;
  let cacheFile = null;
  let hadCache = false;
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (filename !== file) return compile.call(this, content, filename);
    Module.prototype._compile = compile;
    const key = crypto.createHash("sha256").update(`${process.version}\0${process.arch}\0${filename}\0`).update(content).digest("hex").slice(0, 24);
    cacheFile = path.join(cacheDir, `${path.basename(filename)}-${key}.v8`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    script = new vm.Script(Module.wrap(content), { filename, cachedData });
    hadCache = cachedData !== undefined && !script.cachedDataRejected;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  return function save() {
    if (!script || hadCache) return;
    hadCache = true;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only install: every kernel compiles, as without the cache.
    }
  };
}

module.exports = { useCompileCache };
