// `./course lab`: JupyterLab on the course, with its settings and options (only the course's
// kernel offered, new notebooks start it).
import path from "node:path";
import { KERNEL_NAME } from "./kernel-spec.mjs";
import { log, ROOT, runChild, writeIfChanged } from "./process.mjs";
import { jupyterEnv, VENV } from "./python-env.mjs";
import { setup } from "./setup.mjs";

/**
 * JupyterLab settings of the course's own Jupyter config folder: the news announcements plugin
 * is disabled, since it asks every new student whether to fetch news from the internet.
 */
function writeLabPageConfig() {
  writeIfChanged(
    path.join(jupyterEnv().JUPYTER_CONFIG_DIR, "labconfig", "page_config.json"),
    { disabledExtensions: { "@jupyterlab/apputils-extension:announcements": true } },
  );
  // Default settings of this JupyterLab (a student's own settings still win): a new notebook
  // starts the preferred kernel, the course's, instead of asking which kernel to use.
  writeIfChanged(
    path.join(VENV, "share", "jupyter", "lab", "settings", "overrides.json"),
    { "@jupyterlab/notebook-extension:tracker": { autoStartDefaultKernel: true } },
  );
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
