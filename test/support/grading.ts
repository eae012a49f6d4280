// The grader's inputs for tests: every exercise set, and hand-in folders assembled from the
// reference solutions, the stubs and the corpora in test/grading-corpus/.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { GradedSet } from "../../grader/grade";
import type { ExerciseSet } from "../../lib/exercise";
import type { Grading } from "../../grader/hidden";
import { ROOT } from "./course";

export const SET_IDS = fs.readdirSync(path.join(ROOT, "exercises", "checks")).filter((f) => /^\d\d-.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
export const CORPUS = path.join(ROOT, "test", "grading-corpus");

export async function loadSets(ids: readonly string[] = SET_IDS): Promise<GradedSet[]> {
  const load = async <T>(rel: string) => (await import(pathToFileURL(path.join(ROOT, rel)).href)) as T;
  return Promise.all(ids.map(async (id) => ({
    checks: (await load<{ checks: ExerciseSet }>(`exercises/checks/${id}.ts`)).checks,
    grading: (await load<{ grading: Grading }>(`grading/${id}.ts`)).grading,
    solution: await load<Record<string, unknown>>(`solutions/${id}.ts`),
  })));
}

/** Copies exercises/<id>.ts from `from` (a folder of NN-name.ts files) into <dir>/exercises. */
export function handIn(dir: string, from: string, ids: readonly string[] = SET_IDS): void {
  fs.mkdirSync(path.join(dir, "exercises"), { recursive: true });
  for (const id of ids) {
    const file = path.join(from, `${id}.ts`);
    if (fs.existsSync(file)) fs.copyFileSync(file, path.join(dir, "exercises", `${id}.ts`));
  }
}

/** Copies a corpus hand-in's files over `dir`, filling in its placeholders. */
export function overlay(dir: string, corpusCase: string, values: Readonly<Record<string, string>> = {}): void {
  const from = path.join(corpusCase, "exercises");
  for (const f of fs.readdirSync(from)) {
    let text = fs.readFileSync(path.join(from, f), "utf8");
    for (const [key, value] of Object.entries(values)) text = text.split(`__${key}__`).join(value);
    fs.writeFileSync(path.join(dir, "exercises", f), text);
  }
}
