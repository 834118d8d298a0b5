#!/usr/bin/env node
// Thin executable: all wiring lives in src/cli (compiled to dist/ by `npm ci` via the prepare script).
import { main } from "../dist/src/cli/main.js";

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`softshort: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
