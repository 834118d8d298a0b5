// Compiles each stage's AssemblyScript kernel (src/<stage>/wasm/index.ts) to dist/wasm/<stage>.wasm.
// Skips a kernel whose .wasm is newer than every source file of its folder (use --force to rebuild).
import { mkdirSync, readdirSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");
const out = path.join(root, "dist", "wasm");
mkdirSync(out, { recursive: true });

// release flags: no runtime (the JS side lays out the memory), no assertion traps, the caller's memory
const FLAGS = ["-O3", "--runtime", "stub", "--noAssert", "--importMemory", "--initialMemory", "1", "--use", "abort="];

let failed = false;
for (const stage of readdirSync(path.join(root, "src"))) {
  const dir = path.join(root, "src", stage, "wasm");
  const entry = path.join(dir, "index.ts");
  if (!existsSync(entry)) continue;
  const target = path.join(out, `${stage}.wasm`);
  const newest = Math.max(...readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (!force && existsSync(target) && statSync(target).mtimeMs >= newest) continue;
  const { error, stderr } = await asc.main([path.relative(root, entry), "-o", path.relative(root, target), ...FLAGS], { stdout: process.stdout, stderr: process.stderr });
  if (error) {
    process.stderr.write(`build-wasm: ${stage}: ${error.message}\n${stderr.toString()}`);
    failed = true;
  } else process.stderr.write(`build-wasm: ${path.relative(root, target)}\n`);
}
process.exitCode = failed ? 1 : 0;
