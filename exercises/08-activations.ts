// exercises/08-activations.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 534119097a6c-d6b351304722]
/**
 * Exercise 7.1 (notebooks/08-activations.ipynb): the leaky ReLU.
 *
 *     leakyRelu(z) = max(slope * z, z)   for 0 <= slope < 1     (the notes use slope = 0.1)
 *
 * that is z for z > 0 and slope * z otherwise: negative inputs keep a small slope instead of
 * being cut to 0 as in ReLU. Example: leakyRelu(-2, 0.1) = -0.2 and leakyRelu(3, 0.1) = 3.
 *
 * Write it yourself: the library's `leakyRelu` (and `activation`) may not be used.
 */
export function leakyRelu(z: number, slope: number): number {
  throw new Error("not implemented yet: write leakyRelu in exercises/08-activations.ts");
}

/**
 * Exercise 7.2: the derivative of the leaky ReLU,
 *
 *     leakyRelu'(z) = 1 for z > 0,  slope for z < 0.
 *
 * At the kink z = 0 the derivative does not exist; this course takes the left slope there, as it
 * does for ReLU (ReLU'(0) = 0, file 002: "1 if z > 0"), so leakyReluPrime(0, slope) = slope.
 * Example: leakyReluPrime(2, 0.1) = 1, leakyReluPrime(-3, 0.1) = 0.1.
 *
 * The library's `leakyReluPrime` (and `activation`) may not be used.
 */
export function leakyReluPrime(z: number, slope: number): number {
  throw new Error("not implemented yet: write leakyReluPrime in exercises/08-activations.ts");
}

/**
 * Exercise 7.3: the derivative of tanh, written with tanh itself:
 *
 *     tanh'(z) = 1 - tanh(z)^2
 *
 * Note the argument: the formula takes z, the weighted input, and squares tanh(z). (If you already
 * have a = tanh(z) from the forward pass, it is 1 - a^2; 1 - z^2 is a different, wrong, number.)
 * Example: tanhPrime(0) = 1, tanhPrime(0.5) = 0.7864.
 *
 * Math.tanh is fine to use (it does not overflow for large |z|); the library's `tanhPrime`
 * (and `activation`) may not be used.
 */
export function tanhPrime(z: number): number {
  throw new Error("not implemented yet: write tanhPrime in exercises/08-activations.ts");
}

/**
 * Exercise 7.4: a softmax that does not overflow.
 *
 *     softmax(z)_i = exp(z_i) / sum_j exp(z_j)
 *
 * Computed literally, exp(1000) is Infinity and Infinity / Infinity is NaN. Subtracting any
 * constant c from every z_i leaves the result unchanged (the factor exp(-c) cancels), so subtract
 * the largest entry first: every exponent is then <= 0 and the largest term is exactly 1.
 * Example: stableSoftmax([1, 2, 3]) and stableSoftmax([1000, 1001, 1002]) are both
 * [0.0900, 0.2447, 0.6652].
 *
 * Return a new array and leave z unchanged. The library's `softmax` (and `activation`) may not be used.
 */
export function stableSoftmax(z: number[]): number[] {
  throw new Error("not implemented yet: write stableSoftmax in exercises/08-activations.ts");
}
