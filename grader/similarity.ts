/**
 * The batch's similarity report: pairs of hand-ins whose answer to an exercise share more code
 * than independent work does, with the matching fragments.
 *
 * Method (token k-grams with winnowing, as in Schleimer, Wilkerson and Aiken's MOSS, 2003):
 * 1. Tokens. The student's exported function (its body, plus the bodies of the file's top-level
 *    helpers it calls), read with the TypeScript parser the kit already has. Comments,
 *    semicolons and type annotations are dropped; every local name becomes one token `I` (a
 *    renamed variable changes nothing), strings become `S`, let/const/var one keyword; property
 *    names after a dot (`.length`, `.map`) and built-ins (`Math`, `Infinity`) are kept.
 * 2. Fingerprints. Each run of K consecutive tokens is hashed; winnowing keeps the smallest hash
 *    of every window of W hashes, so that any common run of at least K + W - 1 tokens is caught.
 * 3. What is nobody's own: k-grams of the stub (what every student starts from), of the
 *    reference solution, and k-grams found in more than half of the answers (what every correct
 *    answer shares) are ignored.
 * 4. A pair is listed for an exercise when the fingerprints they share are at least THRESHOLD
 *    of the smaller answer's, and the common k-grams cover at least MIN_TOKENS tokens of each
 *    (shorter answers, such as a one-line return, cannot tell copying from convergence).
 * The report is a lead for a person to read, never a verdict: it shows the fragments side by side.
 */
import crypto from "node:crypto";
import ts from "typescript";

export interface SimilaritySettings {
  /** Tokens per k-gram. */
  readonly k: number;
  /** Winnowing window, in k-grams. */
  readonly window: number;
  /** The share of the smaller answer's fingerprints two answers must share. */
  readonly threshold: number;
  /** The tokens the common k-grams must cover in each answer. */
  readonly minTokens: number;
  /** k-grams in more than this share of the answers are ignored. */
  readonly commonShare: number;
}

export const DEFAULT_SIMILARITY: SimilaritySettings = { k: 8, window: 4, threshold: 0.5, minTokens: 30, commonShare: 0.5 };

export interface Token {
  readonly text: string;
  /** 1-based line in the file. */
  readonly line: number;
}

/** Names whose meaning does not depend on the student: kept as written. */
const BUILT_INS = new Set(["Math", "Number", "Array", "Object", "JSON", "Infinity", "NaN", "undefined", "Float64Array", "Float32Array", "Int32Array", "Error", "Map", "Set", "isFinite", "isNaN", "parseFloat", "parseInt", "String", "Boolean"]);

function isJsDoc(node: ts.Node): boolean {
  return node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode;
}

