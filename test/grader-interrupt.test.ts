// An interrupted batch (Ctrl-C, a killed job) leaves nothing behind: no temporary folder, no
// sandbox or type-check process still running.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/course";
import { handIn } from "./support/grading";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-interrupt-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("an interrupted batch", () => {
  it("removes its temporary folders and ends its sandboxes when killed halfway", async () => {
    const tmpdir = path.join(TMP, "tmp");
    fs.mkdirSync(tmpdir);
    for (const s of ["amy", "bob", "cai", "dan"]) handIn(path.join(TMP, "class", s), path.join(ROOT, "solutions"));
    const child = spawn(process.execPath, ["tools/grade.mjs", "--batch", path.join(TMP, "class"), "--out", path.join(TMP, "out"), "--jobs", "1"], {
      cwd: ROOT, env: { ...process.env, TMPDIR: tmpdir }, stdio: ["ignore", "pipe", "pipe"],
    });
    let said = "";
    child.stderr.on("data", (d: Buffer) => (said += d.toString()));
    // Killed once the first hand-in is graded, while the second is being graded.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (/1\/4 graded/.test(said)) {
          clearInterval(poll);
          resolve();
        }
      }, 100);
    });
    expect(fs.readdirSync(tmpdir).length).toBeGreaterThan(0); // grading the second one
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(130);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fs.readdirSync(tmpdir)).toEqual([]);
    // No process of the batch is left: nothing runs with its temporary folder.
    const left = spawnSync("pgrep", ["-f", tmpdir], { encoding: "utf8" }).stdout.trim();
    expect(left).toBe("");
  }, 600_000);
});
