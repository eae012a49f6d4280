/**
 * A batch that resumes: each graded hand-in leaves <out>/<student>/grade.json, written last and
 * atomically, holding its grade, the files it handed in (for the similarity report) and two
 * content hashes: of the hand-in (the zip, or every file of the folder) and of the grading (the
 * grader, hidden tests, public checks, reference solutions, library, package lock, the sets
 * graded and the time limits). A re-run skips a hand-in whose record is there with both hashes
 * unchanged; anything else is graded again. Timestamps play no part: a copied or touched file
 * with the same content is still current, an edited one is not.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SubmissionGrade } from "./grade";
import { writeAtomic } from "./report";

export const RECORD_FILE = "grade.json";
const RECORD_VERSION = 1;

export interface GradeRecord {
  readonly version: number;
  readonly handIn: string;
  readonly grading: string;
  readonly grade: SubmissionGrade;
  /** The hand-in's exercise files as graded, by set id. */
  readonly sources: Readonly<Record<string, string>>;
}

/** Folders a hand-in or the kit may hold that grading never reads. */
const SKIPPED = new Set(["node_modules", ".git", "__MACOSX"]);

function addTree(hash: crypto.Hash, root: string, rel: string, skip: (rel: string) => boolean): void {
  const full = path.join(root, rel);
  const stat = fs.lstatSync(full);
  if (stat.isSymbolicLink()) hash.update(`L ${rel} -> ${fs.readlinkSync(full)}\n`);
  else if (stat.isDirectory()) {
    hash.update(`D ${rel}\n`);
    for (const name of fs.readdirSync(full).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      if (!SKIPPED.has(name) && !skip(child)) addTree(hash, root, child, skip);
    }
  } else if (stat.isFile()) {
    hash.update(`F ${rel} ${crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex")}\n`);
  }
}

/** The content hash of a hand-in: a zip's bytes, or a folder's file names and contents (links by their target's name). */
export function handInHash(entry: string): string {
  const hash = crypto.createHash("sha256");
  if (fs.statSync(entry).isFile()) hash.update(fs.readFileSync(entry));
  else addTree(hash, entry, "", () => false);
  return hash.digest("hex");
}

/** What grading depends on besides the hand-in. The policy files (grading/policy*.ts) are not in it: deadlines, visibility and overrides are applied afresh on every run. */
export const GRADING_PARTS = ["grader", "grading", "exercises/checks", "solutions", "lib", "package-lock.json", "tools/grade.mjs"];

/** The content hash of the grading in `root`, with `settings` (sets graded, limits) that change results too. */
export function gradingHash(root: string, settings: unknown): string {
  const hash = crypto.createHash("sha256");
  hash.update(`${JSON.stringify(settings)}\n${process.version}\n`);
  for (const part of GRADING_PARTS) {
    if (fs.existsSync(path.join(root, part))) addTree(hash, root, part, (rel) => /^grading\/policy[^/]*\.ts$/.test(rel));
  }
  return hash.digest("hex");
}

export function recordFile(out: string, student: string): string {
  return path.join(out, student, RECORD_FILE);
}

/** The record a previous run left for `student`, or null (none, unreadable, or from another version of this format). */
export function readRecord(out: string, student: string): GradeRecord | null {
  try {
    const r = JSON.parse(fs.readFileSync(recordFile(out, student), "utf8")) as GradeRecord;
    return r && r.version === RECORD_VERSION && typeof r.handIn === "string" && typeof r.grading === "string" && r.grade?.student === student ? r : null;
  } catch {
    return null;
  }
}

export function writeRecord(out: string, record: Omit<GradeRecord, "version">): void {
  writeAtomic(recordFile(out, record.grade.student), JSON.stringify({ version: RECORD_VERSION, ...record }) + "\n");
}
