// `./course test` (npm test): set up, type-check, then the vitest suite.
import path from "node:path";
import { log, ROOT, runChild } from "./process.mjs";
import { setup } from "./setup.mjs";

/** Runs tsc, then vitest even when tsc fails (both reports help); the exit code is the first failure. */
export async function test(args) {
  await setup();
  log("type-checking (tsc --noEmit -p .)...");
  const tscCode = await runChild(path.join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."]);
  if (tscCode !== 0) log(`tsc found type errors (exit ${tscCode}); running the tests anyway`);
  log(`running the tests (vitest run${args.length ? " " + args.join(" ") : ""})...`);
  const vitestCode = await runChild(path.join(ROOT, "node_modules", ".bin", "vitest"), ["run", ...args]);
  return vitestCode !== 0 ? vitestCode : tscCode;
}
