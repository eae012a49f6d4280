/**
 * The messages between the grader and a sandboxed hand-in, typed both ways and parsed in one
 * place. The grader reads whatever the sandbox sends as untrusted data: a message that does not
 * parse is a protocol error, which ends that sandbox (see Sandbox).
 *
 *   grader -> child (fd 4): load an exercise's module, call an exercise's function
 *   child -> grader (fd 3): ready, loaded / could not load, a call's result, a callback request
 *   grader -> child (fd 5): the answer to a callback (read synchronously while student code runs)
 */
import type { ThrownValue } from "../lib/exercise/session";
import type { Wire } from "./wire";

/** An exercise's module in the bundle: "<set>/<exercise>". */
export type ModuleKey = string;

export type ToChild =
  | { readonly t: "load"; readonly id: number; readonly key: ModuleKey }
  | { readonly t: "call"; readonly id: number; readonly key: ModuleKey; readonly name: string; readonly args: Wire };

export interface ExportInfo {
  readonly type: string;
  /** A function's declared parameter count, -1 for other values. */
  readonly length: number;
}

export type FromChild =
  | { readonly t: "ready" }
  | { readonly t: "loaded"; readonly id: number; readonly exports: Readonly<Record<string, ExportInfo>> }
  | { readonly t: "loadError"; readonly id: number; readonly error: ThrownValue }
  | { readonly t: "returned"; readonly id: number; readonly value: Wire; readonly after: Wire }
  | { readonly t: "threw"; readonly id: number; readonly error: ThrownValue }
  /** The function returned something the child could not encode (too big, a getter that throws...). */
  | { readonly t: "unreadable"; readonly id: number; readonly why: string }
  | { readonly t: "callback"; readonly handle: number; readonly method: string | null; readonly args: Wire };

export type CallbackReply = { readonly ok: true; readonly value: Wire } | { readonly ok: false; readonly message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;
const str = (v: unknown, max = 4000): string => String(v).slice(0, max);

function thrownValue(v: unknown): ThrownValue | null {
  if (!isRecord(v)) return null;
  if (v.kind === "error") return { kind: "error", name: str(v.name, 200), message: str(v.message) };
  if (v.kind === "value") return { kind: "value", type: str(v.type, 40), text: str(v.text, 200) };
  return null;
}

function exportsTable(v: unknown): Record<string, ExportInfo> | null {
  if (!isRecord(v)) return null;
  const out: Record<string, ExportInfo> = {};
  for (const [key, info] of Object.entries(v).slice(0, 500)) {
    if (!isRecord(info)) return null;
    Object.defineProperty(out, key, { value: { type: str(info.type, 40), length: typeof info.length === "number" ? info.length : -1 }, enumerable: true });
  }
  return out;
}

/** A message from the child, or null when it is not one the protocol knows. */
export function parseFromChild(v: unknown): FromChild | null {
  if (!isRecord(v)) return null;
  switch (v.t) {
    case "ready": return { t: "ready" };
    case "loaded": { const exports = exportsTable(v.exports); return isId(v.id) && exports ? { t: "loaded", id: v.id, exports } : null; }
    case "loadError": { const error = thrownValue(v.error); return isId(v.id) && error ? { t: "loadError", id: v.id, error } : null; }
    case "returned": return isId(v.id) && "value" in v && Array.isArray(v.after) ? { t: "returned", id: v.id, value: v.value as Wire, after: v.after as Wire } : null;
    case "threw": { const error = thrownValue(v.error); return isId(v.id) && error ? { t: "threw", id: v.id, error } : null; }
    case "unreadable": return isId(v.id) ? { t: "unreadable", id: v.id, why: str(v.why, 300) } : null;
    case "callback": return typeof v.handle === "number" && (v.method === null || typeof v.method === "string") ? { t: "callback", handle: v.handle, method: v.method, args: (v.args ?? []) as Wire } : null;
    default: return null;
  }
}

/** A message from the grader, as the child reads it (the grader is trusted; this only types it). */
export function parseToChild(v: unknown): ToChild | null {
  if (!isRecord(v) || !isId(v.id) || typeof v.key !== "string") return null;
  if (v.t === "load") return { t: "load", id: v.id, key: v.key };
  if (v.t === "call" && typeof v.name === "string") return { t: "call", id: v.id, key: v.key, name: v.name, args: (v.args ?? []) as Wire };
  return null;
}