/** The leaf tokens of `node`, normalized (see the method above). */
function tokensOf(node: ts.Node, sf: ts.SourceFile, out: Token[]): void {
  if (ts.isTypeNode(node) || isJsDoc(node) || ts.isTypeParameterDeclaration(node)) return;
  const children = node.getChildren(sf);
  if (children.length === 0) {
    const kind = node.kind;
    if (kind === ts.SyntaxKind.SemicolonToken || kind === ts.SyntaxKind.EndOfFileToken) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const previous = out.length > 0 ? out[out.length - 1].text : "";
    let text: string;
    if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) {
      const name = node.getText(sf);
      if (previous === "." || previous === "?.") {
        out[out.length - 1] = { text: `${previous}${name}`, line: out[out.length - 1].line };
        return;
      }
      text = BUILT_INS.has(name) ? name : "I";
    } else if (kind === ts.SyntaxKind.NumericLiteral) text = String(Number(node.getText(sf).replace(/_/g, "")));
    else if (kind >= ts.SyntaxKind.FirstLiteralToken && kind <= ts.SyntaxKind.LastTemplateToken) text = "S";
    else if (kind === ts.SyntaxKind.LetKeyword || kind === ts.SyntaxKind.ConstKeyword || kind === ts.SyntaxKind.VarKeyword) text = "var";
    else text = ts.tokenToString(kind) ?? ts.SyntaxKind[kind];
    out.push({ text, line });
    return;
  }
  // x => ... and (x) => ... are one form.
  const bare = ts.isArrowFunction(node) && node.parameters.length === 1;
  for (let i = 0; i < children.length; i++) {
    const c = children[i], next = children[i + 1];
    if (bare && (c.kind === ts.SyntaxKind.OpenParenToken || c.kind === ts.SyntaxKind.CloseParenToken)) continue;
    // The ":" of an annotation, "as"/"satisfies" of an assertion and "<" ">" around type arguments go with their types.
    if (next && ts.isTypeNode(next) && [ts.SyntaxKind.ColonToken, ts.SyntaxKind.AsKeyword, ts.SyntaxKind.SatisfiesKeyword].includes(c.kind)) continue;
    if (c.kind === ts.SyntaxKind.SyntaxList && c.getChildren(sf).length > 0 && c.getChildren(sf).every((x) => ts.isTypeNode(x) || ts.isTypeParameterDeclaration(x) || x.kind === ts.SyntaxKind.CommaToken)) {
      if (children[i - 1]?.kind === ts.SyntaxKind.LessThanToken) out.pop();
      if (children[i + 1]?.kind === ts.SyntaxKind.GreaterThanToken) i++;
      continue;
    }
    tokensOf(c, sf, out);
  }
}

/** The body of a top-level function named `name`: `function name() {}` or `const name = () => ...`. */
function topLevelFunctions(sf: ts.SourceFile): Map<string, ts.Node> {
  const found = new Map<string, ts.Node>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) found.set(st.name.text, st.body);
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) found.set(d.name.text, init.body);
      }
    }
  }
  return found;
}

