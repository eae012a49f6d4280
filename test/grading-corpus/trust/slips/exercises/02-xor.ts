// A slip outside the mistake catalogue: n(n + 1)/2 (degree - 1). For degree 2 it equals the
// catalogued "only the monomials of exactly this degree" by coincidence; for other degrees it
// does not, so that name may not be given.
export function polynomialFeatureCount(n: number, degree: number): number {
  return ((n * (n + 1)) / 2) * (degree - 1);
}
