/**
 * Runs a check written as ordinary code (`run: () => expectClose(f(0), 0.25)`) in the grader's
 * own process while `f` lives in the sandbox. Calls cannot be answered synchronously across
 * processes, so the check is replayed: `f` answers the calls it already knows (same order, same
 * arguments) from a record, and at the first new call it stops the check, the grader asks the
 * sandbox, records the answer and runs the check again from the start. Checks are deterministic,
 * so the k-th run makes the same first k calls. What the function did to its arguments is
 * written back into them, and the callbacks it made are made again, so checks of mutation and
 * of how often a callback was called see what really happened.
 */
import { observeMistakes, type MistakeObservation } from "../lib/exercise/expect";
import { outcomeOf, StudentThrew, type CaseOutcome } from "../lib/exercise/session";
import { plainValue } from "../lib/exercise/values";
import { randomFromState, randomState } from "../lib/random";
import { decode, encode, methodNames, type Wire } from "./wire";
import type { CallOutcome, Stop } from "./sandbox";

/** Thrown into a check to stop it at a call the record does not hold yet. */
class NeedCall extends Error {}

/** The sandbox gave no result (time, memory, exit): the check fails whatever it catches. */
class SandboxStopped extends Error {}

interface Callback { readonly handle: number; readonly method: string | null; readonly args: unknown[] }
interface CallRecord { readonly key: string; readonly outcome: CallOutcome; readonly callbacks: readonly Callback[] }

export interface PendingCall {
  readonly args: Wire;
  /** Answers the sandbox's callbacks with this run's functions, and records them for replays. */
  readonly onCallback: (handle: number, method: string | null, args: unknown[]) => unknown;
  readonly record: (outcome: CallOutcome) => void;
}

/** Writes `after` (the arguments as the sandbox left them) into `target` in place. */
function writeBack(target: unknown, after: unknown): void {
  const advanced = randomState(after);
  if (advanced && randomState(target)) {
    randomFromState(advanced, target);
  } else if (Array.isArray(target) && Array.isArray(after)) {
    target.length = after.length;
    for (let k = 0; k < after.length; k++) {
      if (target[k] && after[k] && typeof target[k] === "object" && typeof after[k] === "object") writeBack(target[k], after[k]);
      else if (typeof target[k] !== "function") target[k] = after[k];
    }
  } else if (ArrayBuffer.isView(target) && !(target instanceof DataView) && ArrayBuffer.isView(after)) {
    const t = target as unknown as Float64Array, a = after as unknown as Float64Array;
    for (let k = 0; k < Math.min(t.length, a.length); k++) t[k] = a[k];
  } else if (target && after && typeof target === "object" && typeof after === "object" && methodNames(target).length === 0) {
    const t = target as Record<string, unknown>, a = after as Record<string, unknown>;
    if ("rows" in a && "data" in a && ArrayBuffer.isView(a.data)) return writeBack(t.data, a.data);
    for (const key of Object.keys(t)) if (!(key in a)) delete t[key];
    for (const key of Object.keys(a)) {
      if (t[key] && a[key] && typeof t[key] === "object" && typeof a[key] === "object") writeBack(t[key], a[key]);
      else if (typeof t[key] !== "function") t[key] = a[key];
    }
  }
}

export class RemoteFunction {
  private records: CallRecord[] = [];
  private cursor = 0;
  private pending: PendingCall | null = null;
  private stoppedBy: Stop | null = null;
  /** The check asked a different call at the same place on a later run. */
  changed = false;
  /** The function the checks call. */
  readonly proxy = (...args: unknown[]): unknown => this.invoke(args);

  /** Starts a new run of the check from its beginning. */
  rewind(): void {
    this.cursor = 0;
    this.pending = null;
  }

  /** Forgets every record: the next check starts afresh. */
  reset(): void {
    this.records = [];
    this.stoppedBy = null;
    this.changed = false;
    this.rewind();
  }

  get calls(): number {
    return this.records.length;
  }

  /** Why the sandbox gave no result during this check, if it did not. */
  get stopped(): Stop | null {
    return this.stoppedBy;
  }

