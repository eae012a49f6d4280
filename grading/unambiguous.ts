/**
 * The catalogued mistakes a hidden test may name on its inputs: only those whose result differs
 * from the right one and from every other mistake's. When two mistakes give the same wrong value
 * (only fanIn and only fanOut, on a layer with fanIn = fanOut), naming either would be a guess, so
 * the test names neither. Used by grading/07-10; not an exercise set (no checks file has its name).
 */
import type { CataloguedMistake } from "../lib/exercise";
import { expectShaped } from "../lib/exercise";

type Fn = (...args: never[]) => unknown;
const call = (f: Fn, args: readonly unknown[]): unknown => (f as unknown as (...a: readonly unknown[]) => unknown)(...args);

export function unambiguous<F extends Fn>(
  solution: F,
  mistakes: readonly CataloguedMistake<F>[] | undefined,
  args: () => readonly unknown[],
  options: { readonly compare?: "close" | "equal"; readonly tolerance?: number } = {},
): CataloguedMistake<F>[] {
  const same = (a: unknown, b: unknown): boolean => {
    if (options.compare === "equal") return JSON.stringify(a) === JSON.stringify(b);
    try {
      expectShaped(a, b, { tolerance: options.tolerance });
      return true;
    } catch {
      return false;
    }
  };
  const right = call(solution, args());
  const results = (mistakes ?? []).flatMap((m) => {
    try {
      return [{ mistake: m, value: call(m.implementation, args()) }];
    } catch {
      return [];
    }
  });
  return results
    .filter((r) => !same(r.value, right) && results.every((o) => o === r || !same(o.value, r.value)))
    .map((r) => r.mistake);
}
