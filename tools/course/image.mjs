// The course installed into a Jupyter image (Binder, a JupyterHub image built by repo2docker):
// `binder/postBuild` runs `node tools/course/image.mjs` in the kit once, at image build time.
//
// Everything goes under the Python environment's prefix (where Jupyter looks for kernels and
// settings), not the home folder: a hub mounts each student's persistent home over it. There:
//   <prefix>/share/mlp-course/           the kernel (tools/kernel*.cjs) and the npm packages
//   <prefix>/share/jupyter/kernels/tslab-mlp/kernel.json        the kernel spec
//   <prefix>/etc/jupyter/jupyter_server_config.json the course's kernel is the default; the
//                                         language server is found in the packages above
//   <prefix>/share/jupyter/lab/settings/overrides.json           JupyterLab defaults (jupyter-lab.mjs)
//   <prefix>/etc/jupyter/labconfig/page_config.json              no news announcements, no
//                                         language server for notebooks (jupyter-lab.mjs)
//   <prefix>/share/jupyter/labextensions/mlp-course-type-errors  type errors underlined in the editor
// The kernel serves whichever copy of the course its notebook is in (tools/kernel-course.cjs): the
// image's own (Binder) or each student's copy pulled into their home (nbgitpuller on a hub),
// linking the copy's node_modules to the packages here when it has none.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { installTypeErrorsExtension, LAB_PAGE_CONFIG, LAB_SETTINGS } from "./jupyter-lab.mjs";
import { compileLibraryForKernel, KERNEL_NAME, kernelSpec, writeKernelSpec } from "./kernel-spec.mjs";
import { CourseError, log, ROOT } from "./process.mjs";

/** The kernel's own files: tools/kernel.cjs and the modules it requires. */
export function kernelFiles(root = ROOT) {
  return fs.readdirSync(path.join(root, "tools")).filter((f) => /^(kernel.*|tslab-internals)\.cjs$/.test(f)).sort();
}

/** Merges `value` into the JSON object in `file` (created when missing), keeping other keys. */
function mergeJson(file, value) {
  let current = {};
  if (fs.existsSync(file)) current = JSON.parse(fs.readFileSync(file, "utf8"));
  const merged = { ...current };
  for (const [key, v] of Object.entries(value)) {
    merged[key] = v && typeof v === "object" && !Array.isArray(v) ? { ...(current[key] ?? {}), ...v } : v;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(merged, null, 2) + "\n");
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.status !== 0) throw new CourseError(`${[path.basename(command), ...args].join(" ")} failed (exit ${result.status ?? result.error?.message})`);
}

/** npm, next to the node that runs this (the image's), else on PATH. */
function npmCommand() {
  const cli = path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
  return fs.existsSync(cli) ? [process.execPath, [cli]] : ["npm", []];
}

/** Installs the course's kernel, packages and Jupyter settings under `prefix`, for the course at `root`. */
export function installImage(prefix, root = ROOT) {
  const home = path.join(prefix, "share", "mlp-course");
  log(`installing the course's kernel and npm packages in ${home}`);
  fs.mkdirSync(path.join(home, "tools"), { recursive: true });
  for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(root, f), path.join(home, f));
  for (const f of kernelFiles(root)) fs.copyFileSync(path.join(root, "tools", f), path.join(home, "tools", f));
  // The packages the course runs with (not the kit's test and benchmark tools).
  const [npm, npmArgs] = npmCommand();
  run(npm, [...npmArgs, "ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], home);

  // This copy of the course (Binder's working folder) uses those packages too; the library is
  // compiled ahead into them (node_modules/.cache), where every copy with the same lib/ finds it.
  const link = path.join(root, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(home, "node_modules"), link, "dir");
  if (!compileLibraryForKernel(root, home)) throw new CourseError("lib/ could not be compiled for the kernel (see above)");

  writeKernelSpec(path.join(prefix, "share", "jupyter", "kernels"), kernelSpec(process.execPath, path.join(home, "tools", "kernel.cjs")));
  log(`registered kernel ${KERNEL_NAME} in ${path.join(prefix, "share", "jupyter", "kernels", KERNEL_NAME)}`);
  // The server's own config file: of the files in jupyter_server_config.d/, Jupyter Server reads
  // only which extensions to enable.
  mergeJson(path.join(prefix, "etc", "jupyter", "jupyter_server_config.json"), {
    // New notebooks get the course's kernel; the Python kernel stays available.
    MappingKernelManager: { default_kernel_name: KERNEL_NAME },
    // jupyter-lsp finds typescript-language-server among the course's packages.
    LanguageServerManager: { extra_node_roots: [home] },
  });
  mergeJson(path.join(prefix, "share", "jupyter", "lab", "settings", "overrides.json"), LAB_SETTINGS);
  installTypeErrorsExtension(path.join(prefix, "share", "jupyter"));
  mergeJson(path.join(prefix, "etc", "jupyter", "labconfig", "page_config.json"), LAB_PAGE_CONFIG);
  log("the course is installed: its notebooks open on the TypeScript (MLP course) kernel");
}

// node tools/course/image.mjs PREFIX  (binder/postBuild passes the Python environment's prefix)
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const prefix = process.argv[2];
  if (!prefix) {
    console.error("usage: node tools/course/image.mjs PREFIX (the Python environment Jupyter runs in)");
    process.exit(2);
  }
  try {
    installImage(path.resolve(prefix));
  } catch (error) {
    console.error(`[course] error: ${error.message}`);
    process.exit(1);
  }
}
