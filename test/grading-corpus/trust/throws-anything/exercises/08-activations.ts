// Every function throws something that is not an Error: null, undefined, a number, and an object
// whose getters throw. Each must score 0, with a message saying what was thrown.

export function leakyRelu(z: number, slope: number): number {
  throw null;
}

export function leakyReluPrime(z: number, slope: number): number {
  throw undefined;
}

export function tanhPrime(z: number): number {
  throw 0;
}

export function stableSoftmax(z: number[]): number[] {
  throw {
    get message(): string { throw new Error("a getter that throws"); },
    get name(): string { throw new Error("a getter that throws"); },
    toJSON(): never { throw new Error("toJSON throws too"); },
  };
}
