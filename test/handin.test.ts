// npm run handin: the student's exercise files (not the checks) in handin-<name>.zip, named from
// the argument, else git's user.name, else the OS user, always as a safe file name; no system zip.
// (That the zip grades: test/grader-tools.test.ts hands one in from a released kit.)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/course";

interface HandinTools {
  safeName(name: string): string;
}
let tools: HandinTools;
beforeAll(async () => {
  tools = (await import(pathToFileURL(path.join(ROOT, "tools", "handin.mjs")).href)) as HandinTools;
});

/** A student's course folder: the hand-in tool, the exercises (stubs, one written, and the checks), node_modules linked. */
function courseFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-handin-"));
  fs.mkdirSync(path.join(dir, "tools"));
  fs.copyFileSync(path.join(ROOT, "tools", "handin.mjs"), path.join(dir, "tools", "handin.mjs"));
  fs.cpSync(path.join(ROOT, "exercises"), path.join(dir, "exercises"), { recursive: true });
  fs.writeFileSync(path.join(dir, "exercises", "00-welcome.ts"), "export function neuronInput(): number {\n  return 42; // my work\n}\n");
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs the tool with no global or system git configuration (HOME is the folder itself). */
function handin(dir: string, args: string[] = []) {
  return spawnSync(process.execPath, [path.join(dir, "tools", "handin.mjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, HOME: dir, GIT_CONFIG_GLOBAL: path.join(dir, "no-gitconfig"), GIT_CONFIG_NOSYSTEM: "1" },
  });
}

describe("npm run handin", () => {
  it("reduces a name to letters, digits, '.', '_' and '-', accents dropped", () => {
    expect(tools.safeName("Ada Lovelace")).toBe("Ada-Lovelace");
    expect(tools.safeName("José Núñez-García")).toBe("Jose-Nunez-Garcia");
    expect(tools.safeName("../../etc/passwd")).toBe("etc-passwd");
    expect(tools.safeName("a/b\\c:d*e")).toBe("a-b-c-d-e");
    expect(tools.safeName(" . ")).toBe("");
    expect(tools.safeName("x".repeat(100))).toHaveLength(60);
  });

  it("zips exactly the exercise files, as exercises/NN-name.ts, and names what is still unwritten", () => {
    const dir = courseFolder();
    try {
      const r = handin(dir, ["Ada Lovelace"]);
      expect(r.status, r.stderr).toBe(0);
      const zip = path.join(dir, "handin-Ada-Lovelace.zip");
      expect(r.stdout).toContain(zip);
      const entries = unzipSync(fs.readFileSync(zip));
      const exercises = fs.readdirSync(path.join(ROOT, "exercises")).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();
      expect(Object.keys(entries).sort()).toEqual(exercises.map((f) => `exercises/${f}`));
      for (const f of exercises) expect(strFromU8(entries[`exercises/${f}`])).toBe(fs.readFileSync(path.join(dir, "exercises", f), "utf8"));
      // The stubs still throw; the written file is not listed.
      expect(r.stdout).toMatch(/\[handin\] \d+ function\(s\) still throw "not implemented yet" and will score 0:/);
      expect(r.stdout).toContain("exercises/08-activations.ts: leakyRelu, leakyReluPrime, tanhPrime, stableSoftmax");
      expect(r.stdout).not.toContain("exercises/00-welcome.ts:");
      // Run again after a change: the zip is written anew.
      fs.writeFileSync(path.join(dir, "exercises", "00-welcome.ts"), "export const changed = 1;\n");
      expect(handin(dir, ["Ada Lovelace"]).status).toBe(0);
      expect(strFromU8(unzipSync(fs.readFileSync(zip))["exercises/00-welcome.ts"])).toBe("export const changed = 1;\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes the name from git's user.name, else from the OS user", () => {
    const dir = courseFolder();
    try {
      const user = tools.safeName(os.userInfo().username);
      expect(handin(dir).status).toBe(0);
      expect(fs.existsSync(path.join(dir, `handin-${user}.zip`))).toBe(true);
      spawnSync("git", ["init", "-q"], { cwd: dir });
      spawnSync("git", ["config", "user.name", "Grace B. Hopper"], { cwd: dir });
      const r = handin(dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("[handin] wrote handin-Grace-B.-Hopper.zip");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says what is wrong: no exercise files, a name with nothing usable, two names, an option", () => {
    const dir = courseFolder();
    try {
      const two = handin(dir, ["Ada", "Lovelace"]);
      expect(two.status).toBe(2);
      expect(two.stderr).toContain('give at most one name (quote a name with spaces): npm run handin -- "Ada Lovelace"');
      const option = handin(dir, ["--name", "zoe"]);
      expect(option.status).toBe(2);
      expect(option.stderr).toContain("unknown option --name: give your name alone");
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".zip"))).toEqual([]);
      const none = handin(dir, ["///"]);
      expect(none.status).toBe(1);
      expect(none.stderr).toContain("no name to put on the hand-in");
      fs.rmSync(path.join(dir, "exercises"), { recursive: true });
      const empty = handin(dir, ["Ada"]);
      expect(empty.status).toBe(1);
      expect(empty.stderr).toContain("holds no exercise files (NN-name.ts): run this in the course folder");
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".zip"))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
