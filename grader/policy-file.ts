/**
 * Reads an assignment's policy file (grading/policy.ts, or the file given with --policy) when the
 * grader starts: the file is compiled with esbuild, run, and its `policy` export checked again
 * (definePolicy), so a policy written as a plain object is checked too. Without grading/policy.ts
 * the defaults apply (grading as before).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DEFAULT_POLICY, definePolicy, PolicyError, type Policy } from "./policy";
import { temporaryFolder } from "./sandbox";

export const POLICY_FILE = path.join("grading", "policy.ts");

/** The policy in `file`; the defaults when `file` is the kit's grading/policy.ts and it does not exist. Throws a PolicyError naming the file. */
export function loadPolicy(root: string, file: string = path.join(root, POLICY_FILE)): Policy {
  if (!fs.existsSync(file)) {
    if (path.resolve(file) === path.join(root, POLICY_FILE)) return DEFAULT_POLICY;
    throw new PolicyError(`${file}: no such policy file`);
  }
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild") as typeof import("esbuild");
  let code: string;
  try {
    const built = esbuild.buildSync({ entryPoints: [file], bundle: true, platform: "node", format: "cjs", target: "node20", write: false, packages: "external", logLevel: "silent" });
    code = built.outputFiles[0].text;
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { line: number } | null }[] }).errors ?? [];
    throw new PolicyError(`${file} does not compile: ${errors.map((e) => `${e.location ? `line ${e.location.line}: ` : ""}${e.text}`).join("; ") || (error as Error).message}`);
  }
  const tmp = temporaryFolder("mlp-policy-");
  try {
    const compiled = path.join(tmp.dir, "policy.cjs");
    fs.writeFileSync(compiled, code);
    let exported: { policy?: unknown };
    try {
      exported = createRequire(compiled)(compiled) as { policy?: unknown };
    } catch (error) {
      throw new PolicyError(`${file}: ${(error as Error).message}`);
    }
    if (exported.policy === undefined) throw new PolicyError(`${file} must export its policy: export const policy = definePolicy({ ... })`);
    try {
      return definePolicy(exported.policy as Policy);
    } catch (error) {
      throw new PolicyError(`${file}: ${(error as Error).message}`);
    }
  } finally {
    tmp.remove();
  }
}