  /** The call the last run stopped at, if any. */
  takePending(): PendingCall | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  private invoke(args: unknown[]): unknown {
    const handles: unknown[] = [];
    const wire = encode(args, { remote: (value) => handles.push(value) - 1 });
    const key = JSON.stringify(wire);
    const k = this.cursor++;
    const known = this.records[k];
    if (known && known.key === key) return this.replay(known, args, handles);
    // A check that changed its k-th call is not deterministic (lib/exercise/define.ts): what
    // follows in the record is stale, and the instructor hears of it.
    if (known) {
      this.records.length = k;
      this.changed = true;
    }
    const callbacks: Callback[] = [];
    this.pending = {
      args: wire,
      onCallback: (handle, method, cbArgs) => {
        callbacks.push({ handle, method, args: cbArgs });
        return callHandle(handles, handle, method, cbArgs);
      },
      record: (outcome) => {
        this.records.push({ key, outcome, callbacks });
        if (outcome.kind === "stopped") this.stoppedBy ??= outcome.stop;
      },
    };
    throw new NeedCall("the grader is asking the sandbox");
  }

  private replay(record: CallRecord, args: unknown[], handles: unknown[]): unknown {
    for (const c of record.callbacks) {
      try {
        callHandle(handles, c.handle, c.method, c.args);
      } catch {
        // It threw when the sandbox called it too; the student's code saw that error there.
      }
    }
    const outcome = record.outcome;
    if (outcome.kind === "stopped") throw new SandboxStopped(outcome.stop.why);
    if (outcome.kind === "threw") throw new StudentThrew(outcome.thrown);
    writeBack(args, decode(outcome.after));
    // As in-process (lib/exercise/session.ts studentFunction): the result in plain form.
    return plainValue(decode(outcome.value));
  }
}

function callHandle(handles: unknown[], handle: number, method: string | null, args: unknown[]): unknown {
  const target = handles[handle];
  if (method === null) {
    if (typeof target !== "function") throw new Error("not a function");
    return (target as (...a: unknown[]) => unknown)(...args);
  }
  const obj = target as Record<string, unknown> | undefined;
  const fn = obj?.[method];
  if (typeof fn !== "function" || !methodNames(obj as object).includes(method)) throw new Error(`no method ${method}`);
  return (fn as (...a: unknown[]) => unknown).apply(obj, args);
}

/** A case as graded: its outcome, and the mistake comparisons its last run made. */
export interface ReplayedCase {
  readonly outcome: CaseOutcome;
  readonly observations: readonly MistakeObservation[];
  /** The check's calls changed between runs: it is not deterministic (an instructor's bug). */
  readonly nondeterministic?: boolean;
}

/**
 * Runs `check` (which calls remote.proxy) to the end, asking `ask` for each new call. Fails when
 * the sandbox gave no result during the check, whatever the check caught, and when the check
 * makes more than `maxCalls` calls.
 */
export async function runReplayed(
  remote: RemoteFunction,
  check: () => void,
  ask: (pending: PendingCall) => Promise<void>,
  maxCalls = 2000,
): Promise<ReplayedCase> {
  remote.reset();
  // Every ask counts, so a check whose calls never settle (not deterministic) ends too.
  for (let asks = 0; ; asks++) {
    remote.rewind();
    let failure: unknown = undefined;
    let threw = false;
    const observations: MistakeObservation[] = [];
    try {
      observeMistakes(check, (o) => observations.push(o));
    } catch (error) {
      failure = error;
      threw = true;
    }
    const pending = remote.takePending();
    if (!pending) {
      const stop = remote.stopped;
      const flag = remote.changed ? { nondeterministic: true } : {};
      if (stop) return { outcome: { kind: "stopped", why: stop.why, detail: stop.detail }, observations, ...flag };
      return { outcome: outcomeOf(failure, threw), observations, ...flag };
    }
    if (remote.changed && asks >= 2 * remote.calls + 10) {
      return { outcome: { kind: "unusable", message: "the check is not deterministic (an instructor's bug)" }, observations: [], nondeterministic: true };
    }
    if (remote.calls >= maxCalls || asks >= 4 * maxCalls) return { outcome: { kind: "stopped", why: `was called more than ${maxCalls} times by one check`, detail: "" }, observations: [] };
    await ask(pending);
  }
}
