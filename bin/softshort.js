#!/usr/bin/env node
// Thin executable: all wiring lives in src/cli (compiled to dist/ by `npm ci` via the prepare script,
// then bundled into one file, which loads far faster than its modules one by one: scripts/bundle.mjs).
import { main } from "../dist/bundle/cli.js";

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`softshort: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
