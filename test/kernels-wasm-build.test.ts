import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("the committed WebAssembly kernels", () => {
  it("are what wasm/kernels.as.ts compiles to (npm run build:wasm rewrites them)", () => {
    const root = path.resolve(__dirname, "..");
    const r = spawnSync(process.execPath, [path.join(root, "tools", "build-wasm.mjs"), "--check"], { cwd: root, encoding: "utf8" });
    expect(r.stdout + r.stderr).toContain("matches");
    expect(r.status).toBe(0);
  });
});
