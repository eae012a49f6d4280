// Two-class problems in the plane, for pictures of decision boundaries: from linearly separable
// (blobs) to ones that need hidden units (circle, XOR quadrants) and many of them (spirals).
import { check, describe, requirePositiveInteger } from "../errors";
import { matrix } from "../matrix";
import { Random, createRandom } from "../random";
import { requireNonNegativeNumber, requireOptions, requireSeed } from "./checks";
import { ClassificationDataset } from "./dataset";

export interface PlanarOptions {
  /** Number of points. Classes alternate 0, 1, 0, 1, ... so they are balanced (class 0 gets the odd one out). */
  readonly n: number;
  /** Standard deviation of Gaussian noise added to both coordinates of every point. */
  readonly noise?: number;
  readonly seed: number;
}

export interface BlobsOptions extends PlanarOptions {
  /** Centres of class 0 and class 1 (default (-1, -1) and (1, 1)). */
  readonly centers?: readonly [readonly [number, number], readonly [number, number]];
}

export interface CircleOptions extends PlanarOptions {
  /** Class 1 ("inside") fills the disc of this radius (default 0.5). */
  readonly discRadius?: number;
  /** Class 0 ("outside") fills the ring between these radii (default [0.7, 1]). */
  readonly ringRadii?: readonly [number, number];
}

export interface XorOptions extends PlanarOptions {
  /** Points keep at least this distance from both axes (default 0.1), leaving a visible gap. */
  readonly margin?: number;
}

export interface SpiralsOptions extends PlanarOptions {
  /** How many times each arm winds around the origin (default 1.5). */
  readonly turns?: number;
}

type PointSampler = (label: number, random: Random) => [number, number];

/** The shared part: checks n, noise and seed, samples a base point per example, adds the noise. */
function planar(
  where: string,
  options: PlanarOptions,
  defaultNoise: number,
  classNames: readonly [string, string],
  sample: PointSampler,
): ClassificationDataset {
  const { n, noise = defaultNoise, seed } = options;
  requirePositiveInteger(where, "n", n);
  requireNonNegativeNumber(where, "noise", noise);
  requireSeed(where, seed);
  const random = createRandom(seed);
  const X = matrix(n, 2);
  const Y = matrix(n, 1);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const [x1, x2] = sample(label, random);
    X.data[2 * i] = noise > 0 ? x1 + random.normal(0, noise) : x1;
    X.data[2 * i + 1] = noise > 0 ? x2 + random.normal(0, noise) : x2;
    Y.data[i] = label;
    labels[i] = label;
  }
  return { X, Y, labels, classNames: classNames.slice(), featureNames: ["x1", "x2"] };
}

function requireFinitePair(where: string, name: string, value: unknown): asserts value is readonly [number, number] {
  check(
    Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number" && Number.isFinite(v)),
    () => `${where}: ${name} must be a pair of finite numbers [a, b], got ${describe(value)}`,
  );
}

/**
 * Two Gaussian blobs: each point is its class centre plus N(0, noise^2) noise per coordinate,
 * so here `noise` is the blobs' spread (default 0.5). Linearly separable when the spread is small
 * compared with the distance between the centres: a single perceptron suffices.
 */
export function makeBlobs(options: BlobsOptions): ClassificationDataset {
  const where = "makeBlobs";
  requireOptions(where, options);
  const centers = options.centers ?? [[-1, -1], [1, 1]];
  check(Array.isArray(centers) && centers.length === 2, () =>
    `${where}: centers must be two points [[x1, x2], [x1, x2]], got ${describe(centers)}`,
  );
  requireFinitePair(where, "centers[0]", centers[0]);
  requireFinitePair(where, "centers[1]", centers[1]);
  return planar(where, options, 0.5, ["0", "1"], (label) => [centers[label][0], centers[label][1]]);
}

/**
 * A disc inside a ring: class 1 ("inside") is uniform over the disc r <= discRadius, class 0
 * ("outside") uniform over the ring ringRadii[0] <= r <= ringRadii[1]. No straight line
 * separates them; one hidden layer does.
 */
export function makeCircle(options: CircleOptions): ClassificationDataset {
  const where = "makeCircle";
  requireOptions(where, options);
  const { discRadius = 0.5, ringRadii = [0.7, 1] } = options;
  requireFinitePair(where, "ringRadii", ringRadii);
  const [a, b] = ringRadii;
  check(typeof discRadius === "number" && discRadius > 0 && discRadius <= a && a < b, () =>
    `${where}: need 0 < discRadius <= ringRadii[0] < ringRadii[1], got discRadius ${describe(discRadius)} ` +
      `and ringRadii [${a}, ${b}]`,
  );
  return planar(where, options, 0, ["outside", "inside"], (label, random) => {
    // Uniform over the area: the radius is the square root of a uniform draw over r^2.
    const r = label === 1 ? discRadius * Math.sqrt(random.next()) : Math.sqrt(a * a + (b * b - a * a) * random.next());
    const angle = 2 * Math.PI * random.next();
    return [r * Math.cos(angle), r * Math.sin(angle)];
  });
}

/**
 * XOR quadrants, the continuous version of the XOR gate: points uniform in [-1, 1]^2 (minus a
 * band of width `margin` along each axis); class 1 when x1 and x2 have different signs, i.e.
 * (x1 > 0) XOR (x2 > 0).
 */
export function makeXorQuadrants(options: XorOptions): ClassificationDataset {
  const where = "makeXorQuadrants";
  requireOptions(where, options);
  const { margin = 0.1 } = options;
  check(typeof margin === "number" && margin >= 0 && margin < 1, () =>
    `${where}: margin must be a number in [0, 1), got ${describe(margin)}`,
  );
  return planar(where, options, 0, ["0", "1"], (label, random) => {
    const sign = random.next() < 0.5 ? -1 : 1;
    const x1 = sign * random.uniform(margin, 1);
    const x2 = (label === 1 ? -sign : sign) * random.uniform(margin, 1);
    return [x1, x2];
  });
}

/**
 * Two interleaved spirals: with t uniform in [0, 1), a point of class k is at radius t and angle
 * 2 pi turns t + k pi, so the second arm is the first turned by half a circle.
 */
export function makeSpirals(options: SpiralsOptions): ClassificationDataset {
  const where = "makeSpirals";
  requireOptions(where, options);
  const { turns = 1.5 } = options;
  check(typeof turns === "number" && Number.isFinite(turns) && turns > 0, () =>
    `${where}: turns must be a finite number > 0, got ${describe(turns)}`,
  );
  return planar(where, options, 0, ["spiral 0", "spiral 1"], (label, random) => {
    const t = random.next();
    const angle = 2 * Math.PI * turns * t + Math.PI * label;
    return [t * Math.cos(angle), t * Math.sin(angle)];
  });
}
