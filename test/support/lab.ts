/** Starts JupyterLab the way students do (`./course lab --no-browser`) for browser tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT, requireSetup } from "./course";

export interface RunningLab {
  url: string;
  token: string;
  /** Server output so far (JupyterLab logs to stderr), for failure messages. */
  log: () => string;
  /** Asks the server to shut down (POST /api/shutdown) and waits for ./course to exit. */
  stop: () => Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** `extraArgs` go to `jupyter lab` after the course's own options; `env` adds to the environment. */
export async function startLab(extraArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<RunningLab> {
  requireSetup();
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "tools", "course.mjs"), "lab", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, `--IdentityProvider.token=${token}`, ...extraArgs],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const lab: RunningLab = {
    url,
    token,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await fetch(`${url}/api/shutdown`, { method: "POST", headers: { Authorization: `token ${token}` } }).catch(() => undefined);
        const timer = setTimeout(() => child.kill("SIGTERM"), 30_000);
        const code = await exited(child);
        clearTimeout(timer);
        return code;
      }
      return child.exitCode;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`./course lab exited with ${child.exitCode} before serving:\n${output}`);
    const status = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } }).catch(() => null);
    if (status?.ok) return lab;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await lab.stop();
  throw new Error(`JupyterLab did not answer on ${url} within ${timeoutMs / 1000}s:\n${output}`);
}

/** Run -> Run All Cells, once the menu item is enabled (it is not until the notebook is current). */
export async function runAllCells(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await page.locator(".lm-MenuBar-item", { hasText: /^Run$/ }).click();
    const item = page.locator('li[data-command="runmenu:run-all"]');
    await item.waitFor({ state: "visible" });
    if (!((await item.getAttribute("class")) ?? "").includes("lm-mod-disabled")) {
      await item.click();
      return;
    }
    await page.keyboard.press("Escape");
    await page.waitForTimeout(500);
  }
  throw new Error("Run -> Run All Cells stayed disabled for 60 s");
}
