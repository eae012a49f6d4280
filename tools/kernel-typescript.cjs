// What tslab's TypeScript sees of the file system. tslab's converter reads files through
// Object.create(ts.sys), so changes to ts.sys reach it:
//   - the library as declarations: lib/**/*.ts read as the compiled copy's .d.ts files
//     (tools/kernel-library.cjs), so a cell that imports "./lib" checks against declarations
//     instead of type-checking and compiling the whole library;
//   - lean package declarations: the documentation comments of TypeScript's lib.*.d.ts, @types/node
//     and other packages' .d.ts (two thirds of their text) are left out, which halves the time to
//     parse them at kernel start; types are unchanged, only hover texts of built-ins and packages go
//     (the course library's stay);
//   - file watchers and reads seen: the kernel can tell TypeScript about a saved file itself, at
//     once, instead of waiting for the operating system's notice, and knows the text each course
//     file had when it was compiled (tools/kernel-modules.cjs).
"use strict";
const path = require("path");

/**
 * Files whose documentation comments are left out: TypeScript's own lib.*.d.ts and every package's
 * declarations (@types/node, mathjs...). The course's own declarations keep theirs.
 */
function isPackageDeclaration(file) {
  return file.endsWith(".d.ts") && file.includes(`${path.sep}node_modules${path.sep}`) && !file.includes(`${path.sep}.cache${path.sep}`);
}

/**
 * `text` without its /** ... *\/ comments. Positions in these files are never shown (tslab skips
 * their diagnostics), so nothing stands in for the comments.
 */
function withoutDocComments(text) {
  return text.replace(/\/\*\*[\s\S]*?\*\//g, "");
}

/**
 * Installs the views on ts.sys for the course at `root` (null: none). Returns { setLibrary(dir),
 * watchers, sourcesRead }: setLibrary(dir) reads lib/ as the compiled copy in `dir` (null: as it
 * is); `watchers` maps a watched file to the callbacks TypeScript registered for it;
 * `sourcesRead` maps each course .ts file (outside node_modules) to the text last read of it.
 */
function installFileViews(ts, root) {
  const sys = ts.sys;
  const original = {
    fileExists: sys.fileExists,
    readFile: sys.readFile,
    realpath: sys.realpath,
    watchFile: sys.watchFile,
  };
  let library = null;
  const lean = new Map();
  const watchers = new Map();
  const sourcesRead = new Map();
  const isCourseSource = (file) =>
    root !== null && file.startsWith(root + path.sep) && /\.tsx?$/.test(file) && !file.endsWith(".d.ts") &&
    !path.relative(root, file).split(path.sep).includes("node_modules");

  /** The compiled declaration standing for `file` (lib/x.ts read as <copy>/lib/x.d.ts), or null. */
  const declarationOf = (file) => {
    if (!library || !file.startsWith(library.libSources + path.sep)) return null;
    const rel = path.relative(library.libSources, file);
    if (rel.endsWith(".d.ts")) return path.join(library.libCompiled, rel);
    return null;
  };
  const hasDeclaration = (file) => {
    const declaration = declarationOf(file);
    return declaration !== null && original.fileExists.call(sys, declaration);
  };

  sys.fileExists = function (file) {
    if (library && file.startsWith(library.libSources + path.sep)) {
      if (file.endsWith(".d.ts")) return hasDeclaration(file);
      // A source whose declaration exists is not seen: module resolution picks lib/x.d.ts.
      if (/\.tsx?$/.test(file) && hasDeclaration(file.replace(/\.tsx?$/, ".d.ts"))) return false;
    }
    return original.fileExists.call(this, file);
  };
  sys.readFile = function (file, encoding) {
    if (hasDeclaration(file)) return original.readFile.call(this, declarationOf(file), encoding);
    if (isPackageDeclaration(file)) {
      if (!lean.has(file)) {
        const text = original.readFile.call(this, file, encoding);
        lean.set(file, text === undefined ? undefined : withoutDocComments(text));
      }
      return lean.get(file);
    }
    const text = original.readFile.call(this, file, encoding);
    if (text !== undefined && isCourseSource(file)) sourcesRead.set(file, text);
    return text;
  };
  sys.realpath = function (file) {
    if (hasDeclaration(file)) return file;
    return original.realpath ? original.realpath.call(this, file) : file;
  };
  sys.watchFile = function (file, callback, ...rest) {
    // The compiled copy never changes under a kernel (a changed library gets a new copy).
    if (hasDeclaration(file)) return { close() {} };
    const set = watchers.get(file) || new Set();
    watchers.set(file, set);
    set.add(callback);
    const watcher = original.watchFile.call(this, file, callback, ...rest);
    return {
      close() {
        set.delete(callback);
        if (set.size === 0) watchers.delete(file);
        watcher.close();
      },
    };
  };
  return {
    watchers,
    sourcesRead,
    setLibrary(dir) {
      library = dir && root ? { libSources: path.join(root, "lib"), libCompiled: path.join(dir, "lib") } : null;
    },
  };
}

module.exports = { installFileViews, withoutDocComments };
