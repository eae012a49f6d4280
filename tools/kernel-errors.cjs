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
 * Formats an error for a student. `context`: { root, cell: { source, js } (the TypeScript of the
 * cell being run and the JavaScript tslab ran), compiled: Map(absolute .js path -> its code) }.
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
    if (file === "evalmachine.<anonymous>") {
      const jsLines = (context.cell.js || "").split("\n");
      if (row >= jsLines.length) continue; // tslab's wrapper around the cell
      const tsLine = matchLine(jsLines[row - 1] || "", context.cell.source || "");
      frames.push({ kind: "user", fn: fn && !/^(exports|__tslab__)/.test(fn) ? fn : null, where: "this cell", line: tsLine, source: context.cell.source });
      continue;
    }
    if (!path.isAbsolute(file) || !file.startsWith(context.root + path.sep) || !file.endsWith(".js")) continue;
    const rel = path.relative(context.root, file);
    if (rel.startsWith("node_modules") || rel.startsWith("tools")) continue;
    const tsRel = rel.replace(/\.js$/, ".ts");
    const tsFile = path.join(context.root, tsRel);
    if (!fs.existsSync(tsFile)) continue;
    const fnName = fn ? fn.replace(/^(Object|Proxy)\./, "") : null;
    if (rel.startsWith("lib" + path.sep)) {
      frames.push({ kind: "library", fn: fnName, where: tsRel });
      continue;
    }
    const source = fs.readFileSync(tsFile, "utf8");
    const js = context.compiled.get(file);
    const tsLine = js ? matchLine(js.split("\n")[row - 1] || "", source) : null;
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

module.exports = { formatError, matchLine };
