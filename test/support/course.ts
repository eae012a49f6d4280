/** Shared by the tests that run the real course tools: paths, Python helpers, Chromium. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext } from "playwright-core";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const VENV_PYTHON = path.join(ROOT, ".venv", "bin", "python");

/** Throws a clear error when `./course setup` has not been run (npm test runs it first). */
export function requireSetup(): void {
  const kernel = path.join(ROOT, ".venv", "share", "jupyter", "kernels", "tslab-mlp", "kernel.json");
  if (!fs.existsSync(VENV_PYTHON) || !fs.existsSync(kernel)) {
    throw new Error("the course is not set up (.venv or the tslab-mlp kernel is missing): run ./course setup, or npm test");
  }
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, feeding `input` on stdin; never throws on a non-zero exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    // A command that exits without reading its input (a missing Node.js, a usage error) closes the
    // pipe: EPIPE is then expected, and what the command printed is the result.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** Runs tools/<script> with .venv's Python and parses its JSON stdout. */
export async function runPythonTool<T>(script: string, args: readonly string[], input?: unknown): Promise<T> {
  requireSetup();
  const stdin = input === undefined ? "" : JSON.stringify(input);
  const result = await runCommand(VENV_PYTHON, [path.join(ROOT, "tools", script), ...args], { input: stdin });
  if (result.code !== 0) {
    throw new Error(`tools/${script} exited with ${result.code}\n${result.stderr.slice(-4000)}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** Debian's Chromium, or CHROMIUM_PATH; null when neither exists. */
export function chromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  return fs.existsSync(candidate) ? candidate : null;
}

export const CHROMIUM_MISSING =
  "Chromium was not found at /usr/bin/chromium (or CHROMIUM_PATH): browser tests skipped. " +
  "Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary.";

/**
 * Either a Chromium path, or (outside CI) a skip that says how to install it. In CI a missing
 * Chromium fails the test: .ci/run installs it.
 */
export function chromiumOrSkip(skip: (note: string) => never): string {
  const found = chromiumPath();
  if (found) return found;
  if (process.env.CI) throw new Error(CHROMIUM_MISSING.replace("browser tests skipped", "required in CI"));
  console.warn(`[browser tests] ${CHROMIUM_MISSING}`);
  return skip(CHROMIUM_MISSING);
}

/** Headless Chromium with a fresh profile; close() also deletes the profile. */
export async function launchChromium(executablePath: string): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "course-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const ARTIFACTS = path.join(ROOT, "test-artifacts");
