/**
 * A student's exercise function in its own process, contained by the platform rather than by
 * JavaScript tricks:
 *   - Node's permission model: reads only of the bundle and node_modules, writes only to a scratch
 *     folder, no child processes, no worker threads, no native addons;
 *   - a network namespace with no interfaces up (`unshare -n`, Linux), so no connection leaves it;
 *   - an address-space limit (`prlimit --as`) and a V8 heap limit, so a memory bomb ends only itself;
 *   - a wall-time limit per call, enforced by killing the process group from outside.
 * `isolation()` says which of these this machine has; the grader prints it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decode, encode, FrameReader, frame, type Wire } from "./wire";

export interface Limits {
  /** Wall time for one call of the student's function. */
  readonly callMs: number;
  /** Wall time for loading the student's file. */
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
  detected = { network, memory: process.platform === "linux" && works("prlimit", ["--as=1073741824", "true"]), permissionFlag };
  return detected;
}

/** One line per mechanism, for the grader's summary and the README. */
export function isolationReport(iso = isolation()): string[] {
  return [
    `files, processes, workers: Node's permission model (${iso.permissionFlag})`,
    iso.network ? `network: none (own network namespace, ${iso.network.join(" ")})` : "network: NOT contained on this machine (no unshare); grade where it is, or offline",
    iso.memory ? "memory: address-space limit (prlimit --as) and V8 heap limit" : "memory: V8 heap limit only (no prlimit on this machine)",
    "time: a wall-time limit per call, enforced by killing the process",
  ];
}

export type Thrown = { readonly error: true; readonly name: string; readonly message: string } | { readonly error: false; readonly value: unknown };

export type CallOutcome =
  | { readonly kind: "returned"; readonly value: unknown; readonly after: unknown }
  | { readonly kind: "threw"; readonly thrown: Thrown }
  /** The process ended, ran out of time or sent what the grader cannot read: it is gone. */
  | { readonly kind: "stopped"; readonly why: string };

export type LoadOutcome =
  | { readonly kind: "ready"; readonly exports: Readonly<Record<string, { type: string; length: number }>> }
  | { readonly kind: "failed"; readonly why: string };

/** Answers the student's calls back into the grader (a cost function handed to numericalGradient...). */
export type CallbackHandler = (handle: number, method: string | null, args: unknown[]) => unknown;

/** Sandboxes still running: killed when the grader exits, so none outlives it. */
const live = new Set<Sandbox>();
process.on("exit", () => {
  for (const s of live) s.close();
});

interface Pending {
  resolve(message: Record<string, unknown> | null, why?: string): void;
}

export class Sandbox {
  private readonly child: ChildProcess;
  private readonly reader = new FrameReader();
  private pending: Pending | null = null;
  private stderr = "";
  private exited: string | null = null;
  private killedFor: string | null = null;
  private nextId = 1;
  private onCallback: CallbackHandler = () => { throw new Error("no callback was expected"); };
  readonly loaded: Promise<LoadOutcome>;

