// The course's Jupyter kernel spec "tslab-mlp", registered inside .venv.
import fs from "node:fs";
import path from "node:path";
import { log, readStamp, ROOT } from "./process.mjs";
import { VENV } from "./python-env.mjs";

export const KERNEL_NAME = "tslab-mlp";
const KERNEL_DIR = path.join(VENV, "share", "jupyter", "kernels", KERNEL_NAME);

/** The project's kernel: tslab started from the course root by tools/kernel.cjs (see there why). */
export function kernelSpec(node = process.execPath) {
  return {
    argv: [node, path.join(ROOT, "tools", "kernel.cjs"), "{connection_file}"],
    display_name: "TypeScript (MLP course)",
    language: "typescript",
  };
}

export function setupKernel() {
  // Installed inside .venv, where only this project's Jupyter looks; the kernel.json content is
  // its own stamp (it holds the absolute paths of node and of this checkout).
  const file = path.join(KERNEL_DIR, "kernel.json");
  const content = JSON.stringify(kernelSpec(), null, 2) + "\n";
  if (readStamp(file) === content.trim()) {
    log(`kernel ${KERNEL_NAME} is registered (.venv/share/jupyter/kernels/${KERNEL_NAME})`);
    return;
  }
  fs.mkdirSync(KERNEL_DIR, { recursive: true });
  fs.writeFileSync(file, content);
  log(`registered kernel ${KERNEL_NAME} (node ${process.execPath}) in .venv/share/jupyter/kernels/${KERNEL_NAME}`);
}
