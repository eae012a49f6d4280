/** Reference solution of exercises/00-welcome.ts. */
export function neuronInput(weights: number[], bias: number, inputs: number[]): number {
  if (weights.length !== inputs.length) {
    throw new Error(`neuronInput: ${weights.length} weights but ${inputs.length} inputs; they must match`);
  }
  let z = bias;
  for (let i = 0; i < weights.length; i++) z += weights[i] * inputs[i];
  return z;
}
