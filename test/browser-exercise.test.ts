// A student working on an exercise in JupyterLab (./course lab, headless Chromium): they run a
// plain cell using their module (`mine.neuronInput(...)`), write the function in the file editor
// and save, and the same plain cell sees the saved file; a type error they then make is underlined
// in the editor (typescript-language-server, shown by tools/labextension) and the check cell
// reports it with file, line and column and still runs the checks. The exercise and notebook are
// scratch copies under test-artifacts/, so the kit's files are never edited.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, ROOT, chromiumOrSkip, launchChromium } from "./support/course";
import { startLab, type RunningLab } from "./support/lab";

const WORK = "test-artifacts/browser-exercise";
const EXERCISE = `${WORK}/exercises/00-welcome.ts`;
const NOTEBOOK = `${WORK}/notebooks/work.ipynb`;
const SHOTS = path.join(ARTIFACTS, "browser");

const cellSources = [
  `import * as mine from "./${EXERCISE.replace(/\.ts$/, "")}";\nimport { checks } from "./exercises/checks/00-welcome";\nimport { checkExercises } from "./lib/notebook";`,
  "mine.neuronInput([1, 2], 0.5, [3, 4])",
  "checkExercises(checks, mine);",
];

function writeScratch(): void {
  fs.rmSync(path.join(ROOT, WORK), { recursive: true, force: true });
  fs.mkdirSync(path.join(ROOT, WORK, "exercises"), { recursive: true });
  fs.mkdirSync(path.join(ROOT, WORK, "notebooks"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "exercises", "00-welcome.ts"), path.join(ROOT, EXERCISE));
  const notebook = {
    cells: cellSources.map((source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { display_name: "TypeScript (MLP course)", language: "typescript", name: "tslab-mlp" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(path.join(ROOT, NOTEBOOK), JSON.stringify(notebook, null, 1));
}

/** Text of the n-th cell's stdout/stderr/HTML outputs. */
function cellOutput(page: Page, n: number): Promise<{ stdout: string; stderr: string; html: string; prompt: string }> {
  return page.evaluate(`(() => {
    const cell = document.querySelectorAll(".jp-Notebook .jp-Cell")[${n}];
    const text = (mime) => Array.from(cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="' + mime + '"]')).map((o) => o.textContent || "").join("");
    return { stdout: text("application/vnd.jupyter.stdout"), stderr: text("application/vnd.jupyter.stderr"), html: Array.from(cell.querySelectorAll(".jp-OutputArea-output")).map((o) => o.innerHTML).join(""),
      prompt: (cell.querySelector(".jp-InputArea-prompt")?.textContent || "").trim() };
  })()`);
}

/** Runs the n-th cell (click, Shift+Enter) and waits until its prompt shows a new count. */
async function runCell(page: Page, n: number): Promise<{ stdout: string; stderr: string; html: string }> {
  const before = (await cellOutput(page, n)).prompt;
  await page.locator(".jp-Notebook .jp-Cell").nth(n).locator(".jp-InputArea-prompt").click();
  await page.keyboard.press("Shift+Enter");
  await expect.poll(async () => (await cellOutput(page, n)).prompt, { timeout: 180_000 }).toMatch(/^\[\d+\]:$/);
  await expect.poll(async () => (await cellOutput(page, n)).prompt !== before || before === "[ ]:", { timeout: 180_000 }).toBe(true);
  await page.waitForSelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', { timeout: 180_000 });
  return cellOutput(page, n);
}

/** Replaces the text of the open file editor (as typing would) and saves it with Ctrl+S. */
async function editAndSave(page: Page, text: string): Promise<void> {
  await page.evaluate(`window.jupyterapp.shell.currentWidget.content.model.sharedModel.setSource(${JSON.stringify(text)})`);
  await page.locator(".jp-FileEditor .cm-content").click();
  await page.keyboard.press("Control+s");
  await expect.poll(() => page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count(), { timeout: 30_000 }).toBe(0);
}

describe("a student editing an exercise in JupyterLab (headless Chromium)", () => {
  let lab: RunningLab | null = null;
  const labState = path.join(ARTIFACTS, "browser", "exercise-lab-state");

  beforeAll(async () => {
    writeScratch();
    fs.rmSync(labState, { recursive: true, force: true });
    lab = await startLab([
      `--LabApp.user_settings_dir=${path.join(labState, "user-settings")}`,
      `--LabApp.workspaces_dir=${path.join(labState, "workspaces")}`,
      "--LabApp.expose_app_in_browser=True",
    ]);
  }, 180_000);

  afterAll(async () => {
    if (lab) await lab.stop();
  }, 60_000);

  it("a plain cell sees the saved exercise; a type error is underlined in the editor, reported by the check cell with file and line, and the checks run", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    if (!lab) throw new Error("JupyterLab did not start");
    const browser = await launchChromium(executablePath);
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${lab.url}/lab/tree/${NOTEBOOK}?reset&token=${lab.token}`);
      await page.getByText("TypeScript (MLP course) | Idle").waitFor({ timeout: 120_000 });

      expect((await runCell(page, 0)).stderr).toBe("");
      const stub = await runCell(page, 1);
      expect(stub.stderr).toContain("not implemented yet");

      // The student writes the function in the file editor and saves.
      await page.evaluate(`window.jupyterapp.commands.execute("docmanager:open", { path: ${JSON.stringify(EXERCISE)} })`);
      await page.waitForSelector(".jp-FileEditor .cm-content", { timeout: 60_000 });
      const stubText = fs.readFileSync(path.join(ROOT, EXERCISE), "utf8");
      const written = stubText.replace(/  throw new Error\("not implemented yet[^\n]*\n/, "  return weights.reduce((z, w, i) => z + w * inputs[i], bias);\n");
      expect(written).not.toBe(stubText);
      await editAndSave(page, written);
      await expect.poll(() => fs.readFileSync(path.join(ROOT, EXERCISE), "utf8"), { timeout: 30_000 }).toBe(written);

      // Back in the notebook, the same plain cell (it imports nothing) runs the saved function.
      await page.locator(".lm-TabBar-tab", { hasText: "work.ipynb" }).click();
      const solved = await runCell(page, 1);
      expect(solved.stderr).toBe("");
      expect(solved.html).toContain("11.5"); // 0.5 + 1*3 + 2*4

      // A type error: underlined in the editor as soon as the language server has checked the file.
      await page.locator(".lm-TabBar-tab", { hasText: "00-welcome.ts" }).click();
      const withTypeError = written.replace("  return weights.reduce(", '  const label: string = bias;\n  return weights.reduce(');
      await editAndSave(page, withTypeError);
      await expect.poll(() => fs.readFileSync(path.join(ROOT, EXERCISE), "utf8"), { timeout: 30_000 }).toBe(withTypeError);
      const underline = page.locator(".jp-FileEditor .mlp-type-error");
      await expect.poll(() => underline.count(), { timeout: 120_000 }).toBeGreaterThan(0);
      expect(await underline.first().textContent()).toBe("label");
      expect(await underline.first().getAttribute("title")).toBe("Type 'number' is not assignable to type 'string'. (TS2322)");
      await page.locator(".jp-FileEditor").screenshot({ path: path.join(SHOTS, "exercise-type-error.png") });

      // The check cell names the file, line and column, and runs the checks anyway.
      await page.locator(".lm-TabBar-tab", { hasText: "work.ipynb" }).click();
      const checked = await runCell(page, 2);
      const line = withTypeError.split("\n").findIndex((l) => l.includes("const label")) + 1;
      expect(checked.stderr).toContain(`${EXERCISE}:${line}:9: Type 'number' is not assignable to type 'string'.`);
      expect(checked.html).toContain('data-passed="true"');
      await page.locator(".jp-Notebook .jp-Cell").nth(2).screenshot({ path: path.join(SHOTS, "exercise-check-with-type-error.png") });
    } finally {
      await browser.close();
    }
  }, 600_000);
});
