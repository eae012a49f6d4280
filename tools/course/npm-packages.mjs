// Node.js and the npm packages: the Node version check and `npm ci` when package-lock.json changed.
import fs from "node:fs";
import path from "node:path";
import { CourseError, log, readStamp, ROOT, run, sha256 } from "./process.mjs";

const NPM_STAMP = path.join(ROOT, "node_modules", ".course-package-lock.sha256");
const MIN_NODE_MAJOR = 20;

export function checkNode(version = process.versions.node) {
  const major = Number(version.split(".")[0]);
  if (!(major >= MIN_NODE_MAJOR)) {
    throw new CourseError(`Node.js ${version} is too old: the course needs Node.js ${MIN_NODE_MAJOR} or newer (https://nodejs.org).`);
  }
}

export function setupNpm() {
  const lockHash = sha256(path.join(ROOT, "package-lock.json"));
  if (fs.existsSync(path.join(ROOT, "node_modules")) && readStamp(NPM_STAMP) === lockHash) {
    log("npm packages are up to date (node_modules matches package-lock.json)");
    return;
  }
  log("installing npm packages (npm ci)...");
  // Under `npm test`, npm_execpath is the npm that is running us: use the same one.
  const npmCli = process.env.npm_execpath;
  if (npmCli && npmCli.endsWith(".js")) run(process.execPath, [npmCli, "ci"]);
  else run("npm", ["ci"]);
  fs.writeFileSync(NPM_STAMP, lockHash + "\n");
}
