// Fair hand-in whose types explode: a few lines of unions intersected make TypeScript compute for
// minutes and use gigabytes. The code is right: it must score full marks, and the batch must go on.
type P<K extends string> = { [Q in K]: number };
type X = (P<"a0"> | P<"b0">) & (P<"a1"> | P<"b1">) & (P<"a2"> | P<"b2">) & (P<"a3"> | P<"b3">) & (P<"a4"> | P<"b4">) & (P<"a5"> | P<"b5">) & (P<"a6"> | P<"b6">) & (P<"a7"> | P<"b7">) & (P<"a8"> | P<"b8">) & (P<"a9"> | P<"b9">) & (P<"a10"> | P<"b10">) & (P<"a11"> | P<"b11">) & (P<"a12"> | P<"b12">) & (P<"a13"> | P<"b13">) & (P<"a14"> | P<"b14">) & (P<"a15"> | P<"b15">);
type Y = (P<"c0"> | P<"d0">) & (P<"c1"> | P<"d1">) & (P<"c2"> | P<"d2">) & (P<"c3"> | P<"d3">) & (P<"c4"> | P<"d4">) & (P<"c5"> | P<"d5">) & (P<"c6"> | P<"d6">) & (P<"c7"> | P<"d7">) & (P<"c8"> | P<"d8">) & (P<"c9"> | P<"d9">) & (P<"c10"> | P<"d10">) & (P<"c11"> | P<"d11">) & (P<"c12"> | P<"d12">) & (P<"c13"> | P<"d13">) & (P<"c14"> | P<"d14">) & (P<"c15"> | P<"d15">);
const y = {} as Y;
const x: X = y as unknown as X;
export function neuronInput(weights: number[], bias: number, inputs: number[]): number {
  const probe: X | Y = x;
  void probe;
  let z = bias;
  for (let i = 0; i < weights.length; i++) z += weights[i] * inputs[i];
  return z;
}