  constructor(bundle: string, private readonly scratch: string, readonly limits: Limits, root: string) {
    const iso = isolation();
    const heapMb = Math.max(64, Math.floor(limits.memoryMb / 4));
    const node = [
      process.execPath, iso.permissionFlag, "--no-warnings",
      `--allow-fs-read=${bundle}`, `--allow-fs-read=${path.join(root, "node_modules")}`, `--allow-fs-read=${scratch}`,
      `--allow-fs-write=${scratch}`, `--max-old-space-size=${heapMb}`, "--stack-size=4000", bundle,
    ];
    const prefix = [
      ...(iso.network ?? []),
      // --cpu: a hard stop even for a process the grader can no longer kill (the grader was killed).
      ...(iso.memory ? ["prlimit", `--as=${limits.memoryMb * 1024 * 1024}`, "--fsize=67108864", "--nofile=64", "--cpu=300", "--"] : []),
    ];
    const argv = [...prefix, ...node];
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: scratch,
      detached: true,
      // NODE_PATH: the bundle sits in a temporary folder, and its packages (mathjs) are the course's.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: scratch, TMPDIR: scratch, LANG: "C.UTF-8", NODE_PATH: path.join(root, "node_modules") },
      stdio: ["ignore", "pipe", "pipe", "pipe", "pipe", "pipe"],
    });
    // What the student's code prints is never shown (it could print a hidden test's inputs); only
    // the end of stderr is kept, to tell a crash's cause.
    this.child.stdout?.resume();
    this.child.stderr?.on("data", (d: Buffer) => { this.stderr = (this.stderr + d.toString("utf8")).slice(-8000); });
    const out = this.pipe(3) as NodeJS.ReadableStream;
    out.on("data", (chunk: Buffer) => this.receive(chunk));
    for (const fd of [4, 5]) this.pipe(fd).on("error", () => undefined);
    live.add(this);
    this.child.on("error", (error) => this.end(`could not start: ${error.message}`));
    this.child.on("exit", (code, signal) => this.end(this.exitReason(code, signal)));
    this.loaded = new Promise<LoadOutcome>((resolve) => {
      const timer = setTimeout(() => this.kill(`did not finish loading within ${limits.loadMs / 1000} s (an endless loop at the top level of the file?)`), limits.loadMs);
      this.pending = {
        resolve: (message, why) => {
          clearTimeout(timer);
          this.pending = null;
          if (message?.t === "ready") resolve({ kind: "ready", exports: message.exports as Record<string, { type: string; length: number }> });
          else if (message?.t === "loadError") resolve({ kind: "failed", why: `threw while loading: ${thrownText(decodeThrown(message.error as Wire))}` });
          else resolve({ kind: "failed", why: why ?? "stopped while loading" });
        },
      };
    });
  }

  /** The extra pipes (fd 3, 4, 5): Node's typings list only five stdio entries. */
  private pipe(fd: number): NodeJS.ReadableStream & NodeJS.WritableStream {
    return (this.child.stdio as unknown as (NodeJS.ReadableStream & NodeJS.WritableStream)[])[fd];
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null): string {
    if (this.killedFor) return this.killedFor;
    const err = this.stderr;
    if (/heap out of memory|Allocation failed|out of memory|Cannot allocate memory|std::bad_alloc/i.test(err) || signal === "SIGABRT" || signal === "SIGSEGV" || code === 134) {
      return `ran out of memory (the limit is ${this.limits.memoryMb} MB)`;
    }
    if (/ERR_ACCESS_DENIED/.test(err)) return "was stopped by the sandbox: it tried to use files, processes or workers it may not";
    if (signal) return `was killed by ${signal}`;
    return `ended the process (exit code ${code}; process.exit() or an uncaught error outside the function?)`;
  }

  private end(why: string): void {
    if (this.exited) return;
    this.exited = why;
    live.delete(this);
    this.pending?.resolve(null, why);
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  private kill(why: string): void {
    this.killedFor ??= why;
    try {
      if (this.child.pid) process.kill(-this.child.pid, "SIGKILL");
    } catch {
      this.child.kill("SIGKILL");
    }
  }

  private receive(chunk: Buffer): void {
    let messages: unknown[];
    try {
      messages = this.reader.push(chunk);
    } catch (error) {
      this.kill(`sent the grader something it cannot read (${(error as Error).message})`);
      return;
    }
    for (const m of messages) {
      const message = (m && typeof m === "object" ? m : {}) as Record<string, unknown>;
      if (message.t === "callback") this.answerCallback(message);
      else this.pending?.resolve(message);
    }
  }

  private answerCallback(message: Record<string, unknown>): void {
    let reply: unknown;
    try {
      const args = decode(message.args as Wire) as unknown[];
      const value = this.onCallback(Number(message.handle), typeof message.method === "string" ? message.method : null, Array.isArray(args) ? args : []);
      reply = { ok: true, value: encode(value) };
    } catch (error) {
      reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.pipe(5).write(frame(reply));
  }

  /** Calls the student's function `name` with `args` (already encoded, functions as handles). */
  call(name: string, args: Wire, onCallback: CallbackHandler): Promise<CallOutcome> {
    if (this.exited) return Promise.resolve({ kind: "stopped", why: this.exited });
    const id = this.nextId++;
    this.onCallback = onCallback;
    return new Promise<CallOutcome>((resolve) => {
      const timer = setTimeout(() => this.kill(`did not finish within ${this.limits.callMs / 1000} s (an endless loop?)`), this.limits.callMs);
      this.pending = {
        resolve: (message, why) => {
          clearTimeout(timer);
          this.pending = null;
          if (!message) return resolve({ kind: "stopped", why: why ?? "stopped" });
          if (message.t !== "result" || message.id !== id) {
            this.kill("sent the grader a message out of turn");
            return resolve({ kind: "stopped", why: "sent the grader a message out of turn (a forged result?)" });
          }
          try {
            if (message.ok === false) return resolve({ kind: "threw", thrown: decodeThrown(message.error as Wire) });
            if (typeof message.unreadable === "string") return resolve({ kind: "threw", thrown: { error: true, name: "Error", message: `returned a value the grader cannot read (${message.unreadable})` } });
            if (!("value" in message) || !Array.isArray(message.after)) throw new Error("a result without its value or arguments");
            resolve({ kind: "returned", value: message.value as Wire, after: message.after as Wire });
          } catch (error) {
            resolve({ kind: "threw", thrown: { error: true, name: "Error", message: `returned a value the grader cannot read (${(error as Error).message})` } });
          }
        },
      };
      this.pipe(4).write(frame({ id, name, args }));
    });
  }

  get stopped(): string | null {
    return this.exited;
  }

  close(): void {
    this.kill("closed by the grader");
  }
}

function decodeThrown(w: Wire): Thrown {
  const t = (w && typeof w === "object" && !Array.isArray(w) ? w : {}) as Record<string, Wire>;
  if (t.error === true) return { error: true, name: String(t.name ?? "Error"), message: String(t.message ?? "") };
  return { error: false, value: decode(t.value ?? null) };
}

/** A thrown value as the public checks report it. */
export function thrownText(t: Thrown): string {
  if (t.error) return t.name && t.name !== "Error" ? `${t.name}: ${t.message}` : t.message;
  return `threw ${typeof t.value === "string" ? JSON.stringify(t.value) : String(t.value)} (not an Error)`;
}

/** A fresh scratch folder for one sandboxed process. */
export function scratchFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "mlp-grade-"));
}
