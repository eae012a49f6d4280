/**
 * Finds library shortcuts in a student's exercise source: an exercise asks for a routine the
 * library already has (sigmoidPrime, softmax, backprop...), and using it would pass the checks
 * without the work. The source is parsed with TypeScript (no type check), so only what runs
 * counts: type-only imports and types such as `import("../lib").Random` are fine, and so are
 * packages and Node's built-in modules, loaded with import or require. What the scan cannot
 * follow (a course file loaded with require() or import(), a computed name on the library's
 * namespace) is flagged with the reason. The grader enforces the same rule on its side (the
 * forbidden functions throw there); this scan tells the student why, in the notebook.
 */
import type * as TS from "typescript";

export interface Shortcut {
  /** The exercise (function name) the shortcut defeats, or "*" for the whole file. */
  readonly exercise: string;
  readonly message: string;
}

const isLibrary = (spec: string): boolean => /(^|\/)lib(\/|$)/.test(spec.replace(/\.(ts|js)$/, ""));
const isSolutions = (spec: string): boolean => /(^|\/)(solutions|grading)(\/|$)/.test(spec);
const isCourseFile = (spec: string): boolean => spec.startsWith(".") || spec.startsWith("/");

let typescript: typeof TS | null = null;
/** TypeScript, loaded on the first scan only: importing the library stays fast. */
function ts(): typeof TS {
  typescript ??= require("typescript") as typeof TS;
  return typescript;
}

/**
 * Scans `source` (the student's exercises/<id>.ts) for uses of `forbidden` library names, per
 * exercise, and for module loading the scan cannot follow.
 */
export function findShortcuts(source: string, forbidden: Readonly<Record<string, readonly string[]>>): Shortcut[] {
  const t = ts();
  const file = t.createSourceFile("exercise.ts", source, t.ScriptTarget.ES2020, true, t.ScriptKind.TS);
  const found: Shortcut[] = [];
  const byName = new Map<string, string[]>();
  for (const [exercise, names] of Object.entries(forbidden)) {
    for (const name of names) byName.set(name, [...(byName.get(name) ?? []), exercise]);
  }
  const flag = (name: string, how: string) => {
    for (const exercise of byName.get(name) ?? []) found.push({ exercise, message: `${how}: ${exercise} must be written without the library's ${name}` });
  };
  const whole = (message: string) => {
    if (!found.some((f) => f.exercise === "*" && f.message === message)) found.push({ exercise: "*", message });
  };
  /** Library namespaces in scope by alias: `import * as L from "../lib"`. */
  const namespaces = new Map<string, string>();

  const moduleSpecifier = (node: TS.Expression | undefined): string | null => (node && t.isStringLiteralLike(node) ? node.text : null);

  /** A module loaded at run time by require(...) or import(...): packages and built-ins are fine. */
  const loaded = (how: "require()" | "a dynamic import()", argument: TS.Expression | undefined) => {
    const spec = moduleSpecifier(argument);
    if (spec === null) return whole(`loads a module by a computed name with ${how}: use import statements, so the checks can see what you use`);
    if (isSolutions(spec)) return whole(`loads "${spec}": exercises may not use the reference solutions or grading files`);
    if (isCourseFile(spec)) whole(`loads "${spec}" with ${how}: use an import statement for course files, so the checks can see what you use`);
  };

  const visit = (node: TS.Node): void => {
    if (t.isImportDeclaration(node) || (t.isExportDeclaration(node) && node.moduleSpecifier)) {
      const spec = moduleSpecifier(node.moduleSpecifier);
      if (spec !== null) {
        if (isSolutions(spec)) whole(`imports "${spec}": exercises may not use the reference solutions or grading files`);
        else if (isLibrary(spec)) libraryImport(node, spec);
      }
      return; // nothing inside an import runs
    }
    if (t.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && t.isExternalModuleReference(node.moduleReference)) loaded("require()", node.moduleReference.expression);
      return;
    }
    if (t.isImportTypeNode(node) || t.isTypeNode(node)) return; // types never run
    if (t.isCallExpression(node)) {
      if (node.expression.kind === t.SyntaxKind.ImportKeyword) loaded("a dynamic import()", node.arguments[0]);
      else if (t.isIdentifier(node.expression) && node.expression.text === "require") loaded("require()", node.arguments[0]);
    } else if (t.isIdentifier(node) && node.text === "require" && !(t.isCallExpression(node.parent) && node.parent.expression === node)) {
      if (!t.isPropertyAccessExpression(node.parent) || node.parent.expression === node) whole("uses require without calling it: use import statements, so the checks can see what you use");
    } else if (t.isPropertyAccessExpression(node) && t.isIdentifier(node.expression) && namespaces.has(node.expression.text)) {
      const alias = node.expression.text;
      if (byName.has(node.name.text)) flag(node.name.text, `uses ${alias}.${node.name.text} from "${namespaces.get(alias)}"`);
    } else if (t.isElementAccessExpression(node) && t.isIdentifier(node.expression) && namespaces.has(node.expression.text)) {
      whole(`indexes the library namespace ${node.expression.text}[...]: name the library functions you use`);
    }
    t.forEachChild(node, visit);
  };

  const libraryImport = (node: TS.ImportDeclaration | TS.ExportDeclaration, spec: string) => {
    if (t.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (!clause || clause.isTypeOnly) return;
      if (clause.name) flag("default", `imports the default export of "${spec}"`);
      const bindings = clause.namedBindings;
      if (bindings && t.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, spec);
      if (bindings && t.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          if (el.isTypeOnly) continue;
          const name = (el.propertyName ?? el.name).text;
          flag(name, `imports ${name} from "${spec}"`);
        }
      }
      return;
    }
    if (node.isTypeOnly) return;
    if (!node.exportClause) return whole(`re-exports all of "${spec}"`);
    if (t.isNamespaceExport(node.exportClause)) return whole(`re-exports all of "${spec}"`);
    for (const el of node.exportClause.elements) {
      if (el.isTypeOnly) continue;
      const name = (el.propertyName ?? el.name).text;
      flag(name, `re-exports ${name} from "${spec}"`);
    }
  };

  // Imports first, so namespace aliases are known wherever they are used.
  for (const statement of file.statements) {
    if (t.isImportDeclaration(statement) || t.isExportDeclaration(statement)) visit(statement);
  }
  for (const statement of file.statements) {
    if (!t.isImportDeclaration(statement) && !t.isExportDeclaration(statement)) visit(statement);
  }
  return found;
}
