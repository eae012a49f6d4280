// Only fanOut is used. Where fanIn = fanOut it equals "only fanIn is used": that name may not be
// given; the right one ("only fanOut") may, where the inputs tell them apart.
export function xavierLimit(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / fanOut);
}
