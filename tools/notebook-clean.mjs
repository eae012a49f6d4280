// The git clean filter of the course's notebooks (.gitattributes: notebooks/*.ipynb
// filter=course-notebook; `./course setup` configures it): what git stores is the notebook without
// outputs, execution counts or per-run metadata, so a student who saves a notebook after running
// it sees no change in `git status`, and no commit carries outputs. Reads a notebook on stdin and
// writes the stored form on stdout; anything that is not a notebook passes through unchanged.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The stored form of a notebook's JSON text (nbformat's layout: one-space indent, UTF-8, final newline). */
export function cleanNotebook(text) {
  let nb;
  try {
    nb = JSON.parse(text);
  } catch {
    return text; // not JSON (a merge conflict, say): never lose what the student wrote
  }
  if (!nb || typeof nb !== "object" || !Array.isArray(nb.cells)) return text;
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    if (cell.metadata && typeof cell.metadata === "object") {
      for (const key of ["execution", "collapsed", "scrolled", "jupyter"]) delete cell.metadata[key];
    }
  }
  if (nb.metadata && typeof nb.metadata === "object") delete nb.metadata.widgets;
  return JSON.stringify(nb, null, 1) + "\n";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(cleanNotebook(fs.readFileSync(0, "utf8")));
}
