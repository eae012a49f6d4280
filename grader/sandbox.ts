/**
 * A hand-in's code in its own process, contained by the platform rather than by JavaScript tricks:
 *   - Node's permission model: reads only of the bundle and node_modules, writes only to a scratch
 *     folder, no child processes, no worker threads, no native addons;
 *   - a network namespace with no interfaces up (`unshare -n`, Linux), so no connection leaves it;
 *   - an address-space limit (`prlimit --as`) and a V8 heap limit, so a memory bomb ends only itself;
 *   - a time limit per call and per load, counted in the process's own CPU time where Linux tells
 *     it (so a busy machine or another hand-in never costs the student time), with a wall-clock
 *     backstop, enforced by killing the process group from outside.
 * `isolation()` says which of these this machine has; the grader prints it.
 *
 * SandboxSession owns the restart policy: after the process ends (an exit, a kill, a crash) the
 * next request starts a fresh one and loads again what it needs, at most `maxRestarts` times per
 * exercise.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ThrownValue } from "../lib/exercise/session";
import { canLimitMemory, cpuMsOf } from "../lib/exercise/tools/process";
import { parseFromChild, type ExportInfo, type FromChild, type ModuleKey, type ToChild } from "./protocol";
import { decode, encode, FrameReader, frame, type Wire } from "./wire";

export interface Limits {
  /** Time for one call of the student's function (CPU time of the sandbox where measurable). */
  readonly callMs: number;
  /** Time for loading one exercise's module (the file's top-level code). */
  readonly loadMs: number;
  /** The process's address space, MB (the V8 heap gets a quarter of it). */
  readonly memoryMb: number;
}

export const DEFAULT_LIMITS: Limits = { callMs: 10_000, loadMs: 15_000, memoryMb: 2048 };

export interface Isolation {
  /** The command prefix that gives the process its own empty network namespace, or null. */
  readonly network: readonly string[] | null;
  /** Whether prlimit can set the address-space limit on this machine. */
  readonly memory: boolean;
  /** Node's permission flag on this Node version. */
  readonly permissionFlag: string;
  /** Whether a process's CPU time can be read (/proc), so limits count only its own computing. */
  readonly cpuTime: boolean;
}

let detected: Isolation | null = null;

/** What this machine offers; probed once per process. */
export function isolation(): Isolation {
  if (detected) return detected;
  const works = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore", timeout: 5000 }).status === 0;
  const network = process.platform !== "linux" ? null
    : works("unshare", ["-n", "true"]) ? ["unshare", "-n"]
    : works("unshare", ["-rn", "true"]) ? ["unshare", "-rn"]
    : null;
  const [major, minor] = process.versions.node.split(".").map(Number);
  const permissionFlag = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13) ? "--permission" : "--experimental-permission";
  detected = {
    network,
    memory: canLimitMemory(),
    permissionFlag,
    cpuTime: cpuMsOf(process.pid) !== null,
  };
  return detected;
}

/** One line per mechanism, for the grader's summary and the README. */
export function isolationReport(iso = isolation()): string[] {
  return [
    `files, processes, workers: Node's permission model (${iso.permissionFlag})`,
    iso.network ? `network: none (own network namespace, ${iso.network.join(" ")})` : "network: NOT contained on this machine (no unshare); grade where it is, or offline",
    iso.memory ? "memory: address-space limit (prlimit --as) and V8 heap limit" : "memory: V8 heap limit only (no prlimit on this machine)",
    iso.cpuTime ? "time: limits per call and per exercise in the sandbox's own CPU time, with a wall-clock backstop" : "time: wall-clock limits per call and per exercise (no /proc on this machine)",
  ];
}

/** Why a process gave no result: `why` is the kind only (safe in a hidden test's feedback); `detail` may be student-controlled. */
export interface Stop {
  readonly why: string;
  readonly detail: string;
}

export type CallOutcome =
  | { readonly kind: "returned"; readonly value: Wire; readonly after: Wire }
  | { readonly kind: "threw"; readonly thrown: ThrownValue }
  /** The process ended, ran out of time, or sent what the grader cannot read: no result. */
  | { readonly kind: "stopped"; readonly stop: Stop };

