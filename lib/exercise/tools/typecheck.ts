/**
 * Type errors in a hand-in, reported as notes: the grader runs the code as written (types are
 * stripped, as in the notebook), so a type error costs no points by itself, but the student
 * should hear about it. The check runs in a process of its own (grader/typecheck-worker.ts),
 * kept for the next hand-in (so the standard declarations are parsed once) and asked one hand-in
 * at a time, under a time limit per hand-in (its CPU time) and a memory limit: a file whose types
 * explode costs its own note (the process is killed and the next hand-in starts a fresh one),
 * never the batch. Hand-ins graded at the same time each get a process of their own.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { canLimitMemory, cpuMsOf } from "./process";
import type { TypeCheckReply, TypeProblem } from "./typecheck-worker";

export const TYPE_CHECK_LIMITS = { cpuMs: 10_000, wallMs: 90_000, heapMb: 1024 };
/** How long a type-check process may take to get ready (emit lib's declarations once, load TypeScript) under load. */
const PREPARE_MS = 180_000;

export type TypeCheckResult = { readonly kind: "checked"; readonly errors: ReadonlyMap<string, readonly TypeProblem[]> } | { readonly kind: "stopped"; readonly why: string };

/** A type error as every runner reports it: exercises/NN-name.ts:line:column: message. */
export function typeErrorText(id: string, e: TypeProblem): string {
  return `exercises/${id}.ts:${e.line}:${e.column}: ${e.message}`;
}

interface Job {
  readonly files: ReadonlyMap<string, string>;
  readonly resolve: (r: TypeCheckResult) => void;
}

/** One worker process and the hand-ins waiting for it. */
class TypeChecker {
  private child: ChildProcessWithoutNullStreams | null = null;
  private ready: Promise<boolean> = Promise.resolve(false);
  private readonly queue: Job[] = [];
  busy = false;
  private next = 0;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-types-"));
  private script: Promise<string> | null = null;

  constructor(private readonly root: string, private readonly limits = TYPE_CHECK_LIMITS) {
    process.on("exit", () => {
      this.stop();
      fs.rmSync(this.dir, { recursive: true, force: true });
    });
  }

  check(files: ReadonlyMap<string, string>): Promise<TypeCheckResult> {
    return new Promise((resolve) => {
      this.queue.push({ files, resolve });
      void this.pump();
    });
  }

  /** The worker, bundled once per grader process (typescript stays a package it loads). */
  private bundle(): Promise<string> {
    this.script ??= (async () => {
      const esbuild = createRequire(path.join(this.root, "package.json"))("esbuild") as typeof import("esbuild");
      const out = path.join(this.dir, "typecheck-worker.cjs");
      await esbuild.build({
        stdin: { contents: `import { main } from ${JSON.stringify(path.join(this.root, "lib", "exercise", "tools", "typecheck-worker.ts"))};\nmain(process.argv[2]);\n`, resolveDir: this.root, loader: "ts", sourcefile: "typecheck-entry.ts" },
        bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external", outfile: out, logLevel: "silent",
      });
      return out;
    })();
    return this.script;
  }

