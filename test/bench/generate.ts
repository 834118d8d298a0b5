// Bench inputs: big "t,I" CSVs from `softshort simulate` when it works, else from a fast local generator.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";

export interface Generated {
  file: string;
  bytes: number;
  /** "softshort simulate ..." or "local generator" */
  how: string;
}

/**
 * A soft -> hard -> fuse trace of about `bytes` bytes at `rate_hz`. Kept between runs (same name =
 * same request), since generating gigabytes costs more than measuring them.
 */
export function bigTrace(file: string, bytes: number, rate_hz: number, bin: string, seed = 1): Generated {
  const size = existsSync(file) ? statSync(file).size : 0;
  if (size > 0.9 * bytes && size < 1.1 * bytes && existsSync(`${file}.how`)) {
    return { file, bytes: size, how: `${readFileSync(`${file}.how`, "utf8").trim()} (kept from an earlier run)` };
  }
  const tmp = `${file}.partial`;
  const sim = trySimulate(tmp, bytes, rate_hz, bin, seed);
  let how = sim;
  if (!how) {
    rmSync(tmp, { force: true });
    localTrace(tmp, bytes, rate_hz, seed);
    how = "local generator (softshort simulate unavailable)";
  }
  renameSync(tmp, file);
  writeFileSync(`${file}.how`, `${how}\n`);
  return { file, bytes: statSync(file).size, how };
}

/** Size a short simulate run, scale its duration to the wanted bytes, then write the real one. */
function trySimulate(out: string, bytes: number, rate_hz: number, bin: string, seed: number): string | null {
  const run = (duration_s: number) =>
    spawnSync(process.execPath, [bin, "simulate", "--scenario", "soft-hard-fuse", "--seed", String(seed),
      "--duration", String(duration_s), "--rate", String(rate_hz), "-o", out], { stdio: ["ignore", "ignore", "pipe"] });
  // soft -> hard -> fuse needs room for all three stages: the simulator refuses under 30 s
  const probe_s = 60;
  const probe = run(probe_s);
  if (probe.status !== 0 || !existsSync(out)) {
    process.stderr.write(`bench: softshort simulate failed (${String(probe.stderr).trim().split("\n")[0]}); using the local generator\n`);
    return null;
  }
  const perSecond = statSync(out).size / probe_s;
  const duration = Math.max(probe_s, Math.round(bytes / perSecond));
  const full = run(duration);
  if (full.status !== 0) return null;
  return `softshort simulate --scenario soft-hard-fuse --seed ${seed} --duration ${duration} --rate ${rate_hz}`;
}

/** Mulberry32 + Box-Muller: deterministic noise without a dependency. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/**
 * "t,I" rows: 0.5 nA noise; from 40% of the trace spikes (Poisson, growing), a 500 nA hard short at 80%
 * for 5% of the trace, then the floor again (fuse). Written in 4 MB blocks, bounded memory.
 */
export function localTrace(file: string, bytes: number, rate_hz: number, seed: number): void {
  const g = gaussian(seed);
  const fd = openSync(file, "w");
  const approxRow = 24;
  const n = Math.round(bytes / approxRow);
  const dt = 1 / rate_hz;
  let spikeLeft = 0, spikeAmp = 0;
  let written = 0;
  let block: string[] = ["t,I"];
  for (let k = 0; k < n; k++) {
    const frac = k / n;
    let i = 0.5e-9 * g() + 0.1e-9;
    if (frac > 0.4 && frac < 0.8) {
      if (spikeLeft === 0 && g() > 3.2) { spikeLeft = 20; spikeAmp = 5e-9 + 300e-9 * (frac - 0.4) * 2.5; }
      if (spikeLeft > 0) { i += spikeAmp * Math.exp(-(20 - spikeLeft) / 5); spikeLeft--; }
    } else if (frac >= 0.8 && frac < 0.85) i += 500e-9;
    block.push(`${(k * dt).toFixed(5)},${i.toPrecision(5)}`);
    if (block.length >= 100_000) { written += writeSync(fd, block.join("\n") + "\n"); block = []; }
  }
  if (block.length) written += writeSync(fd, block.join("\n") + "\n");
  closeSync(fd);
  void written;
}
