// Test runner settings: CLI tests spawn node processes, which a loaded or slow CI machine runs slowly.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // a generous per-test limit: a hung test still fails, a busy machine does not
    testTimeout: 60_000,
    // the WebAssembly kernels are built, not imported from source: make sure they are there
    globalSetup: ["test/setup/wasm.ts"],
  },
});
