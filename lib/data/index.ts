// The data sets and the helpers around them. checks.ts and partition.ts are internal, not re-exported.
export * from "./dataset";
export * from "./encoding";
export * from "./gates";
export * from "./planar";
export * from "./regression";
export * from "./iris";
export * from "./digits";
export * from "./split";
export * from "./scaling";
