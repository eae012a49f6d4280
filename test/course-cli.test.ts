// The one command: ./course (POSIX sh) and tools/course.mjs. Clear messages for a missing or old
// Node.js or Python, pip's package index choice, and a set-up checkout that skips all work.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, requireSetup, runCommand } from "./support/course";

interface PipChoice {
  args: string[];
  reason: string;
}
interface CourseApi {
  MIN_PYTHON: number[];
  checkNode(version: string): void;
  findPython(env: NodeJS.ProcessEnv): { command: string; version: string };
  parsePipConfig(text: string): Record<string, string>;
  choosePipIndex(options: { env: NodeJS.ProcessEnv; pipConfig: Record<string, string>; probe: () => Promise<boolean> }): Promise<PipChoice>;
  kernelSpec(node?: string): { argv: string[]; display_name: string; language: string };
}

// tools/course.mjs is plain JavaScript (it runs before npm install); its exports are typed here.
let course: CourseApi;
beforeAll(async () => {
  course = (await import(pathToFileURL(path.join(ROOT, "tools", "course.mjs")).href)) as CourseApi;
});

/** A folder for fake executables, put first (or alone) on PATH. */
function binDir(scripts: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "course-bin-"));
  for (const [name, body] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return dir;
}

describe("./course (sh)", () => {
  it("is executable and says clearly when Node.js is missing", async () => {
    expect(fs.statSync(path.join(ROOT, "course")).mode & 0o111).not.toBe(0);
    const bin = binDir({});
    fs.symlinkSync(fs.realpathSync("/usr/bin/dirname"), path.join(bin, "dirname"));
    const result = await runCommand("/bin/sh", [path.join(ROOT, "course"), "setup"], { env: { PATH: bin } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Node.js was not found (no 'node' on PATH). Install Node.js 20 or newer");
  });

  it("refuses a Node.js older than 20, naming the version", async () => {
    const bin = binDir({ node: `[ "$1" = --version ] && echo v18.19.0 || echo 18` });
    const result = await runCommand("/bin/sh", [path.join(ROOT, "course"), "setup"], { env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Node.js v18.19.0 is too old: the course needs Node.js 20 or newer");
  });

  it("rejects an unknown command with the usage", async () => {
    const result = await runCommand(path.join(ROOT, "course"), ["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain("./course [lab] [--no-browser] [--port N]");
  });
});

describe("tools/course.mjs checks", () => {
  it("checks the Node.js version it runs on (npm start bypasses ./course)", () => {
    expect(() => course.checkNode("18.19.0")).toThrow("Node.js 18.19.0 is too old");
    expect(() => course.checkNode("20.0.0")).not.toThrow();
  });

  it("finds a Python new enough for the pinned JupyterLab stack", () => {
    const found = course.findPython({ PATH: process.env.PATH });
    const [major, minor] = found.version.split(".").map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(course.MIN_PYTHON[0] * 100 + course.MIN_PYTHON[1]);
  });

  it("says when there is no python3", () => {
    expect(() => course.findPython({ PATH: binDir({}) })).toThrow(/Python 3 was not found \(no python3 on PATH\)\. Install Python 3\.11 or newer/);
    expect(() => course.findPython({ PATH: process.env.PATH, COURSE_PYTHON: "/nonexistent/python3" })).toThrow(
      "COURSE_PYTHON=/nonexistent/python3 cannot be run",
    );
  });

  it("says when python3 is too old, naming its version", () => {
    const bin = binDir({ python3: "echo 3.9.18" });
    expect(() => course.findPython({ PATH: bin })).toThrow("Python 3.11 or newer is needed (the pinned JupyterLab stack requires it), but python3 is Python 3.9.18");
  });

  it("says when python3 has no working venv module (Debian without python3-venv)", () => {
    // A real python3 whose ensurepip cannot be imported, as on Debian without python3-venv.
    const shadow = fs.mkdtempSync(path.join(os.tmpdir(), "course-noensurepip-"));
    fs.writeFileSync(path.join(shadow, "ensurepip.py"), "raise ImportError('ensurepip is not installed')\n");
    const python = course.findPython({ PATH: process.env.PATH }).command;
    expect(() => course.findPython({ PATH: process.env.PATH, COURSE_PYTHON: python, PYTHONPATH: shadow })).toThrow(
      /has no working venv module .* \(Debian\/Ubuntu: sudo apt install python3-venv\)/,
    );
  });
});

describe("pip's package index", () => {
  // `pip config list` as printed on a machine with a local mirror and no internet.
  const MIRROR_CONFIG =
    "global.cert='/etc/ssl/certs/ca-certificates.crt'\n" +
    "global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'\n" +
    ":env:.find-links='/opt/wheels'\n";
  const mirrorConfig = () => course.parsePipConfig(MIRROR_CONFIG);
  const unreachable = async () => false;

  it("parses pip config list output", () => {
    expect(mirrorConfig()).toEqual({
      cert: "/etc/ssl/certs/ca-certificates.crt",
      "extra-index-url": "file:///opt/pypi/simple file:///opt/pypi-more/simple",
      "find-links": "/opt/wheels",
    });
  });

  it("keeps pip's configuration when an index is configured, without probing", async () => {
    let probes = 0;
    const probe = async () => (probes++, false);
    expect((await course.choosePipIndex({ env: { PIP_INDEX_URL: "https://mirror/simple" }, pipConfig: mirrorConfig(), probe })).args).toEqual([]);
    expect((await course.choosePipIndex({ env: {}, pipConfig: { "index-url": "https://mirror/simple" }, probe })).args).toEqual([]);
    expect((await course.choosePipIndex({ env: { HTTPS_PROXY: "http://proxy:3128" }, pipConfig: {}, probe })).args).toEqual([]);
    expect(probes).toBe(0);
  });

  it("uses pip's defaults when pypi.org answers", async () => {
    const choice = await course.choosePipIndex({ env: {}, pipConfig: mirrorConfig(), probe: async () => true });
    expect(choice).toEqual({ args: [], reason: "pypi.org is reachable" });
  });

  it("makes the configured mirror the index when pypi.org cannot be reached", async () => {
    const choice = await course.choosePipIndex({ env: {}, pipConfig: mirrorConfig(), probe: unreachable });
    expect(choice.args).toEqual(["--index-url", "file:///opt/pypi/simple", "--extra-index-url", "file:///opt/pypi-more/simple"]);
    expect(choice.reason).toContain("using the configured mirror");
  });

  it("fails clearly, suggesting PIP_INDEX_URL, when there is neither pypi.org nor a mirror", async () => {
    await expect(course.choosePipIndex({ env: {}, pipConfig: {}, probe: unreachable })).rejects.toThrow(
      /pypi\.org cannot be reached .* set PIP_INDEX_URL/,
    );
  });
});

describe("a set-up checkout", () => {
  it("registers the kernel inside .venv with this node and tools/kernel.cjs", () => {
    requireSetup();
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, ".venv/share/jupyter/kernels/tslab-mlp/kernel.json"), "utf8"));
    expect(installed).toEqual(course.kernelSpec(process.execPath));
    expect(installed.argv).toEqual([process.execPath, path.join(ROOT, "tools", "kernel.cjs"), "{connection_file}"]);
    expect(installed.display_name).toBe("TypeScript (MLP course)");
  });

  it("skips every setup step when nothing changed", async () => {
    requireSetup();
    const result = await runCommand(process.execPath, [path.join(ROOT, "tools", "course.mjs"), "setup"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 3)).toEqual([
      "[course] npm packages are up to date (node_modules matches package-lock.json)",
      "[course] Python environment is up to date (.venv matches requirements.txt)",
      "[course] kernel tslab-mlp is registered (.venv/share/jupyter/kernels/tslab-mlp)",
    ]);
    expect(lines[3]).toMatch(/^\[course\] the kernel's compiled library: node_modules\/\.cache\/mlp-course-kernel\/lib-[0-9a-f]{20} \(already built\)$/);
    expect(lines[4]).toBe("[course] setup is complete: ./course opens JupyterLab");
  });
});
