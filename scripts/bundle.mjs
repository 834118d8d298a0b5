// Bundles the command (dist/src/cli/main.js, its modules and its dependencies) into one file,
// dist/bundle/cli.js, which bin/softshort.js loads. Loading 130 modules one by one took ~100 ms of
// every run's start-up on the 2-vCPU bench machine, one file ~35 ms (docs/archives.md, session 12).
// The worker scripts stay as modules in dist/src/ (the bundle finds them through src/packageroot.ts),
// and so does the library (package.json "exports").
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist", "bundle", "cli.js");

await build({
  entryPoints: [path.join(root, "dist", "src", "cli", "main.js")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // dependencies written as CommonJS (commander, fft-js) call require(): give the ES module one
  banner: { js: "import { createRequire as __softshortRequire } from 'node:module'; const require = __softshortRequire(import.meta.url);" },
  legalComments: "eof",
  logLevel: "warning",
});
process.stderr.write(`bundle: ${path.relative(root, outfile)}\n`);