  private start(script: string): { child: ChildProcessWithoutNullStreams; ready: Promise<boolean> } {
    const argv = [
      ...(canLimitMemory() ? ["prlimit", `--as=${this.limits.heapMb * 4 * 1024 * 1024}`, "--"] : []),
      process.execPath, `--max-old-space-size=${this.limits.heapMb}`, script, this.root,
    ];
    const child = spawn(argv[0], argv.slice(1), { cwd: this.dir, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    child.unref();
    for (const s of [child.stdin, child.stdout, child.stderr] as unknown as { unref?: () => void }[]) s.unref?.();
    child.stdin.on("error", () => undefined);
    child.on("exit", () => {
      if (this.child === child) this.child = null;
    });
    // Ready once it has loaded TypeScript and the course's declarations: that time is not a hand-in's.
    const ready = new Promise<boolean>((resolve) => {
      let line = "";
      const done = (ok: boolean) => {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.off("exit", onExit);
        resolve(ok);
      };
      const onData = (d: Buffer) => {
        line += d.toString("utf8");
        if (line.includes("\n")) done(line.startsWith(`{"ready":true}`));
      };
      const onExit = () => done(false);
      // A timer that keeps the grader alive while it waits (the process and its pipes are unref'd).
      const timer = setTimeout(() => done(false), PREPARE_MS);
      child.stdout.on("data", onData);
      child.on("exit", onExit);
    });
    return { child, ready };
  }

  private stop(): void {
    const child = this.child;
    this.child = null;
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    const job = this.queue.shift();
    if (!job) return;
    this.busy = true;
    try {
      job.resolve(await this.run(job.files));
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  /** Starts the worker if none runs; true once it is ready. */
  async warm(): Promise<boolean> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) ({ child: this.child, ready: this.ready } = this.start(await this.bundle()));
    return this.ready;
  }

  private async run(files: ReadonlyMap<string, string>): Promise<TypeCheckResult> {
    const ready = await this.warm();
    const child = this.child;
    if (!ready || !child) {
      this.stop();
      return { kind: "stopped", why: "the type checker could not start: not a problem of your code" };
    }
    const work = path.join(this.dir, `hand-in-${this.next++}`);
    return new Promise<TypeCheckResult>((resolve) => {
      let stdout = "", stderr = "";
      let settled = false;
      const startCpu = child.pid ? cpuMsOf(child.pid) : null;
      const started = Date.now();
      const finish = (r: TypeCheckResult, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        child.stdout.off("data", onData);
        child.stderr.off("data", onErr);
        child.off("exit", onExit);
        if (kill) this.stop();
        fs.rmSync(work, { recursive: true, force: true });
        resolve(r);
      };
      const poll = setInterval(() => {
        const cpu = child.pid ? cpuMsOf(child.pid) : null;
        const used = cpu !== null && startCpu !== null ? cpu - startCpu : Date.now() - started;
        if (used > this.limits.cpuMs || Date.now() - started > this.limits.wallMs) finish({ kind: "stopped", why: `it took more than ${this.limits.cpuMs / 1000} s` }, true);
      }, 100);
      const onData = (d: Buffer) => {
        stdout += d.toString("utf8");
        const at = stdout.indexOf("\n");
        if (at < 0) {
          if (stdout.length > 4 << 20) finish({ kind: "stopped", why: "its report was too long" }, true);
          return;
        }
        try {
          const reply = JSON.parse(stdout.slice(0, at)) as { ok: true; errors: TypeCheckReply } | { ok: false; why: string };
          finish(reply.ok ? { kind: "checked", errors: new Map(Object.entries(reply.errors).map(([id, e]) => [id, [...e]])) } : { kind: "stopped", why: `it failed (${reply.why})` }, false);
        } catch {
          finish({ kind: "stopped", why: "its report could not be read" }, true);
        }
      };
      const onErr = (d: Buffer) => { stderr = (stderr + d.toString("utf8")).slice(-4000); };
      const onExit = () => {
        this.child = null;
        finish({ kind: "stopped", why: /heap out of memory|Allocation failed|out of memory/i.test(stderr) ? "it ran out of memory" : "it stopped" }, false);
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onErr);
      child.on("exit", onExit);
      child.stdin.write(JSON.stringify({ root: this.root, files: Object.fromEntries(files), work }) + "\n");
    });
  }
}

/** Idle type-check processes by course root: one per hand-in graded at the same time. */
const idle = new Map<string, TypeChecker[]>();

/** Type-checks a hand-in's files (by set id) in a type-check process of its own. */
export async function typeCheckInSandbox(root: string, files: ReadonlyMap<string, string>): Promise<TypeCheckResult> {
  if (files.size === 0) return { kind: "checked", errors: new Map() };
  try {
    createRequire(path.join(root, "package.json")).resolve("typescript");
  } catch {
    return { kind: "checked", errors: new Map() }; // no TypeScript installed: nothing to report
  }
  const pool = idle.get(root) ?? [];
  idle.set(root, pool);
  const checker = pool.pop() ?? new TypeChecker(root);
  try {
    return await checker.check(files);
  } finally {
    pool.push(checker);
  }
}

/**
 * Readies the type check of `root` ahead of grading (the library's declarations emitted and
 * cached in build/lib-types): the Gradescope image does it once at build, not per submission.
 */
export async function prepareTypeCheck(root: string): Promise<boolean> {
  const pool = idle.get(root) ?? [];
  idle.set(root, pool);
  const checker = pool.pop() ?? new TypeChecker(root);
  try {
    return await checker.warm();
  } finally {
    pool.push(checker);
  }
}
