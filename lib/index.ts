// The one public entry of the library: notebooks import from "./lib", tests and exercises from "../lib".
export * from "./errors";
export * from "./matrix";
export * from "./kernels";
export * from "./random";
