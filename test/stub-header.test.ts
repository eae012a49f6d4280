// The first line of a generated stub ships to students: it names no instructor file, yet still
// lets npm run exercises and the kit's tests tell current, out-of-date and edited stubs apart,
// including stubs written with the header the generator used before.
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/course";

interface StubTools {
  generateStub(id: string, solution: string): string;
  stubStatus(id: string, solution: string, stub: string | null): string;
}
let tools: StubTools;
beforeAll(async () => {
  tools = (await import(pathToFileURL(path.join(ROOT, "tools", "exercise-stubs.mjs")).href)) as StubTools;
});

const solution = ["/** Doubles x. */", "export function double(x: number): number {", "  // BEGIN SOLUTION", "  return 2 * x;", "  // END SOLUTION", "}", ""].join("\n");

describe("stub headers", () => {
  it("name the student's own file and no instructor file", () => {
    const first = tools.generateStub("01-demo", solution).split("\n")[0];
    expect(first).toMatch(/^\/\/ exercises\/01-demo\.ts, your copy of this exercise: replace each "not implemented yet" line with your code\. \[stub [0-9a-f]{12}-[0-9a-f]{12}\]$/);
    expect(first).not.toMatch(/solutions|npm run exercises/);
  });

  it("a stub with the earlier header (which named solutions/) is out of date, or edited and out of date", () => {
    const stub = tools.generateStub("01-demo", solution);
    const body = stub.slice(stub.indexOf("\n") + 1);
    const hash = (t: string) => createHash("sha256").update(t).digest("hex").slice(0, 12);
    const legacy = `// Your copy of this exercise, generated from solutions/01-demo.ts by \`npm run exercises\` [solution ${hash(solution)}, stub ${hash(body)}]\n${body}`;
    expect(tools.stubStatus("01-demo", solution, legacy)).toBe("outdated");
    expect(tools.stubStatus("01-demo", solution, legacy.replace("throw new Error", "return 2 * x; // throw new Error"))).toBe("edited-outdated");
    expect(tools.stubStatus("01-demo", solution, stub)).toBe("current");
  });
});
