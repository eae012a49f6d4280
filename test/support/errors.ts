import { expect } from "vitest";
import { InputError } from "../../lib/errors";

/** Runs fn once and checks it throws an InputError whose message contains `message`. */
export function expectInputError(fn: () => unknown, message: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toContain(message);
}
