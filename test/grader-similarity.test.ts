// The batch's similarity report on a class of 20 varied hand-ins (test/support/class.ts): it
// finds the one copy (ada's stableSoftmax, renamed, commented and laid out again in eli's file)
// with its fragments, and lists no pair among independently written answers, identical reference
// answers, untouched stubs, or short answers every student writes alike.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerTokens, DEFAULT_SIMILARITY, similarity, similarityMarkdown, type SimilarityInput } from "../grader/similarity";
import { CLASS_SETS, COPIED, STUDENTS, studentFile } from "./support/class";
import { ROOT } from "./support/course";

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");
const EXERCISES = [
  ["08-activations", "leakyRelu"], ["08-activations", "leakyReluPrime"], ["08-activations", "tanhPrime"], ["08-activations", "stableSoftmax"],
  ["10-multiclass-digits", "predictClasses"], ["10-multiclass-digits", "confusionCounts"],
].map(([set, exercise]) => ({ set, exercise }));

function classInput(): SimilarityInput {
  return {
    handIns: STUDENTS.map((s) => ({ student: s.name, sources: Object.fromEntries(CLASS_SETS.filter((id) => !s.missing?.includes(id)).map((id) => [id, studentFile(id, s.answers)])) })),
    exercises: EXERCISES,
    stubs: Object.fromEntries(CLASS_SETS.map((id) => [id, read(`exercises/${id}.ts`)])),
    references: Object.fromEntries(CLASS_SETS.map((id) => [id, read(`solutions/${id}.ts`)])),
  };
}

describe("tokens", () => {
  it("ignore names, comments, semicolons, types, the text of strings and (x) => versus x =>", () => {
    const a = `export function f(z: number[]): number[] {
  // the largest entry
  const top: number = Math.max(...z);
  return z.map((v) => Math.exp(v - top) as number).filter<number>((v) => v > 0 || "yes" === \`\${v}\`);
}`;
    const b = `export function f(values) {
  let biggest = Math.max(...values)
  return values.map(x => Math.exp(x - biggest)).filter(x => x > 0 || 'no' === String(x))
}`;
    const tokens = (src: string) => answerTokens(src, "f")?.map((t) => t.text).join(" ");
    expect(tokens(a)).toBe("{ var I = Math .max ( ... I ) return I .map ( I => Math .exp ( I - I ) ) .filter ( I => I > 0 || S === S I S ) }");
    // Only String(x) against a template literal differs.
    expect(tokens(b)).toBe("{ var I = Math .max ( ... I ) return I .map ( I => Math .exp ( I - I ) ) .filter ( I => I > 0 || S === String ( I ) ) }");
    expect(answerTokens(a, "g")).toBeNull();
  });

  it("include the top-level helpers the answer calls or passes along, and give each token its line", () => {
    const src = "const square = (x: number) => x * x;\nfunction unused() { return 1; }\nexport function f(v: number[]) {\n  return v.map(square);\n}\n";
    const tokens = answerTokens(src, "f") ?? [];
    expect(tokens.map((t) => t.text).join(" ")).toBe("{ return I .map ( I ) } I * I");
    expect(tokens.map((t) => t.line)).toEqual([3, 4, 4, 4, 4, 4, 4, 5, 1, 1, 1]);
  });
});

describe("the similarity report on a class of 20", () => {
  const report = similarity(classInput());

  it("finds the renamed-variable copy, and only that pair", () => {
    expect(report.handIns).toBe(20);
    expect(report.answers[COPIED.exercise]).toBe(20);
    expect(report.pairs.map((p) => [p.exercise, p.a, p.b])).toEqual([[COPIED.exercise, COPIED.a, COPIED.b]]);
    const pair = report.pairs[0];
    expect(pair.similarity).toBeGreaterThanOrEqual(0.8);
    expect(pair.tokens).toBeGreaterThanOrEqual(80);
  });

  it("shows the matching fragments with their lines in each file", () => {
    const pair = report.pairs[0];
    const ada = studentFile("08-activations", STUDENTS[0].answers).split("\n");
    const largest = pair.fragments[0];
    // The fragment's code is the file's own lines.
    expect(largest.a.code).toEqual(ada.slice(largest.a.from - 1, largest.a.to));
    expect(largest.a.code.join("\n")).toContain("if (z[i] > largest) largest = z[i];");
    expect(largest.b.code.join("\n")).toContain("for (let k = 1; k < z.length; k++) { if (z[k] > mx) mx = z[k]; }");
    const md = similarityMarkdown(report);
    expect(md).toContain("## 08-activations/stableSoftmax (20 answers compared)");
    expect(md).toMatch(/### ada and eli: \d+% of fingerprints shared, \d+ tokens in common/);
    expect(md).toMatch(/ada, exercises\/08-activations\.ts lines \d+-\d+:\n\n```ts\n +\d+ {2}export function stableSoftmax/);
  });

  it("independently written answers stay far below the threshold, even with no minimum length", () => {
    const loose = similarity(classInput(), { ...DEFAULT_SIMILARITY, threshold: 0, minTokens: 0 });
    const copied = (p: { a: string; b: string; exercise: string }) => p.exercise === COPIED.exercise && p.a === COPIED.a && p.b === COPIED.b;
    // Pairs with the same common mistake (gus and rui's unstable softmax, say) are identical but short.
    const sameMistake = loose.pairs.filter((p) => !copied(p) && p.similarity === 1);
    expect(sameMistake.length).toBeGreaterThan(0);
    for (const p of sameMistake) expect(p.tokens, `${p.exercise} ${p.a} ${p.b}`).toBeLessThan(DEFAULT_SIMILARITY.minTokens);
    // Every other pair of different answers shares little.
    for (const p of loose.pairs.filter((q) => !copied(q) && q.similarity < 1)) expect(p.similarity, `${p.exercise} ${p.a} ${p.b}`).toBeLessThan(0.25);
  });

  it("the same code in most answers is nobody's own: three identical distinctive answers of four are not listed", () => {
    const answer = studentFile("08-activations", STUDENTS[0].answers);
    const other = studentFile("08-activations", STUDENTS[2].answers);
    const input = { ...classInput(), exercises: [{ set: "08-activations", exercise: "stableSoftmax" }] };
    const few = similarity({ ...input, handIns: [{ student: "a", sources: { "08-activations": answer } }, { student: "b", sources: { "08-activations": answer } }, { student: "c", sources: { "08-activations": other } }, { student: "d", sources: { "08-activations": other.replace("logSum", "ls") } }] });
    // Two of four (not more than half): both pairs are listed.
    expect(few.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["a-b", "c-d"]);
    const most = similarity({ ...input, handIns: ["a", "b", "c"].map((student) => ({ student, sources: { "08-activations": answer } })).concat([{ student: "d", sources: { "08-activations": other } }]) });
    expect(most.pairs).toEqual([]);
  });
});
