// The one public entry of the library: notebooks import from "./lib", tests and exercises from "../lib".
export * from "./errors";
export * from "./matrix";
export * from "./kernels";
export * from "./random";
export * from "./activations";
export * from "./losses";
export * from "./regularization";
export * from "./init";
export * from "./network";
export * from "./forward";
export * from "./cost";
export * from "./backprop";
export * from "./backprop-per-example";
export * from "./gradcheck";
export * from "./descent";
export * from "./mathjs-interop";
export * from "./symbolic";
