// `./course setup`: every step, each idempotent (skipped while its stamp matches).
import { setupKernel } from "./kernel-spec.mjs";
import { setupNotebookFilter } from "./notebook-filter.mjs";
import { checkNode, setupNpm } from "./npm-packages.mjs";
import { setupPython } from "./python-env.mjs";

export async function setup() {
  checkNode();
  setupNpm();
  await setupPython();
  setupKernel();
  setupNotebookFilter();
}
