// tools/kernel.cjs patches tslab by private names; tools/tslab-internals.cjs checks them all at
// start. The installed tslab passes; a tslab with any of them changed stops the kernel with a
// message naming what changed (and how to recover), before the kernel connects to anything.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCommand } from "./support/course";

interface Tslab {
  version: string;
  converter: Record<string, unknown>;
  jupyter: { JupyterHandlerImpl: { prototype: Record<string, unknown> } };
  util: Record<string, unknown>;
  main: Record<string, unknown>;
  ts: { sys: object };
  sources: { converter: string; executor: string; jupyter: string; main: string; typescript: string };
}
interface TslabInternals {
  TSLAB_VERSION: string;
  SOURCE_PATCHES: { what: string; find: string; replace: string }[];
  patchSource(source: string, patches: TslabInternals["SOURCE_PATCHES"]): string;
  loadTslab(): Tslab;
  tslabMismatches(t: Tslab): string[];
  verifyTslab(t: Tslab): Tslab;
}

// A plain CommonJS tool (it runs inside the kernel); its exports are typed here.
const internals = createRequire(import.meta.url)(path.join(ROOT, "tools", "tslab-internals.cjs")) as TslabInternals;

/** The installed tslab with one part replaced: the real modules are never modified. */
function changed(edit: (t: Tslab) => Partial<Tslab>): Tslab {
  const real = internals.loadTslab();
  return { ...real, ...edit(real) };
}

describe("tslab's internals that the course kernel patches", () => {
  it("are all present in the installed tslab, which is the version the patches were written for", () => {
    const real = internals.loadTslab();
    expect(real.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "tslab", "package.json"), "utf8")).version);
    expect(internals.TSLAB_VERSION).toBe("1.0.22");
    expect(internals.tslabMismatches(real)).toEqual([]);
    expect(internals.verifyTslab(real)).toBe(real);
  });

  it("name a missing method of tslab's Jupyter handler", () => {
    const t = changed((real) => {
      const { handleExecuteImpl: _dropped, ...rest } = Object.fromEntries(
        Object.getOwnPropertyNames(real.jupyter.JupyterHandlerImpl.prototype).map((n) => [n, real.jupyter.JupyterHandlerImpl.prototype[n]]),
      );
      return { jupyter: { JupyterHandlerImpl: { prototype: rest } } };
    });
    expect(internals.tslabMismatches(t)).toEqual(["not found: jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl (patch 3, error display)"]);
    expect(() => internals.verifyTslab(t)).toThrow(
      "The course kernel (tools/kernel.cjs) cannot start: it patches tslab 1.0.22's internals, and this tslab differs:\n" +
        "  - not found: jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl (patch 3, error display)\n" +
        "Run ./course setup to reinstall the pinned packages (npm ci).",
    );
  });

  it("name a renamed TypeScript watch callback, a changed converter and another version", () => {
    const t = changed((real) => ({
      version: "1.1.0",
      sources: {
        ...real.sources,
        typescript: real.sources.typescript.split("function updateProgramWithWatchStatus(").join("function updateProgram("),
        converter: real.sources.converter.replace("sys.clearTimeout =", "sys.clearTimer ="),
      },
    }));
    expect(internals.tslabMismatches(t)).toEqual([
      "tslab is version 1.1.0, not 1.0.22",
      "not found: converter builds its system as Object.create(ts.sys) and assigns sys.setTimeout / sys.clearTimeout (patch 2)",
      "not found: TypeScript's watch callback updateProgramWithWatchStatus (patch 2)",
    ]);
  });

  it("name a source patch whose text is no longer in tslab's converter, and apply the others", () => {
    const t = changed((real) => ({
      sources: { ...real.sources, converter: real.sources.converter.replace("        disableTopLevelAwait: true,\n", "        disableTopLevelAwait: false,\n") },
    }));
    expect(internals.tslabMismatches(t)).toEqual([
      "not found: converter's compiler options take the kernel's additions (compilerOptions hook) (source patch)",
    ]);
    const patched = internals.patchSource(t.sources.converter, internals.SOURCE_PATCHES);
    expect(patched).not.toContain("compilerOptions,\n"); // the unmatched patch is left out
    expect(patched).toContain("traverseDiagnosticMessageChain(start, end, child, out, fileName);");
  });

  it("stop the kernel process at start with that message when a name is missing", async () => {
    // Preloaded before kernel.cjs: removes one method from tslab's (cached) Jupyter handler.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tslab-changed-"));
    const preload = path.join(dir, "remove-handle-execute.cjs");
    const jupyterModule = path.join(ROOT, "node_modules", "tslab", "dist", "jupyter.js");
    fs.writeFileSync(preload, `delete require(${JSON.stringify(jupyterModule)}).JupyterHandlerImpl.prototype.handleExecute;\n`);
    const result = await runCommand(process.execPath, ["--require", preload, path.join(ROOT, "tools", "kernel.cjs"), path.join(dir, "no-connection.json")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "[tslab-mlp kernel] The course kernel (tools/kernel.cjs) cannot start: it patches tslab 1.0.22's internals, and this tslab differs:\n" +
        "  - not found: jupyter.JupyterHandlerImpl.prototype.handleExecute (patch 3)\n",
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
