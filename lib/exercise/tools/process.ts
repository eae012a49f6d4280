/**
 * What the runners outside the notebook need to know of a process: its CPU time (so time limits
 * count only its own computing, whatever else the machine is doing) and whether `prlimit` can
 * cap its address space. Linux answers both; elsewhere limits fall back to wall time and V8's heap limit.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const TICK_MS = 10; // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ)

/** A process's CPU time (user + system) in ms, from /proc; null where there is no /proc. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

let prlimit: boolean | null = null;

/** Whether `prlimit --as` can limit a child's address space here (probed once). */
export function canLimitMemory(): boolean {
  prlimit ??= process.platform === "linux" && spawnSync("prlimit", ["--as=1073741824", "true"], { stdio: "ignore", timeout: 5000 }).status === 0;
  return prlimit;
}
