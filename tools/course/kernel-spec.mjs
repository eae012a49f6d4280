// The course's Jupyter kernel spec "tslab-mlp", registered inside .venv, and the library compiled
// ahead for it (tools/kernel-library.cjs), so the first kernel does not wait for it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { log, readStamp, ROOT } from "./process.mjs";
import { VENV } from "./python-env.mjs";

export const KERNEL_NAME = "tslab-mlp";
export const KERNEL_DISPLAY_NAME = "TypeScript (MLP course)";
const KERNEL_DIR = path.join(VENV, "share", "jupyter", "kernels", KERNEL_NAME);

/**
 * The course's kernel: tslab started by tools/kernel.cjs, which serves the course copy its
 * notebook is in (see there). `kernelFile`: that script, here or installed in an image.
 */
export function kernelSpec(node = process.execPath, kernelFile = path.join(ROOT, "tools", "kernel.cjs")) {
  return {
    argv: [node, kernelFile, "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
  };
}

/** Writes `spec` as <kernels>/tslab-mlp/kernel.json unless it holds exactly that; true when written. */
export function writeKernelSpec(kernelsDir, spec) {
  const file = path.join(kernelsDir, KERNEL_NAME, "kernel.json");
  const content = JSON.stringify(spec, null, 2) + "\n";
  if (readStamp(file) === content.trim()) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return true;
}

/**
 * Compiles the course library of `courseRoot` for the kernel (a no-op while lib/ is unchanged).
 * A failure is reported, not fatal: the kernel then compiles lib/ itself.
 */
export function compileLibraryForKernel(courseRoot = ROOT, kernelHome = ROOT) {
  const result = spawnSync(process.execPath, [path.join(kernelHome, "tools", "kernel-library.cjs"), courseRoot], { encoding: "utf8" });
  if (result.status === 0) log(result.stdout.trim());
  else log(`warning: ${(result.stderr || result.error?.message || "").trim()} (the kernel compiles lib/ from its sources instead: the first import is slower)`);
  return result.status === 0;
}

export function setupKernel() {
  // Installed inside .venv, where only this project's Jupyter looks; the kernel.json content is
  // its own stamp (it holds the absolute paths of node and of this checkout).
  if (writeKernelSpec(path.dirname(KERNEL_DIR), kernelSpec())) {
    log(`registered kernel ${KERNEL_NAME} (node ${process.execPath}) in .venv/share/jupyter/kernels/${KERNEL_NAME}`);
  } else {
    log(`kernel ${KERNEL_NAME} is registered (.venv/share/jupyter/kernels/${KERNEL_NAME})`);
  }
  compileLibraryForKernel();
}
