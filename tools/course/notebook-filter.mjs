// The git clean filter that stores notebooks without outputs (tools/notebook-clean.mjs).
import { capture, log, ROOT, run } from "./process.mjs";

/**
 * In a git checkout, git stores notebooks through tools/notebook-clean.mjs (.gitattributes names
 * the filter): outputs a student saves never show as changes and never reach a commit.
 */
export function setupNotebookFilter(root = ROOT) {
  if (capture("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root })?.trim() !== "true") return;
  const command = "node tools/notebook-clean.mjs";
  if (capture("git", ["config", "--get", "filter.course-notebook.clean"], { cwd: root })?.trim() === command) return;
  run("git", ["config", "filter.course-notebook.clean", command], { cwd: root });
  log("git now stores notebooks without outputs (filter course-notebook in .git/config)");
}
