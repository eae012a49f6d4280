// The grader's replay of a check against a function in the sandbox (grader/replay.ts), with the
// sandbox stood in for by a plain function: each new call is asked for, the check runs again from
// its start, and a check whose calls change between runs is reported as not deterministic.
import { describe, expect, it } from "vitest";
import { expectClose } from "../lib/exercise";
import { RemoteFunction, runReplayed, type PendingCall } from "../grader/replay";
import { decode, encode } from "../grader/wire";

/** Answers like a sandbox running `fn`. */
const answering = (fn: (...args: number[]) => number) => async (pending: PendingCall) => {
  const args = decode(pending.args) as number[];
  pending.record({ kind: "returned", value: encode(fn(...args)), after: encode(args) });
};

describe("replayed checks", () => {
  it("run a check of several calls to the end, asking once per new call", async () => {
    const remote = new RemoteFunction();
    let asked = 0;
    const ask = answering((x) => 2 * x);
    const r = await runReplayed(remote, () => {
      const f = remote.proxy as (x: number) => number;
      expectClose(f(1) + f(2) + f(3), 12);
    }, async (p) => { asked++; await ask(p); });
    expect(r.outcome.kind).toBe("passed");
    expect(asked).toBe(3);
    expect(r.nondeterministic).toBeUndefined();
  });

  it("report a check whose calls change from run to run (Math.random in its inputs)", async () => {
    const remote = new RemoteFunction();
    const r = await runReplayed(remote, () => {
      const f = remote.proxy as (x: number) => number;
      f(1);
      f(Math.random());
    }, answering((x) => x));
    expect(r.nondeterministic).toBe(true);
  });

  it("fail a check whose function throws null: the replay throws it into the check as what it is", async () => {
    const remote = new RemoteFunction();
    const r = await runReplayed(remote, () => {
      (remote.proxy as (x: number) => number)(1);
    }, async (p) => p.record({ kind: "threw", thrown: { kind: "value", type: "null", text: "null" } }));
    expect(r.outcome).toEqual({ kind: "threw", thrown: { kind: "value", type: "null", text: "null" } });
  });
});
