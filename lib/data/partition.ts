// How rows are divided into train / validation / test parts: the work behind splitIndices,
// splitDataset and loadDigits. Internal: lib/data/index.ts does not re-export this file.
import { check, describe } from "../errors";
import { createRandom } from "../random";
import { requireOptions, requireSeed } from "./checks";
import type { SplitIndices, SplitOptions } from "./split";

const PARTS = ["train", "validation", "test"] as const;

/**
 * The splitting itself, as documented at splitIndices. `labels` must already be checked; `where`
 * names the public function and `what` the rows ("rows of data", "digits") in error messages.
 */
export function splitIndicesFor(
  where: string,
  what: string,
  n: number,
  options: SplitOptions,
  labels: Int32Array | undefined,
): SplitIndices {
  requireOptions(where, options);
  requireSeed(where, options.seed);
  const sizes = partSizes(where, what, n, options);

  // One pool of row indices per class (a single pool without labels), each shuffled once.
  let numClasses = 1;
  if (labels !== undefined) for (let i = 0; i < n; i++) numClasses = Math.max(numClasses, labels[i] + 1);
  const pools: number[][] = [];
  for (let c = 0; c < numClasses; c++) pools.push([]);
  for (let i = 0; i < n; i++) pools[labels === undefined ? 0 : labels[i]].push(i);
  const random = createRandom(options.seed);
  for (const pool of pools) random.shuffle(pool);

  const taken = new Array<number>(numClasses).fill(0);
  const result: Int32Array[] = [];
  for (const size of sizes) {
    const remaining = pools.map((pool, c) => pool.length - taken[c]);
    const perClass = apportion(size, remaining);
    const part: number[] = [];
    for (let c = 0; c < numClasses; c++) {
      for (let k = 0; k < perClass[c]; k++) part.push(pools[c][taken[c] + k]);
      taken[c] += perClass[c];
    }
    // Class by class would put all of class 0 first; training and mini-batches want them mixed.
    result.push(Int32Array.from(random.shuffle(part)));
  }
  return { train: result[0], validation: result[1], test: result[2] };
}

/**
 * Splits the integer `size` into parts proportional to the integer `pools` (size <= their sum):
 * each part gets the floor of its quota size * pool / total, and the rows still missing go to
 * the largest remainders, ties to the lower index. No part exceeds its pool.
 */
function apportion(size: number, pools: readonly number[]): number[] {
  const total = pools.reduce((a, b) => a + b, 0);
  if (total === 0) return pools.map(() => 0);
  // Integer arithmetic (exact for the sizes here): quota = (size * pool) / total.
  const counts = pools.map((p) => Math.floor((size * p) / total));
  const remainders = pools.map((p, c) => size * p - counts[c] * total);
  let missing = size - counts.reduce((a, b) => a + b, 0);
  const order = pools.map((_, c) => c).sort((a, b) => remainders[b] - remainders[a] || a - b);
  for (let k = 0; missing > 0; k++, missing--) counts[order[k]]++;
  return counts;
}

/** Resolves fractions or counts to the three part sizes, with the checks and messages of `where`. */
function partSizes(where: string, what: string, n: number, options: SplitOptions): [number, number, number] {
  const { fractions, counts } = options as { fractions?: unknown; counts?: unknown };
  check((fractions === undefined) !== (counts === undefined), () =>
    `${where}: give exactly one of fractions or counts, e.g. { fractions: { train: 0.8, test: 0.2 }, seed: 1 }` +
      (fractions !== undefined ? ", not both" : ""),
  );
  const useFractions = fractions !== undefined;
  const key = useFractions ? "fractions" : "counts";
  const given = (useFractions ? fractions : counts) as Record<string, unknown>;
  check(typeof given === "object" && given !== null && !Array.isArray(given), () =>
    `${where}: ${key} must be an object such as { train: 0.8, test: 0.2 }, got ${describe(given)}`,
  );
  for (const k of Object.keys(given)) {
    check((PARTS as readonly string[]).indexOf(k) >= 0, () =>
      `${where}: unknown part ${JSON.stringify(k)} in ${key}; the parts are ${PARTS.join(", ")}`,
    );
  }
  const values = PARTS.map((p) => (given[p] === undefined && p !== "train" ? 0 : given[p]));
  const sumText = () => PARTS.map((p, i) => `${p} ${values[i]}`).join(" + ");

  if (!useFractions) {
    PARTS.forEach((p, i) => {
      const v = values[i];
      const min = p === "train" ? 1 : 0;
      check(typeof v === "number" && Number.isSafeInteger(v) && v >= min, () =>
        `${where}: counts.${p} must be an integer >= ${min}, got ${describe(v)}`,
      );
    });
    const sizes = values as [number, number, number];
    const sum = sizes[0] + sizes[1] + sizes[2];
    check(sum <= n, () => `${where}: counts ${sumText()} = ${sum} exceed the ${n} ${what} available`);
    return sizes;
  }

  PARTS.forEach((p, i) => {
    const v = values[i];
    check(typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1, () =>
      `${where}: fractions.${p} must be a number in [0, 1], got ${describe(v)}`,
    );
  });
  const f = values as [number, number, number];
  check(f[0] > 0, () => `${where}: fractions.train must be > 0, got 0`);
  const sum = f[0] + f[1] + f[2];
  // The tolerance lets 0.7 + 0.2 + 0.1 (which is 0.9999999999999999 or 1.0000000000000002) count as 1.
  check(sum <= 1 + 1e-9, () => `${where}: fractions ${sumText()} = ${+sum.toFixed(9)} exceed 1`);

  // Largest remainder over train, validation, test and the unused rest, so the counts add up to n.
  const quotas = [...f, Math.max(0, 1 - sum)].map((fr) => {
    const q = fr * n;
    return Math.abs(q - Math.round(q)) < 1e-9 ? Math.round(q) : q; // 0.7 * 10 is 7.000000000000001
  });
  const sizes = quotas.map(Math.floor);
  const missing = n - sizes.reduce((a, b) => a + b, 0); // < 4: each of 4 quotas loses less than 1
  const order = [0, 1, 2, 3].sort((a, b) => quotas[b] - sizes[b] - (quotas[a] - sizes[a]) || a - b);
  for (let k = 0; k < missing; k++) sizes[order[k]]++;
  PARTS.forEach((p, i) => {
    check(f[i] === 0 || sizes[i] > 0, () =>
      `${where}: fractions.${p} ${f[i]} of ${n} ${what} gives an empty ${p} set; use a larger fraction or more data`,
    );
  });
  return [sizes[0], sizes[1], sizes[2]];
}