export type LoadOutcome =
  | { readonly kind: "loaded"; readonly exports: Readonly<Record<string, ExportInfo>> }
  | { readonly kind: "threw"; readonly thrown: ThrownValue }
  | { readonly kind: "stopped"; readonly stop: Stop };

/** Answers the student's calls back into the grader (a cost function handed to numericalGradient...). */
export type CallbackHandler = (handle: number, method: string | null, args: unknown[]) => unknown;

/** Sandboxes still running: killed when the grader exits, so none outlives it. */
const live = new Set<SandboxProcess>();
process.on("exit", () => {
  for (const s of live) s.close();
});

type Waiting = (message: FromChild | null) => void;

/** One sandboxed process. */
class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly reader = new FrameReader();
  private readonly scratch: string;
  private waiting: Waiting | null = null;
  private stderr = "";
  private ended: Stop | null = null;
  private killedFor: Stop | null = null;
  private nextId = 1;
  private onCallback: CallbackHandler = () => { throw new Error("no callback was expected"); };
  /** Resolves when the harness is up (its start is not charged to anyone), or with why it stopped. */
  readonly ready: Promise<Stop | null>;

  constructor(bundle: string, readonly limits: Limits, root: string, tmp: string) {
    const iso = isolation();
    this.scratch = fs.mkdtempSync(path.join(tmp, "sandbox-"));
    const heapMb = Math.max(64, Math.floor(limits.memoryMb / 4));
    const modules = path.join(root, "node_modules");
    // node_modules may be a link (a shared install): the permission model checks real paths.
    const reads = [...new Set([bundle, modules, realpath(modules), this.scratch])];
    const node = [
      process.execPath, iso.permissionFlag, "--no-warnings", ...reads.map((r) => `--allow-fs-read=${r}`),
      `--allow-fs-write=${this.scratch}`, `--max-old-space-size=${heapMb}`, "--stack-size=4000", bundle,
    ];
    const prefix = [
      ...(iso.network ?? []),
      // --cpu: a hard stop even for a process the grader can no longer kill (the grader was killed).
      ...(iso.memory ? ["prlimit", `--as=${limits.memoryMb * 1024 * 1024}`, "--fsize=67108864", "--nofile=64", "--cpu=300", "--"] : []),
    ];
    const argv = [...prefix, ...node];
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: this.scratch,
      detached: true,
      // NODE_PATH: the bundle sits in a temporary folder, and its packages are the course's.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: this.scratch, TMPDIR: this.scratch, LANG: "C.UTF-8", NODE_PATH: modules },
      stdio: ["ignore", "pipe", "pipe", "pipe", "pipe", "pipe"],
    });
    // What the student's code prints is never shown (it could print a hidden test's inputs); only
    // the end of stderr is kept, to tell a crash's cause.
    this.child.stdout?.resume();
    this.child.stderr?.on("data", (d: Buffer) => { this.stderr = (this.stderr + d.toString("utf8")).slice(-8000); });
    this.pipe(3).on("data", (chunk: Buffer) => this.receive(chunk));
    for (const fd of [4, 5]) this.pipe(fd).on("error", () => undefined);
    live.add(this);
    this.child.on("error", (error) => this.end({ why: "could not be started", detail: error.message }));
    this.child.on("exit", (code, signal) => this.end(this.exitReason(code, signal)));
    this.ready = new Promise<Stop | null>((resolve) => {
      // The harness's own start: generous, and not the student's time (nothing of theirs has run).
      const timer = setTimeout(() => this.kill({ why: "did not start (the machine is overloaded?)", detail: "" }), 60_000);
      this.waiting = (message) => {
        clearTimeout(timer);
        this.waiting = null;
        resolve(message?.t === "ready" ? null : this.ended ?? { why: "stopped while starting", detail: "" });
      };
    });
  }

  /** The extra pipes (fd 3, 4, 5): Node's typings list only five stdio entries. */
  private pipe(fd: number): NodeJS.ReadableStream & NodeJS.WritableStream {
    return (this.child.stdio as unknown as (NodeJS.ReadableStream & NodeJS.WritableStream)[])[fd];
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null): Stop {
    if (this.killedFor) return this.killedFor;
    const err = this.stderr;
    // No exit code or signal in what the student reads: the student's code chooses them.
    const detail = "";
    if (/heap out of memory|Allocation failed|out of memory|Cannot allocate memory|std::bad_alloc/i.test(err) || signal === "SIGABRT" || signal === "SIGSEGV" || code === 134) {
      return { why: `ran out of memory (the limit is ${this.limits.memoryMb} MB)`, detail };
    }
    if (/ERR_ACCESS_DENIED/.test(err)) return { why: "was stopped by the sandbox: it tried to use files, processes or workers it may not", detail };
    return { why: "ended the process (process.exit(), or an error thrown outside the function?)", detail };
  }

  private end(stop: Stop): void {
    if (this.ended) return;
    this.ended = stop;
    live.delete(this);
    this.waiting?.(null);
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  kill(stop: Stop): void {
    this.killedFor ??= stop;
    try {
      if (this.child.pid) process.kill(-this.child.pid, "SIGKILL");
    } catch {
      this.child.kill("SIGKILL");
    }
  }

  private receive(chunk: Buffer): void {
    let raw: unknown[];
    try {
      raw = this.reader.push(chunk);
    } catch (error) {
      this.kill({ why: "sent the grader something it cannot read", detail: (error as Error).message });
      return;
    }
    for (const r of raw) {
      const message = parseFromChild(r);
      if (message === null) {
        this.kill({ why: "sent the grader something it cannot read", detail: "a message the grader does not know" });
        return;
      }
      if (message.t === "callback") this.answerCallback(message);
      else if (this.waiting) this.waiting(message);
      else this.kill({ why: "sent the grader a message out of turn (a forged result?)", detail: "" });
    }
  }

  private answerCallback(message: FromChild & { t: "callback" }): void {
    let reply: unknown;
    try {
      const args = decode(message.args);
      const value = this.onCallback(message.handle, message.method, Array.isArray(args) ? args : []);
      reply = { ok: true, value: encode(value) };
    } catch (error) {
      reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.pipe(5).write(frame(reply));
  }

  get stopped(): Stop | null {
    return this.ended;
  }

  cpuMs(): number | null {
    return this.child.pid ? cpuMsOf(this.child.pid) : null;
  }

  /**
   * Sends `request` and waits for its answer, killing the process when it computes for more than
   * `limitMs` (CPU time, or wall time where that is unknown; wall time is also capped at a few
   * times the limit, a backstop for a process that sleeps).
   */
  request(request: ToChild, limitMs: number, late: Stop): Promise<{ message: FromChild | null; cpuMs: number }> {
    if (this.ended) return Promise.resolve({ message: null, cpuMs: 0 });
    const start = this.cpuMs();
    const started = Date.now();
    return new Promise((resolve) => {
      const used = () => {
        const now = start === null ? null : this.cpuMs();
        return now === null || start === null ? Date.now() - started : now - start;
      };
      const poll = setInterval(() => {
        if (used() > limitMs || Date.now() - started > 3 * limitMs + 5000) this.kill(late);
      }, Math.min(100, Math.max(10, limitMs / 20)));
      this.waiting = (message) => {
        clearInterval(poll);
        const cpu = used();
        this.waiting = null;
        if (message && message.t !== "ready" && "id" in message && message.id !== request.id) {
          this.kill({ why: "sent the grader a message out of turn (a forged result?)", detail: "" });
          return resolve({ message: null, cpuMs: cpu });
        }
        resolve({ message, cpuMs: cpu });
      };
      this.pipe(4).write(frame(request));
    });
  }

  nextRequestId(): number {
    return this.nextId++;
  }

  setCallbackHandler(handler: CallbackHandler): void {
    this.onCallback = handler;
  }

  close(): void {
    this.kill({ why: "closed by the grader", detail: "" });
  }
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** Time spent by an exercise in the sandbox, against its budget. */
export class Budget {
  private usedMs = 0;
  constructor(readonly limitMs: number) {}
  charge(ms: number): void {
    this.usedMs += ms;
  }
  get exhausted(): boolean {
    return this.usedMs > this.limitMs;
  }
}

/** The hand-in's sandbox over its lifetime: restarts, module loading, calls, time accounting. */
export class SandboxSession {
  private process: SandboxProcess | null = null;
  private loadedHere = new Set<ModuleKey>();
  private readonly restartsBy = new Map<string, number>();

  constructor(private readonly bundle: string, readonly limits: Limits, private readonly root: string, private readonly tmp: string, private readonly maxRestarts = 4) {}

  /** A running process for `owner` (an exercise), starting one when needed; or why none can run. */
  private async running(owner: string): Promise<SandboxProcess | Stop> {
    if (this.process && !this.process.stopped) return this.process;
    if (this.process) {
      const restarts = this.restartsBy.get(owner) ?? 0;
      if (restarts >= this.maxRestarts) return { why: "was not run again: it stopped too often", detail: "" };
      this.restartsBy.set(owner, restarts + 1);
    }
    this.process = new SandboxProcess(this.bundle, this.limits, this.root, this.tmp);
    this.loadedHere = new Set();
    const stop = await this.process.ready;
    return stop ?? this.process;
  }

  /** Loads exercise `owner`'s module (its copy of the set's file) unless the running process has it. */
  async load(key: ModuleKey, owner: string, budget: Budget): Promise<LoadOutcome> {
    const p = await this.running(owner);
    if (!(p instanceof SandboxProcess)) return { kind: "stopped", stop: p };
    const late: Stop = { why: `did not finish loading within ${this.limits.loadMs / 1000} s (an endless loop at the top level of the file?)`, detail: "" };
    const { message, cpuMs } = await p.request({ t: "load", id: p.nextRequestId(), key }, this.limits.loadMs, late);
    budget.charge(cpuMs);
    if (message?.t === "loaded") {
      this.loadedHere.add(key);
      return { kind: "loaded", exports: message.exports };
    }
    if (message?.t === "loadError") return { kind: "threw", thrown: message.error };
    return { kind: "stopped", stop: p.stopped ?? { why: "stopped while loading", detail: "" } };
  }

  /** Calls `name` of exercise module `key` with `args` (encoded; functions as handles). */
  async call(key: ModuleKey, name: string, args: Wire, onCallback: CallbackHandler, owner: string, budget: Budget): Promise<CallOutcome> {
    if (!this.process || this.process.stopped || !this.loadedHere.has(key)) {
      const loaded = await this.load(key, owner, budget);
      if (loaded.kind === "stopped") return { kind: "stopped", stop: loaded.stop };
      if (loaded.kind === "threw") return { kind: "stopped", stop: { why: "could not be loaded again", detail: loaded.thrown.kind === "error" ? loaded.thrown.message : loaded.thrown.text } };
    }
    const p = this.process as SandboxProcess;
    p.setCallbackHandler(onCallback);
    const late: Stop = { why: `did not finish within ${this.limits.callMs / 1000} s (an endless loop?)`, detail: "" };
    const { message, cpuMs } = await p.request({ t: "call", id: p.nextRequestId(), key, name, args }, this.limits.callMs, late);
    budget.charge(cpuMs);
    if (message?.t === "returned") return { kind: "returned", value: message.value, after: message.after };
    if (message?.t === "threw") return { kind: "threw", thrown: message.error };
    if (message?.t === "unreadable") return { kind: "stopped", stop: { why: "returned a value the grader cannot read", detail: message.why } };
    return { kind: "stopped", stop: p.stopped ?? { why: "stopped", detail: "" } };
  }

  close(): void {
    this.process?.close();
  }
}

/** Temporary folders not removed yet: removed when the grader exits, however it exits. */
const temporary = new Set<string>();
process.on("exit", () => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder for one grading run's temporary files, removed by `remove` or when the grader exits (also after a failure). */
export function temporaryFolder(prefix: string): { readonly dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.add(dir);
  return {
    dir,
    remove() {
      temporary.delete(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
