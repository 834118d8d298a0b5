// Bench child (`npm run bench` runs it): the detector's per-block statistics on the bench trace's
// first samples, three ways, in one run: the WebAssembly kernel (bucketed exact selection, what
// softshort runs), the same statistics by quickselect in JS (src/detect/stats.ts, what it ran until
// session 3), and simple-statistics (quantile + a sorted trimmed mean: what a user of that library
// would write). Prints one JSON line: microseconds per block for each, the block length, blocks.
import { setFlagsFromString } from "node:v8";
import { quantile } from "simple-statistics";
import { blockLengthOf } from "../../src/detect/blocklength.js";
import { detectKernel } from "../../src/detect/kernel.js";
import { DEFAULT_PARAMS } from "../../src/detect/params.js";
import { medianInPlace, selectInPlace, trimmedSigmaInPlace } from "../../src/detect/stats.js";
import { openTrace } from "../../src/parse/index.js";

// as src/wasm.ts sets it before the first kernel is compiled (a benchmark compiling first must too)
setFlagsFromString("--no-liftoff");

const [file, samplesArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: blockstats.js FILE [SAMPLES]\n");
  process.exit(2);
}
const want = Number(samplesArg ?? 4_000_000);

const trace = await openTrace(file, {});
const t = new Float64Array(want);
const x = new Float64Array(want);
let n = 0;
for await (const c of trace.chunks()) {
  const m = Math.min(c.length, want - n);
  t.set(c.time_s.subarray(0, m), n);
  x.set(c.current_A.subarray(0, m), n);
  n += m;
  if (n >= want) break;
}
const { block } = blockLengthOf(t, Math.min(n, 4096), DEFAULT_PARAMS.block_s);
const blocks = Math.floor(n / block);

/** best of three passes over every block, microseconds per block */
function time(run: (from: number) => number): number {
  let best = Infinity;
  let sink = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let b = 0; b < blocks; b++) sink += run(b * block);
    best = Math.min(best, performance.now() - t0);
  }
  if (Number.isNaN(sink)) process.stderr.write("");
  return (best * 1000) / blocks;
}

let pow = 1;
while (pow < n) pow <<= 1;
const kernel = detectKernel({ raw: pow, ring: 16, scratch: block, block, widths: [1], bins: [1, 1] });
kernel.rawT.set(t.subarray(0, n));
kernel.rawX.set(x.subarray(0, n));
const wasm = time((from) => {
  kernel.exports.blockSummary(from, from + block);
  return kernel.summary[4]!;
});

// the same statistics by quickselect: level, quartiles, trimmed sigma, and the first-difference sigma
const a = new Float64Array(block);
const dx = new Float64Array(block);
const quick = time((from) => {
  a.set(x.subarray(from, from + block));
  const med = medianInPlace(a, block);
  const q1 = selectInPlace(a, block, Math.floor(0.25 * (block - 1)));
  const q3 = selectInPlace(a, block, Math.ceil(0.75 * (block - 1)));
  const sigma = trimmedSigmaInPlace(a, block, med, true);
  for (let i = 1; i < block; i++) dx[i - 1] = x[from + i]! - x[from + i - 1]!;
  return sigma + q1 + q3 + trimmedSigmaInPlace(dx, block - 1, 0, false);
});

const lib = time((from) => {
  const v = Array.from(x.subarray(from, from + block));
  const [q1, med, q3] = quantile(v, [0.25, 0.5, 0.75]) as number[];
  const trimmed = (d: number[]) => {
    d.sort((p, q) => p - q);
    const k = Math.floor(0.8 * d.length);
    let s = 0;
    for (let i = 0; i < k; i++) s += d[i]!;
    return s / k / 0.558598;
  };
  const diffs: number[] = [];
  for (let i = 1; i < block; i++) diffs.push(Math.abs(x[from + i]! - x[from + i - 1]!));
  return trimmed(v.map((y) => Math.abs(y - med!))) + q1! + q3! + trimmed(diffs);
});

process.stdout.write(`${JSON.stringify({ block, blocks, wasm_us: wasm, quickselect_us: quick, simpleStatistics_us: lib })}\n`);
process.exit(0);
