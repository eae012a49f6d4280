// A class of 20 hand-ins of two exercise sets (08-activations, 10-multiclass-digits), as an
// instructor collects them: folders and zips, most answers close to the textbook's, a few
// independently written answers in other styles (loops, reduce, helpers, log-sum-exp...), a
// handful of common mistakes, an empty stub, a missing file, and one copy: eli's stableSoftmax is
// ada's with every variable renamed, comments added and the code re-laid out. It holds right
// answers, so it must never ship: the release leaves it out, as every test file that reads solutions/.
import fs from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { ROOT } from "./course";

export const CLASS_SETS = ["08-activations", "10-multiclass-digits"] as const;
type SetId = (typeof CLASS_SETS)[number];

/** An answer: the function's body (in place of the stub's throw) and top-level helpers it calls. */
interface Answer { readonly body: string; readonly helpers?: string }

const A = (body: string, helpers?: string): Answer => ({ body, helpers });

// Independently written correct answers: each differs from the others and from the reference in
// its approach, not only in its names.
const SOFTMAX = {
  loops: A(`
  let largest = z[0];
  for (let i = 1; i < z.length; i++) {
    if (z[i] > largest) largest = z[i];
  }
  const out = new Array<number>(z.length);
  let total = 0;
  for (let i = 0; i < z.length; i++) {
    out[i] = Math.exp(z[i] - largest);
    total += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;`),
  // ada's loops, renamed, commented and laid out again: the copy the report must find.
  loopsCopied: A(`
  // shift by the maximum so that exp never overflows
  let mx = z[0];
  for (let k = 1; k < z.length; k++) { if (z[k] > mx) mx = z[k]; }
  const result = new Array<number>(z.length);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    result[k] = Math.exp(z[k] - mx); // exponent <= 0
    sum += result[k];
  }
  for (let k = 0; k < result.length; k++) {
    result[k] = result[k] / sum;
  }
  return result;`),
  pushes: A(`
  const peak = z.reduce((m, v) => (v > m ? v : m), -Infinity);
  const shifted: number[] = [];
  for (const v of z) shifted.push(Math.exp(v - peak));
  let denominator = 0;
  for (const s of shifted) denominator += s;
  return shifted.map((s) => s / denominator);`),
  logSumExp: A(`
  const c = Math.max(...z);
  const logSum = c + Math.log(z.reduce((acc, v) => acc + Math.exp(v - c), 0));
  return z.map((v) => Math.exp(v - logSum));`),
  typed: A(`
  const m = z.slice().sort((a, b) => b - a)[0];
  const e = Float64Array.from(z, (v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return Array.from(e, (v) => v / s);`),
  // A common mistake: no shift, so large scores overflow.
  unstable: A(`
  const e = z.map((v) => Math.exp(v));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);`),
};

// predictClasses: the outputs by the student's forwardTheta (at grading the reference one), then
// the class of the largest, each written its own way (students who share one idiom for the
// outputs and little else are not copies, and the report must not say they are).
const ARGMAX = {
  reduce: A(`
  const H = X.map((x) => forwardTheta(thetas, x).reverse()[0]);
  return H.map((scores) => scores.reduce((best, value, k, all) => (value > all[best] ? k : best), 0));`),
  forEach: A(`
  const classes: number[] = [];
  for (const x of X) {
    const all = forwardTheta(thetas, x);
    const row = all[all.length - 1];
    let top = -Infinity;
    let at = -1;
    row.forEach((value, k) => {
      if (value > top) {
        top = value;
        at = k;
      }
    });
    classes.push(at);
  }
  return classes;`),
  indexOfMax: A(`
  return X.map((x) => {
    const out = forwardTheta(thetas, x).slice(-1)[0];
    return out.indexOf(Math.max(...out));
  });`),
  // A common mistake: the last of equal outputs wins.
  tieLast: A(`
  const H = X.map((x) => { const layers = forwardTheta(thetas, x); return layers[layers.length - 1]; });
  return H.map((row) => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k] >= row[best]) best = k;
    return best;
  });`),
  // The same mistake written another way: scanning from the end with a strict >.
  tieLastBackwards: A(`
  const picks: number[] = [];
  X.forEach((x) => {
    const y = forwardTheta(thetas, x)[thetas.length];
    let k = y.length - 1;
    for (let j = y.length - 2; j >= 0; j--) if (y[j] > y[k]) k = j;
    picks.push(k);
  });
  return picks;`),
};

const CONFUSION = {
  reduce: A(`
  return actual.reduce(
    (C, a, i) => {
      C[a][predicted[i]]++;
      return C;
    },
    [...Array(classes)].map(() => Array<number>(classes).fill(0)),
  );`),
  nested: A(`
  const table: number[][] = [];
  for (let a = 0; a < classes; a++) {
    const row: number[] = [];
    for (let p = 0; p < classes; p++) {
      let count = 0;
      actual.forEach((x, i) => {
        if (x === a && predicted[i] === p) count++;
      });
      row.push(count);
    }
    table.push(row);
  }
  return table;`),
  filters: A(`
  return Array.from({ length: classes }, (_, a) => Array.from({ length: classes }, (_, p) => countWhere(actual, predicted, a, p)));`, `
function countWhere(actual: number[], predicted: number[], a: number, p: number): number {
  return actual.filter((x, i) => x === a && predicted[i] === p).length;
}
`),
  // A common mistake: rows are the predicted classes.
  swapped: A(`
  const C = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < actual.length; i++) C[predicted[i]][actual[i]] += 1;
  return C;`),
};

