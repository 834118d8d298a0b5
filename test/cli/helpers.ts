// Test helpers for the CLI: run main() in-process with stdout/stderr captured, and small trace files on disk.
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { mulberry32 } from "../../src/detect/random.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const binPath = path.join(repoRoot, "bin", "softshort.js");
/** `npm run build` has run: the modules (worker scripts) and the bundle that bin/ loads */
export const builtCli = existsSync(path.join(repoRoot, "dist", "src", "cli", "main.js")) && existsSync(path.join(repoRoot, "dist", "bundle", "cli.js"));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** main(["analyze", ...]) in this process; output captured (never printed), exit code returned. */
export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  try {
    const code = await main(["node", "softshort", ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The built executable as a user runs it (needs `npm run build`). */
export function runBin(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    input: options.input, cwd: options.cwd ?? repoRoot, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** NDJSON with every wall time set to 0 (the only field that differs between runs) */
export const noWall = (nd: string): string => nd.replace(/"wall_s":[0-9.e-]+/g, '"wall_s":0');

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "softshort-cli-"));
}

/** Seeded Gaussian noise (mulberry32 + Box-Muller): the same bytes on every run. */
export function noise(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * A "Time (s),Current (A)" CSV: 0.5 nA noise at `rate_hz`, plus an optional current level over time
 * (e.g. a hard short: 500 nA between two times).
 */
export function traceCsv(opts: { seconds: number; rate_hz: number; seed: number; level?: (t: number) => number }): string {
  const g = noise(opts.seed);
  const n = Math.round(opts.seconds * opts.rate_hz);
  const rows = ["Time (s),Current (A)"];
  for (let k = 0; k < n; k++) {
    const t = k / opts.rate_hz;
    rows.push(`${t.toFixed(4)},${(0.5e-9 * g() + (opts.level?.(t) ?? 0)).toPrecision(6)}`);
  }
  return rows.join("\n") + "\n";
}

export function writeTrace(dir: string, name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