/** The normalized tokens of the answer `name` in `source`: its body, then the bodies of the top-level helpers it uses; null when the file has no such function. */
export function answerTokens(source: string, name: string): Token[] | null {
  const sf = ts.createSourceFile("answer.ts", source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const functions = topLevelFunctions(sf);
  const body = functions.get(name);
  if (!body) return null;
  const out: Token[] = [];
  tokensOf(body, sf, out);
  const called = new Set<string>();
  const visit = (n: ts.Node): void => {
    // Called, or passed as a value (rows.map(helper)).
    if (ts.isIdentifier(n) && n.text !== name && functions.has(n.text)) called.add(n.text);
    n.forEachChild(visit);
  };
  visit(body);
  for (const helper of called) tokensOf(functions.get(helper) as ts.Node, sf, out);
  return out;
}

const hashOf = (text: string) => crypto.createHash("sha1").update(text).digest().readUIntBE(0, 6);

function kgrams(tokens: readonly Token[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + k <= tokens.length; i++) out.push(hashOf(tokens.slice(i, i + k).map((t) => t.text).join("\u0001")));
  return out;
}

/** Winnowing: the smallest hash of every window (the rightmost when tied). */
function winnow(hashes: readonly number[], window: number): Set<number> {
  const out = new Set<number>();
  if (hashes.length === 0) return out;
  const w = Math.min(window, hashes.length);
  for (let start = 0; start + w <= hashes.length; start++) {
    let best = start;
    for (let i = start; i < start + w; i++) if (hashes[i] <= hashes[best]) best = i;
    out.add(hashes[best]);
  }
  return out;
}

export interface Fragment {
  /** 1-based lines in each student's file, and the code on them. */
  readonly a: { readonly from: number; readonly to: number; readonly code: readonly string[] };
  readonly b: { readonly from: number; readonly to: number; readonly code: readonly string[] };
  readonly tokens: number;
}

export interface SimilarPair {
  /** "set/exercise". */
  readonly exercise: string;
  readonly file: string;
  readonly a: string;
  readonly b: string;
  /** Shared fingerprints over the smaller answer's fingerprints, 0 to 1. */
  readonly similarity: number;
  /** Tokens the common k-grams cover, the smaller of the two answers' counts. */
  readonly tokens: number;
  readonly fragments: readonly Fragment[];
}

export interface SimilarityReport {
  readonly settings: SimilaritySettings;
  readonly handIns: number;
  /** Answers compared per exercise. */
  readonly answers: Readonly<Record<string, number>>;
  readonly pairs: readonly SimilarPair[];
}

export interface SimilarityInput {
  readonly handIns: readonly { readonly student: string; readonly sources: Readonly<Record<string, string>> }[];
  readonly exercises: readonly { readonly set: string; readonly exercise: string }[];
  /** By set id: the stub every student starts from, and the reference solution. */
  readonly stubs: Readonly<Record<string, string>>;
  readonly references: Readonly<Record<string, string>>;
}

interface Answer {
  readonly student: string;
  readonly tokens: readonly Token[];
  readonly lines: readonly string[];
  readonly kg: readonly number[];
  own: Set<number>;
  fingerprints: Set<number>;
}

/** Covered token positions [i, i + k) of the k-grams in `positions`. */
function cover(positions: Iterable<number>, k: number): Set<number> {
  const s = new Set<number>();
  for (const i of positions) for (let t = i; t < i + k; t++) s.add(t);
  return s;
}

function fragments(a: Answer, b: Answer, shared: ReadonlySet<number>, k: number): Fragment[] {
  // Runs of matching k-grams along one diagonal (the same offset between the two answers).
  const where = new Map<number, number[]>();
  b.kg.forEach((h, j) => { if (shared.has(h)) where.set(h, [...(where.get(h) ?? []), j]); });
  const matches: [number, number][] = [];
  a.kg.forEach((h, i) => { for (const j of where.get(h) ?? []) matches.push([i, j]); });
  matches.sort((x, y) => (x[1] - x[0]) - (y[1] - y[0]) || x[0] - y[0]);
  const runs: { i: number; j: number; length: number }[] = [];
  for (const [i, j] of matches) {
    const last = runs[runs.length - 1];
    if (last && last.j - last.i === j - i && i <= last.i + last.length - k + 1) last.length = i + k - last.i;
    else runs.push({ i, j, length: k });
  }
  runs.sort((x, y) => y.length - x.length);
  const usedA = new Set<number>(), usedB = new Set<number>();
  const kept: Fragment[] = [];
  for (const r of runs) {
    let overlaps = false;
    for (let t = 0; t < r.length; t++) if (usedA.has(r.i + t) || usedB.has(r.j + t)) overlaps = true;
    if (overlaps) continue;
    for (let t = 0; t < r.length; t++) { usedA.add(r.i + t); usedB.add(r.j + t); }
    const span = (x: Answer, from: number) => {
      const lines = x.tokens.slice(from, from + r.length).map((t) => t.line);
      const lo = Math.min(...lines), hi = Math.max(...lines);
      return { from: lo, to: hi, code: x.lines.slice(lo - 1, hi) };
    };
    kept.push({ a: span(a, r.i), b: span(b, r.j), tokens: r.length });
  }
  return kept;
}

/** Compares every pair of hand-ins, exercise by exercise (see the method above). */
export function similarity(input: SimilarityInput, settings: SimilaritySettings = DEFAULT_SIMILARITY): SimilarityReport {
  const { k } = settings;
  const pairs: SimilarPair[] = [];
  const counts: Record<string, number> = {};
  for (const { set, exercise } of input.exercises) {
    const key = `${set}/${exercise}`;
    const ignored = new Set<number>();
    for (const text of [input.stubs[set], input.references[set]]) {
      const tokens = text === undefined ? null : answerTokens(text, exercise);
      if (tokens) for (const h of kgrams(tokens, k)) ignored.add(h);
    }
    const answers: Answer[] = [];
    for (const h of input.handIns) {
      const source = h.sources[set];
      const tokens = source === undefined ? null : answerTokens(source, exercise);
      if (!tokens || tokens.length < k) continue;
      const kg = kgrams(tokens, k);
      answers.push({ student: h.student, tokens, lines: source.split("\n"), kg, own: new Set(kg.filter((x) => !ignored.has(x))), fingerprints: new Set() });
    }
    counts[key] = answers.length;
    const seen = new Map<number, number>();
    for (const a of answers) for (const h of a.own) seen.set(h, (seen.get(h) ?? 0) + 1);
    const common = (h: number) => (seen.get(h) ?? 0) > settings.commonShare * answers.length;
    for (const a of answers) {
      a.own = new Set([...a.own].filter((h) => !common(h)));
      a.fingerprints = new Set([...winnow(a.kg, settings.window)].filter((h) => a.own.has(h)));
    }
    for (let x = 0; x < answers.length; x++) {
      for (let y = x + 1; y < answers.length; y++) {
        const a = answers[x], b = answers[y];
        const smaller = Math.min(a.fingerprints.size, b.fingerprints.size);
        if (smaller === 0) continue;
        let sharedPrints = 0;
        for (const h of a.fingerprints) if (b.fingerprints.has(h)) sharedPrints++;
        const share = sharedPrints / smaller;
        if (share < settings.threshold) continue;
        const shared = new Set([...a.own].filter((h) => b.own.has(h)));
        const covered = (s: Answer) => cover(s.kg.flatMap((h, i) => (shared.has(h) ? [i] : [])), k).size;
        const tokens = Math.min(covered(a), covered(b));
        if (tokens < settings.minTokens) continue;
        pairs.push({ exercise: key, file: `exercises/${set}.ts`, a: a.student, b: b.student, similarity: Math.round(share * 1000) / 1000, tokens, fragments: fragments(a, b, shared, k) });
      }
    }
  }
  pairs.sort((p, q) => p.exercise.localeCompare(q.exercise) || q.similarity - p.similarity || q.tokens - p.tokens);
  return { settings, handIns: input.handIns.length, answers: counts, pairs };
}

const SHOWN_FRAGMENTS = 3;

/** The report as the instructor reads it: per exercise, each pair with its largest common fragments side by side. */
export function similarityMarkdown(report: SimilarityReport): string {
  const s = report.settings;
  const lines = [
    "# Similarity report",
    "",
    `${report.handIns} hand-ins, compared exercise by exercise: token ${s.k}-grams with winnowing (window ${s.window}), local names, strings and types ignored; the stubs, the reference solutions and code in more than ${Math.round(s.commonShare * 100)}% of the answers are not counted.`,
    `A pair is listed when it shares at least ${Math.round(s.threshold * 100)}% of the smaller answer's fingerprints over at least ${s.minTokens} tokens. A listed pair is a lead to read, not a verdict.`,
    "",
  ];
  if (report.pairs.length === 0) lines.push("No pair of hand-ins is above the threshold in any exercise.");
  let current = "";
  for (const p of report.pairs) {
    if (p.exercise !== current) {
      current = p.exercise;
      lines.push(`## ${p.exercise} (${report.answers[p.exercise]} answers compared)`, "");
    }
    lines.push(`### ${p.a} and ${p.b}: ${Math.round(p.similarity * 100)}% of fingerprints shared, ${p.tokens} tokens in common`, "");
    for (const f of p.fragments.slice(0, SHOWN_FRAGMENTS)) {
      for (const [who, side] of [[p.a, f.a], [p.b, f.b]] as const) {
        lines.push(`${who}, ${p.file} line${side.from === side.to ? ` ${side.from}` : `s ${side.from}-${side.to}`}:`, "", "```ts", ...side.code.map((c, i) => `${String(side.from + i).padStart(4)}  ${c}`), "```", "");
      }
    }
    if (p.fragments.length > SHOWN_FRAGMENTS) lines.push(`(${p.fragments.length - SHOWN_FRAGMENTS} smaller fragments not shown)`, "");
  }
  return lines.join("\n") + "\n";
}
