// `./course export`: executes notebooks and writes standalone HTML pages (plotly.js and MathJax inlined).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CourseError, log, ROOT, runChild } from "./process.mjs";
import { jupyterEnv, VENV_PYTHON } from "./python-env.mjs";
import { setup } from "./setup.mjs";

/** Minifies plotly.js once (10 MB -> ~4.8 MB) and caches it under build/, keyed by versions. */
async function minifiedPlotly() {
  const require = createRequire(path.join(ROOT, "package.json"));
  const plotlyFile = require.resolve("plotly.js-dist/plotly.js");
  const plotlyVersion = require("plotly.js-dist/package.json").version;
  const esbuild = require("esbuild");
  const cached = path.join(ROOT, "build", `plotly-${plotlyVersion}-esbuild-${esbuild.version}.min.js`);
  if (fs.existsSync(cached)) return cached;
  log(`minifying plotly.js ${plotlyVersion} for standalone pages (cached in build/)...`);
  const { code } = esbuild.transformSync(fs.readFileSync(plotlyFile, "utf8"), { minify: true, target: "es2018" });
  // The code is inlined in a <script> element, where "</script" would end it early.
  if (/<\/script/i.test(code)) throw new CourseError("minified plotly.js contains </script and cannot be inlined");
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.writeFileSync(cached + ".tmp", code);
  fs.renameSync(cached + ".tmp", cached);
  return cached;
}

export async function exportHtml(args) {
  await setup();
  let outDir = path.join(ROOT, "build", "html");
  const notebooks = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out") outDir = path.resolve(args[++i] ?? "");
    else if (args[i].startsWith("--out=")) outDir = path.resolve(args[i].slice("--out=".length));
    else notebooks.push(path.resolve(args[i]));
  }
  if (notebooks.length === 0) {
    const dir = path.join(ROOT, "notebooks");
    for (const name of fs.readdirSync(dir).sort()) if (name.endsWith(".ipynb")) notebooks.push(path.join(dir, name));
  }
  const plotly = await minifiedPlotly();
  // MathJax 3's SVG build carries its fonts and every TeX extension, so pages typeset offline.
  const mathjax = createRequire(path.join(ROOT, "package.json")).resolve("mathjax/es5/tex-svg-full.js");
  log(`executing and exporting ${notebooks.length} notebook(s) to ${path.relative(ROOT, outDir) || outDir}/ ...`);
  const exporter = path.join(ROOT, "tools", "export_html.py");
  return runChild(VENV_PYTHON, [exporter, "--plotly", plotly, "--mathjax", mathjax, "--out", outDir, ...notebooks], {
    env: jupyterEnv(),
  });
}
