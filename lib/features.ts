/**
 * How many features a polynomial model needs: the number of distinct monomials of exactly
 * `degree` in n variables, C(n + degree - 1, degree) (x1 x2 and x2 x1 are one feature; squares count).
 * For n = 100: 5050 quadratic and 171,700 cubic terms, the notes' "about 5000" and "about 170000".
 */
import { requirePositiveInteger } from "./errors";

export function monomialCount(n: number, degree: number): number {
  requirePositiveInteger("monomialCount", "n", n);
  requirePositiveInteger("monomialCount", "degree", degree);
  // C(n + d - 1, d) as a running product; each partial product is itself a binomial coefficient, so exact.
  let count = 1;
  for (let k = 1; k <= degree; k++) count = (count * (n - 1 + k)) / k;
  return Math.round(count);
}
