// `./course setup`: every step, each idempotent (skipped while its stamp matches).
import path from "node:path";
import { installTypeErrorsExtension, TYPE_ERRORS_EXTENSION } from "./jupyter-lab.mjs";
import { setupKernel } from "./kernel-spec.mjs";
import { setupNotebookFilter } from "./notebook-filter.mjs";
import { checkNode, setupNpm } from "./npm-packages.mjs";
import { log } from "./process.mjs";
import { setupPython, VENV } from "./python-env.mjs";

export async function setup() {
  checkNode();
  setupNpm();
  await setupPython();
  setupKernel();
  if (installTypeErrorsExtension(path.join(VENV, "share", "jupyter"))) log(`installed the JupyterLab extension ${TYPE_ERRORS_EXTENSION} (type errors underlined in the file editor)`);
  setupNotebookFilter();
}
