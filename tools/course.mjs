// The course's one command (./course, npm start/test/export). It runs before `npm install`,
// so it uses Node's builtins only. Each job has its module in tools/course/:
//
//   node tools/course.mjs [lab] [jupyter options]   set up, then open JupyterLab on notebooks/   (jupyter-lab.mjs)
//   node tools/course.mjs setup                     install what is missing, nothing else        (setup.mjs: npm-packages,
//                                                                                                  python-env, kernel-spec, notebook-filter)
//   node tools/course.mjs test [vitest options]     set up, type-check, run the test suite       (test-runner.mjs)
//   node tools/course.mjs export [--out DIR] [--jobs N] [--fresh] [notebook.ipynb ...]
//                                                   run notebooks, write the course as a static site (html-export.mjs)
//
// Setup is idempotent: each step leaves a stamp (a hash of what it installed from) and is
// skipped while the stamp matches, so a second run starts JupyterLab within seconds.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { exportHtml } from "./course/html-export.mjs";
import { lab } from "./course/jupyter-lab.mjs";
import { CourseError, log } from "./course/process.mjs";
import { setup } from "./course/setup.mjs";
import { test } from "./course/test-runner.mjs";

// The checks test/course-cli.test.ts and test/notebook-filter.test.ts exercise.
export { MIN_PYTHON, findPython, parsePipConfig, choosePipIndex } from "./course/python-env.mjs";
export { checkNode } from "./course/npm-packages.mjs";
export { kernelSpec } from "./course/kernel-spec.mjs";
export { setupNotebookFilter } from "./course/notebook-filter.mjs";

const USAGE = `usage: ./course [lab] [--no-browser] [--port N] [--ip ADDRESS] [--with-python] [other jupyter lab options]
       ./course setup
       ./course test [vitest options]
       ./course export [--out DIR] [--jobs N] [--fresh] [notebook.ipynb ...]`;

async function main(argv) {
  const setupOnly = async () => {
    await setup();
    log("setup is complete: ./course opens JupyterLab");
    return 0;
  };
  const commands = { lab, setup: setupOnly, test, export: exportHtml };
  const [first, ...rest] = argv;
  if (first === "help" || first === "--help" || first === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (first === undefined || first.startsWith("-")) return lab(argv);
  if (!Object.hasOwn(commands, first)) {
    console.error(`[course] unknown command "${first}"\n${USAGE}`);
    return 2;
  }
  return commands[first](rest);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      if (error instanceof CourseError) console.error(`[course] error: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}
