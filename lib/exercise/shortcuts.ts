/**
 * Finds library shortcuts in a student's exercise source: an exercise asks for a routine the
 * library already has (sigmoidPrime, softmax, backprop...), and importing it would pass the
 * checks without the work. Type-only imports and the allowed helpers stay fine. The grader
 * enforces the same rule on its side; this scan gives the student the reason in the notebook.
 */

export interface Shortcut {
  /** The exercise (function name) the shortcut defeats, or "*" for the whole file. */
  readonly exercise: string;
  readonly message: string;
}

/** The source without comments and string contents (quotes kept), so the scan is not fooled by text. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, (m) => {
    if (m.startsWith("/")) return m.replace(/[^\n]/g, " ");
    return m[0] + m.slice(1, -1).replace(/[^\n]/g, " ") + m[m.length - 1];
  });
}

const isLibrary = (spec: string): boolean => /(^|\/)lib(\/|$)/.test(spec.replace(/\.(ts|js)$/, ""));
const isSolutions = (spec: string): boolean => /(^|\/)(solutions|grading)(\/|$)/.test(spec);

/**
 * Scans `source` (the student's exercises/<id>.ts) for uses of `forbidden` library names, per
 * exercise, and for module loading the scan cannot follow (require, dynamic import).
 */
export function findShortcuts(source: string, forbidden: Readonly<Record<string, readonly string[]>>): Shortcut[] {
  const stripped = code(source);
  const found: Shortcut[] = [];
  const byName = new Map<string, string[]>();
  for (const [exercise, names] of Object.entries(forbidden)) {
    for (const name of names) byName.set(name, [...(byName.get(name) ?? []), exercise]);
  }
  const flag = (name: string, how: string) => {
    for (const exercise of byName.get(name) ?? []) {
      found.push({ exercise, message: `${how}: ${exercise} must be written without the library's ${name}` });
    }
  };
  // Specifiers were blanked with the other strings, so read them from the original at the same offsets.
  const moduleStatement = /\b(import|export)\s+(type\s+)?([^;]*?)\s*from\s*(["'])/g;
  for (let m = moduleStatement.exec(stripped); m; m = moduleStatement.exec(stripped)) {
    const quoteAt = m.index + m[0].length - 1;
    const end = source.indexOf(source[quoteAt], quoteAt + 1);
    const spec = source.slice(quoteAt + 1, end);
    if (isSolutions(spec)) {
      found.push({ exercise: "*", message: `imports "${spec}": exercises may not use the reference solutions or grading files` });
      continue;
    }
    if (!isLibrary(spec) || m[2]) continue; // type-only: nothing runs
    const clause = m[3];
    const namespace = /\*\s*as\s+([A-Za-z_$][\w$]*)/.exec(clause);
    if (namespace) {
      const alias = namespace[1];
      if (new RegExp(`\\b${alias.replace(/\$/g, "\\$")}\\s*\\[`).test(stripped)) {
        found.push({ exercise: "*", message: `indexes the library namespace ${alias}[...]: name the library functions you use` });
      }
      for (const name of byName.keys()) {
        if (new RegExp(`\\b${alias.replace(/\$/g, "\\$")}\\s*\\.\\s*${name}\\b`).test(stripped)) flag(name, `uses ${alias}.${name} from "${spec}"`);
      }
      if (clause.trim() === "*" && m[1] === "export") found.push({ exercise: "*", message: `re-exports all of "${spec}"` });
    }
    const braces = /\{([^}]*)\}/.exec(clause);
    for (const part of braces ? braces[1].split(",") : []) {
      const p = part.trim();
      if (!p || /^type\s/.test(p)) continue;
      flag(p.split(/\s+as\s+/)[0].trim(), `imports ${p.split(/\s+as\s+/)[0].trim()} from "${spec}"`);
    }
  }
  if (/\brequire\s*\(/.test(stripped)) found.push({ exercise: "*", message: "calls require(): use import statements, so the checks can see what you use" });
  if (/\bimport\s*\(/.test(stripped)) found.push({ exercise: "*", message: "uses a dynamic import(): use import statements, so the checks can see what you use" });
  return found;
}
