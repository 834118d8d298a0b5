// Vitest global setup: the tests import the TypeScript sources, but the WebAssembly kernels exist only
// built; compile them when missing or older than their sources (a no-op after `npm run build`).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  execFileSync(process.execPath, [path.join(root, "scripts", "build-wasm.mjs")], { stdio: "inherit" });
}
