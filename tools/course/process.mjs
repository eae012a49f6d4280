// What every part of ./course shares: the course root, the error a student can act on, logging,
// running commands, and stamp files (a hash of what a setup step installed from).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A failure the student can act on: printed as one clear message, without a stack trace. */
export class CourseError extends Error {}

export function log(message) {
  console.log(`[course] ${message}`);
}

export function sha256(file) {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export function readStamp(file) {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

/** Writes `value` as JSON unless the file already holds exactly that. */
export function writeIfChanged(file, value) {
  const content = JSON.stringify(value, null, 2) + "\n";
  if (readStamp(file) === content.trim()) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Runs a command with the terminal attached; throws a CourseError naming it if it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: ROOT, ...options });
  if (result.error) throw new CourseError(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new CourseError(`${[path.basename(command), ...args].join(" ")} failed (exit ${result.status ?? result.signal})`);
  }
}

/** Runs a command quietly and returns its stdout, or null when it cannot run or fails. */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", cwd: ROOT, ...options });
  return result.error || result.status !== 0 ? null : result.stdout;
}

/** Runs a child with the terminal attached and resolves with its exit code. */
export function runChild(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: ROOT, ...options });
    // Ctrl-C reaches the child too (same process group): let it decide (JupyterLab asks to
    // confirm) and keep waiting for it. A SIGTERM sent to us only is passed on.
    const onSigint = () => {};
    const onSigterm = () => child.kill("SIGTERM");
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigterm);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
