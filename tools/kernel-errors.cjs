// How the course kernel shows an error: the error's name and message, then only the frames a
// student can act on, in TypeScript terms: lines of their cell and of their own files
// (exercises/...), and the library function they called (lib/forward.ts), not its insides.
// tslab prints errors with console.error(e), which shows Node's decoration of compiled JavaScript,
// frames of tslab and node, paths of lib/*.js files that exist only in memory, and every own
// property (a training history of hundreds of lines).
"use strict";
const path = require("path");
const fs = require("fs");

/** Stack frame lines "    at fn (file:line:col)" or "    at file:line:col". */
const FRAME = /^\s*at (?:(?:async )?(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** Identifiers, numbers and strings of a line of code, without tslab's module plumbing. */
function tokens(line) {
  const plain = line
    .replace(/\(0,\s*[\w$]+_\d+\.([\w$]+)\)/g, "$1")
    .replace(/\b[\w$]+_\d+\./g, "")
    .replace(/\bexports\./g, "");
  return plain.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"[^"]*"|'[^']*'|`[^`]*`/g) || [];
}

/**
 * The 1-based line of `source` (TypeScript) that compiled to `jsLine`: the line sharing the most
 * tokens with it (types are erased, names and values stay). Null when nothing matches well.
 */
function matchLine(jsLine, source) {
  const want = tokens(jsLine);
  if (want.length === 0) return null;
  const lines = source.split("\n");
  let best = null;
  let bestScore = 0;
  lines.forEach((line, k) => {
    const have = tokens(line);
    if (have.length === 0) return;
    const pool = have.slice();
    let hits = 0;
    for (const t of want) {
      const at = pool.indexOf(t);
      if (at >= 0) {
        hits++;
        pool.splice(at, 1);
      }
    }
    const score = hits / Math.max(want.length, have.length);
    if (score > bestScore) {
      bestScore = score;
      best = k + 1;
    }
  });
  return bestScore >= 0.5 ? best : null;
}

/**
 * Formats an error for a student. `context`: { root, cell: the name the running cell's code ran
 * under ("mlp-cell-7"), cells: Map(name -> { source, js, count }) (each cell's TypeScript, the
 * JavaScript tslab ran for it and its execution count), version(file) -> { js, source } | null
 * (the code and the TypeScript of a compiled course module, by the versioned file name its frames
 * carry: "<root>/exercises/x.js#3"), libraryFile(file) -> the lib/*.ts path a compiled library
 * file came from, or null }.
 */
function formatError(error, context) {
  const name = error && error.name ? error.name : "Error";
  const message = error && typeof error.message === "string" ? error.message : String(error);
  const out = [`${name}: ${message}`];
  const stack = typeof (error && error.stack) === "string" ? error.stack.split("\n") : [];
  const frames = [];
  for (const line of stack) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const [, fn, file, lineNo] = m;
    const row = Number(lineNo);
    const fnName = fn ? fn.replace(/^(Object|Proxy)\./, "") : null;
    const ranCell = context.cells && context.cells.get(file);
    if (ranCell) {
      const jsLines = ranCell.js.split("\n");
      if (row >= jsLines.length) continue; // tslab's wrapper around the cell
      const tsLine = matchLine(jsLines[row - 1] || "", ranCell.source);
      const where = file === context.cell ? "this cell" : ranCell.count ? `cell [${ranCell.count}]` : "an earlier cell";
      frames.push({ kind: "user", fn: fnName && !/^(exports|__tslab__)/.test(fnName) ? fnName : null, where, line: tsLine, source: ranCell.source });
      continue;
    }
    const compiledLibrary = context.libraryFile ? context.libraryFile(file) : null;
    if (compiledLibrary) {
      frames.push({ kind: "library", fn: fnName, where: path.relative(context.root, compiledLibrary) });
      continue;
    }
    const base = file.includes("#") ? file.slice(0, file.lastIndexOf("#")) : file;
    if (!path.isAbsolute(base) || !base.startsWith(context.root + path.sep) || !base.endsWith(".js")) continue;
    const rel = path.relative(context.root, base);
    if (rel.startsWith("node_modules") || rel.startsWith("tools")) continue;
    const tsRel = rel.replace(/\.js$/, ".ts");
    const tsFile = path.join(context.root, tsRel);
    if (rel.startsWith("lib" + path.sep)) {
      frames.push({ kind: "library", fn: fnName, where: tsRel });
      continue;
    }
    const compiled = context.version ? context.version(file) : null;
    const source = compiled && typeof compiled.source === "string" ? compiled.source : fs.existsSync(tsFile) ? fs.readFileSync(tsFile, "utf8") : null;
    if (source === null) continue;
    const tsLine = compiled ? matchLine(compiled.js.split("\n")[row - 1] || "", source) : null;
    frames.push({ kind: "user", fn: fnName, where: tsRel, line: tsLine, source });
  }
  // Of the library's frames, keep only the function the student's code called.
  frames.forEach((f, k) => {
    if (f.kind === "library" && (k + 1 >= frames.length || frames[k + 1].kind === "user")) {
      out.push(`    in ${f.fn || "the library"} (${f.where})`);
    } else if (f.kind === "user") {
      const text = f.line ? (f.source.split("\n")[f.line - 1] || "").trim() : "";
      const at = f.line ? `${f.where}, line ${f.line}` : f.where;
      out.push(`    at ${f.fn ? `${f.fn} (${at})` : at}${text ? `: ${text.length > 100 ? text.slice(0, 97) + "..." : text}` : ""}`);
    }
  });
  return out.join("\n");
}

/**
 * Type errors in files a cell imports (an exercise file, its checks), which do not stop the cell,
 * in the words and format of `npm run check` (file:line:column: message). `diagnostics`: tslab's
 * ({ fileName, start: { line, character }, messageText }), a chained message following its head
 * at the same place (shown indented under it).
 */
function formatFileDiagnostics(diagnostics) {
  const lines = [];
  let previous = null;
  for (const d of diagnostics) {
    const same = previous && previous.fileName === d.fileName && previous.start.line === d.start.line && previous.start.character === d.start.character;
    lines.push(same ? `      ${d.messageText}` : `  ${d.fileName}:${d.start.line + 1}:${d.start.character + 1}: ${d.messageText}`);
    previous = d;
  }
  return `Type errors (this cell runs the code anyway, as npm run check and the grader do; fix them, the file editor underlines them too):\n${lines.join("\n")}`;
}

module.exports = { formatError, formatFileDiagnostics, matchLine };
