import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Notebook and browser tests start Jupyter kernels and servers; give them room on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
