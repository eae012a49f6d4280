/**
 * The kernel backends, registered as this module loads (lib/index.ts loads it): the reference
 * loops (js, always there), plain TypeScript that skips zeros (sparse) and WebAssembly SIMD with
 * fused training (wasm). getKernels() then gives the fastest that runs in this process.
 */
import "./sparse";
import "./wasm/backend";

export { affine, affineBackward, columnSums, getKernels, matmul, matmulTransA, setKernels, type Kernels } from "../kernels";
