// What crosses the sandbox boundary: values keep what JSON loses (NaN, -0, typed arrays, the
// library's Matrix and Random), hostile data decodes to plain data, and frames have limits.
import { describe, expect, it } from "vitest";
import { matrix } from "../lib/matrix";
import { createRandom } from "../lib/random";
import { decode, encode, frame, FrameReader, MAX_FRAME_BYTES, WireError } from "../grader/wire";

const roundTrip = (v: unknown) => decode(JSON.parse(JSON.stringify(encode(v))), { matrix: (r, c, d) => matrix(r, c, d) });

describe("the wire encoding", () => {
  it("keeps NaN, infinities, -0, undefined and nested lists", () => {
    const back = roundTrip([NaN, Infinity, -Infinity, -0, 0, 1.5, undefined, [[1, 2], [3]], "s", true, null]) as unknown[];
    expect(back[0]).toBeNaN();
    expect(back.slice(1, 3)).toEqual([Infinity, -Infinity]);
    expect(Object.is(back[3], -0)).toBe(true);
    expect(Object.is(back[4], 0)).toBe(true);
    expect(back.slice(5)).toEqual([1.5, undefined, [[1, 2], [3]], "s", true, null]);
  });

  it("keeps typed arrays and the library's Matrix as what they are", () => {
    const back = roundTrip({ f: Float64Array.of(1, NaN), u: Uint8Array.of(7), m: matrix(2, 1, Float64Array.of(3, 4)) }) as Record<string, unknown>;
    expect(back.f).toBeInstanceOf(Float64Array);
    expect(Array.from(back.f as Float64Array)[1]).toBeNaN();
    expect(back.u).toEqual(Uint8Array.of(7));
    expect(back.m).toMatchObject({ rows: 2, cols: 1 });
    expect(Array.from((back.m as { data: Float64Array }).data)).toEqual([3, 4]);
  });

  it("moves a createRandom generator by its state: the copy continues the same sequence", () => {
    const a = createRandom(42);
    a.normal();
    const b = roundTrip(a) as ReturnType<typeof createRandom>;
    expect([b.uniform(0, 1), b.normal(), b.int(1000)]).toEqual([a.uniform(0, 1), a.normal(), a.int(1000)]);
  });

  it("turns functions and objects with methods into handles the other side calls back, and cycles into markers", () => {
    const handles: unknown[] = [];
    const f = (x: number) => x * 2;
    const obj = { g: f };
    const w = encode([f, obj], { remote: (v) => handles.push(v) - 1 });
    expect(handles).toEqual([f, obj]);
    const back = decode(w, {
      remote: (h, methods) => (methods ? Object.fromEntries(methods.map((m) => [m, (x: number) => (handles[h] as typeof obj).g(x) + 2000])) : (x: number) => (handles[h] as typeof f)(x) + 1000),
    }) as [(x: number) => number, { g: (x: number) => number }];
    expect(back[0](3)).toBe(1006);
    expect(back[1].g(3)).toBe(2006);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(roundTrip(cyclic)).toEqual({ a: 1, self: "[a reference back to itself]" });
  });

  it("decodes hostile data as plain data: a __proto__ key stays a key, unknown tags are errors", () => {
    const back = decode({ $obj: { ["__proto__"]: { $obj: { polluted: true } } } }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(back)).toEqual(["__proto__"]);
    expect(() => decode({ $evil: "code" })).toThrow(WireError);
    expect(() => decode({ $typed: "Function", v: [] })).toThrow("unknown typed array");
    expect(() => decode({ $matrix: [2, 2], v: [1] })).toThrow("shape does not match");
  });

  it("splits a byte stream into frames, however it is cut, and refuses oversized or broken ones", () => {
    const bytes = Buffer.concat([frame({ a: 1 }), frame([2, 3])]);
    const reader = new FrameReader();
    const got = [...bytes].flatMap((b) => reader.push(Buffer.from([b])));
    expect(got).toEqual([{ a: 1 }, [2, 3]]);
    const huge = Buffer.alloc(4);
    huge.writeUInt32LE(MAX_FRAME_BYTES + 1, 0);
    expect(() => new FrameReader().push(huge)).toThrow("over the limit");
    const broken = Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.from("{{{")]);
    expect(() => new FrameReader().push(broken)).toThrow("not JSON");
  });
});
