// A slip outside the mistake catalogue: floor(n/2) (n + 1) equals n(n + 1)/2 only for even n. It
// agrees with a catalogued mistake on some inputs by coincidence: no catalogued name may be given.
export function quadraticFeatureCount(n: number): number {
  return Math.floor(n / 2) * (n + 1);
}
