// `./course lab`: JupyterLab on the course, with its settings and options (only the course's
// kernel offered, new notebooks start it).
import fs from "node:fs";
import path from "node:path";
import { KERNEL_NAME } from "./kernel-spec.mjs";
import { log, ROOT, runChild, writeIfChanged } from "./process.mjs";
import { jupyterEnv, VENV } from "./python-env.mjs";
import { setup } from "./setup.mjs";

/**
 * JupyterLab's page config for the course (labconfig/page_config.json): the news announcements
 * plugin is disabled, since it asks every new student whether to fetch news from the internet;
 * so is the notebooks' language-server plugin: the kernel checks cells, and the language server
 * would check them again without the kernel's view of the course (and write shadow copies of the
 * notebooks into .virtual_documents/). The file editor keeps its language server.
 */
export const LAB_PAGE_CONFIG = {
  disabledExtensions: {
    "@jupyterlab/apputils-extension:announcements": true,
    "@jupyterlab/notebook-extension:language-server": true,
  },
};

/** The JupyterLab extension that underlines type errors in the file editor (tools/labextension/). */
export const TYPE_ERRORS_EXTENSION = "mlp-course-type-errors";

/**
 * Installs tools/labextension as a prebuilt JupyterLab extension in `shareJupyter`
 * (<prefix>/share/jupyter): JupyterLab's language-server support connects the file editor to
 * typescript-language-server but shows none of its diagnostics; this extension underlines them.
 */
export function installTypeErrorsExtension(shareJupyter) {
  const from = path.join(ROOT, "tools", "labextension");
  const to = path.join(shareJupyter, "labextensions", TYPE_ERRORS_EXTENSION);
  const same = (rel) => fs.existsSync(path.join(to, rel)) && fs.readFileSync(path.join(to, rel), "utf8") === fs.readFileSync(path.join(from, rel), "utf8");
  if (same("package.json") && same(path.join("static", "remoteEntry.js"))) return false;
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  return true;
}

/**
 * Default settings of the course's JupyterLab (<prefix>/share/jupyter/lab/settings/overrides.json;
 * a student's own settings still win): a new notebook starts the preferred kernel, the course's,
 * instead of asking which kernel to use; the language servers are on, so the file editor checks
 * an exercise file's types as it is written (typescript-language-server, an npm dependency).
 */
export const LAB_SETTINGS = {
  "@jupyterlab/notebook-extension:tracker": { autoStartDefaultKernel: true },
  "@jupyterlab/lsp-extension:plugin": { activate: "on" },
};

function writeLabPageConfig() {
  writeIfChanged(path.join(jupyterEnv().JUPYTER_CONFIG_DIR, "labconfig", "page_config.json"), LAB_PAGE_CONFIG);
  writeIfChanged(path.join(VENV, "share", "jupyter", "lab", "settings", "overrides.json"), LAB_SETTINGS);
}

/**
 * `jupyter lab` options for the course. Only the course's kernel is offered (the Python kernel
 * that comes with JupyterLab would give a student "SyntaxError: invalid syntax" on TypeScript);
 * --with-python offers it too.
 */
export function labOptions(args, isRoot = process.getuid?.() === 0) {
  const withPython = args.includes("--with-python");
  const rest = args.filter((a) => a !== "--with-python");
  return [
    "lab",
    `--ServerApp.root_dir=${ROOT}`,
    "--LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb",
    // New notebooks get the course's TypeScript kernel, not the python3 one that comes with JupyterLab.
    `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`,
    ...(withPython ? [] : [`--KernelSpecManager.allowed_kernelspecs=${KERNEL_NAME}`]),
    // Nothing is fetched from the internet: no update check.
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    // Jupyter refuses to run as root unless told; containers and CI machines often are root.
    ...(isRoot && !rest.includes("--allow-root") ? ["--allow-root"] : []),
    ...rest,
  ];
}

export async function lab(args) {
  await setup();
  writeLabPageConfig();
  const jupyter = path.join(VENV, "bin", "jupyter");
  const labArgs = labOptions(args);
  log(`starting JupyterLab on notebooks/ (${args.length ? args.join(" ") : "opens your browser"}); press Ctrl-C to stop`);
  return runChild(jupyter, labArgs, { env: jupyterEnv() });
}