const SMALL = {
  leakyMax: A(`
  return Math.max(slope * z, z);`),
  leakyIf: A(`
  if (z > 0) return z;
  return slope * z;`),
  primeIf: A(`
  if (z <= 0) return slope;
  return 1;`),
  // A common mistake: 1 at the kink.
  primeKink: A(`
  return z >= 0 ? 1 : slope;`),
  tanhCosh: A(`
  const c = Math.cosh(z);
  return 1 / (c * c);`),
  tanhSquare: A(`
  return 1 - Math.tanh(z) ** 2;`),
};

/** What a student wrote: answers by exercise name; "reference" takes the reference's answer, "stub" leaves the throw. */
type Choice = Answer | "reference" | "stub";
interface Student { readonly name: string; readonly answers: Readonly<Record<string, Choice>>; readonly missing?: readonly SetId[]; readonly zip?: boolean }

export const STUDENTS: readonly Student[] = [
  { name: "ada", answers: { stableSoftmax: SOFTMAX.loops, predictClasses: ARGMAX.reduce } },
  { name: "ben", answers: { stableSoftmax: SOFTMAX.pushes, confusionCounts: CONFUSION.reduce } },
  { name: "cleo", answers: { stableSoftmax: SOFTMAX.logSumExp, leakyRelu: SMALL.leakyMax, tanhPrime: SMALL.tanhCosh, predictClasses: ARGMAX.forEach } },
  { name: "dev", answers: { stableSoftmax: SOFTMAX.typed, confusionCounts: CONFUSION.nested } },
  { name: "eli", answers: { stableSoftmax: SOFTMAX.loopsCopied } },
  { name: "fay", answers: { confusionCounts: CONFUSION.filters, leakyReluPrime: SMALL.primeIf } },
  { name: "gus", answers: { stableSoftmax: SOFTMAX.unstable } },
  { name: "hal", answers: { predictClasses: ARGMAX.tieLast, leakyReluPrime: SMALL.primeKink } },
  { name: "ivy", answers: { confusionCounts: CONFUSION.swapped, predictClasses: ARGMAX.indexOfMax } },
  { name: "jon", answers: { leakyRelu: SMALL.leakyIf, tanhPrime: SMALL.tanhSquare }, zip: true },
  { name: "kai", answers: {} },
  { name: "lea", answers: { stableSoftmax: "stub", tanhPrime: "stub" } },
  { name: "max", answers: {}, missing: ["10-multiclass-digits"] },
  { name: "nia", answers: { predictClasses: "stub", confusionCounts: "stub", leakyRelu: "stub", leakyReluPrime: "stub", tanhPrime: "stub", stableSoftmax: "stub" } },
  { name: "oto", answers: {}, zip: true },
  { name: "pia", answers: { predictClasses: ARGMAX.tieLastBackwards } },
  { name: "quinn", answers: {} },
  { name: "rui", answers: { stableSoftmax: SOFTMAX.unstable, leakyReluPrime: SMALL.primeKink } },
  { name: "sam", answers: {} },
  { name: "tess", answers: { confusionCounts: CONFUSION.swapped } },
];

/** The pair the similarity report must find, and nothing else. */
export const COPIED = { exercise: "08-activations/stableSoftmax", a: "ada", b: "eli" } as const;

/** The reference solution's answer to `exercise` in `solution` (between BEGIN and END SOLUTION). */
function referenceBody(solution: string, exercise: string): string {
  const m = new RegExp(`export function ${exercise}\\([^]*?// BEGIN SOLUTION\\n([^]*?)\\n\\s*// END SOLUTION`).exec(solution);
  if (!m) throw new Error(`no reference answer for ${exercise}`);
  return `\n${m[1]}`;
}

/** A student's file of set `id`: the stub with each answer in place of its throw. */
export function studentFile(id: SetId, answers: Readonly<Record<string, Choice>>): string {
  const stub = fs.readFileSync(path.join(ROOT, "exercises", `${id}.ts`), "utf8");
  const solution = fs.readFileSync(path.join(ROOT, "solutions", `${id}.ts`), "utf8");
  const helpers: string[] = [];
  const text = stub.replace(/\n\s*throw new Error\("not implemented yet: write (\w+) in exercises\/[\w-]+\.ts"\);/g, (whole, exercise: string) => {
    const choice = answers[exercise] ?? "reference";
    if (choice === "stub") return whole;
    if (choice === "reference") return referenceBody(solution, exercise);
    if (choice.helpers) helpers.push(choice.helpers);
    return choice.body;
  });
  return text + helpers.join("");
}

/** Writes the class into `dir` (one folder or zip per student); returns the students' names. */
export function writeClass(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const s of STUDENTS) {
    const files: Record<string, string> = {};
    for (const id of CLASS_SETS) if (!s.missing?.includes(id)) files[`exercises/${id}.ts`] = studentFile(id, s.answers);
    if (s.zip) {
      fs.writeFileSync(path.join(dir, `${s.name}.zip`), zipSync(Object.fromEntries(Object.entries(files).map(([f, t]) => [`${s.name}/${f}`, strToU8(t)]))));
    } else {
      for (const [f, t] of Object.entries(files)) {
        fs.mkdirSync(path.join(dir, s.name, path.dirname(f)), { recursive: true });
        fs.writeFileSync(path.join(dir, s.name, f), t);
      }
    }
  }
  return STUDENTS.map((s) => s.name);
}

/** The class's policy file (in a folder of its own, importing the kit's definePolicy). */
export function writePolicy(file: string, fields: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `import { definePolicy } from ${JSON.stringify(path.join(ROOT, "grader", "policy"))};\n\nexport const policy = definePolicy({\n${fields}\n});\n`);
}
