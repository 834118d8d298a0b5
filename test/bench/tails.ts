// `node dist/test/bench/tails.js [--seed N] [--quick] [--filter RE] [--list]`: how heavy the tails of the
// detector's own residual are, per boxcar width, on the eval suite's traces (stable ones by default).
// Every threshold assumes Gaussian tails above the measured per-width sigma; this counts the width-w
// sums beyond 3, 4, 4.5 and 5 of those sigmas (and beyond the width's strict k) against the Gaussian
// expectation for as many sums. Excess at one width only says where false spikes come from
// (docs/accuracy.md, seed 11). Analysis only: it instruments the detector through its prototype.
import { normalCdf } from "../../src/detect/distributions.js";
import { createDetector } from "../../src/detect/index.js";
import { simulateTrace } from "../../src/sim/index.js";
import { suite, type SuiteName } from "../../src/sim/suite.js";
import { chunked } from "../../src/trace.js";

const LEVELS = [3, 4, 4.5, 5];

interface Internals {
  ring: { mask: number; good: Uint8Array; residual: Float64Array };
  setup: { widths: number[]; strict: number[] };
  scaledSigma: Float64Array;
  triggersAndEvents(from: number, to: number, sigma1: number): void;
}

/** per processed block: its samples and each width's sigma (per sample) and strict k */
interface BlockSeen {
  from: number;
  to: number;
  sigma: number[];
  k: number[];
}

function parseArgs(argv: string[]): { seed: number; name: SuiteName; filter: RegExp; list: boolean } {
  const a = { seed: 1, name: "full" as SuiteName, filter: /^stable/, list: false };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    if (f === "--seed") a.seed = Number(argv[++i]);
    else if (f === "--quick") a.name = "quick";
    else if (f === "--filter") a.filter = new RegExp(argv[++i] ?? "");
    else if (f === "--list") a.list = true;
    else throw new Error(`unknown option ${f} (usage: tails.js [--seed N] [--quick] [--filter RE] [--list])`);
  }
  return a;
}

/** two-sided Gaussian tail beyond z */
const twoSidedTail = (z: number): number => 2 * (1 - normalCdf(z));

const args = parseArgs(process.argv.slice(2));
for (const c of suite(args.name, args.seed).filter((c) => args.filter.test(c.label))) {
  const tr = simulateTrace(c.spec);
  const n = tr.time_s.length;
  const residual = new Float64Array(n).fill(NaN);
  const blocks: BlockSeen[] = [];
  const det = createDetector();
  const proto = Object.getPrototypeOf(det) as Internals;
  const original = proto.triggersAndEvents;
  // pass 1 has just written the block's residuals into the ring: copy them before pass 2 reads them
  proto.triggersAndEvents = function (this: Internals, from: number, to: number, sigma1: number) {
    const { mask, good, residual: ring } = this.ring;
    for (let i = from; i < Math.min(to, n); i++) residual[i] = good[i & mask] ? ring[i & mask]! : NaN;
    blocks.push({ from, to, sigma: Array.from(this.scaledSigma), k: [...this.setup.strict] });
    original.call(this, from, to, sigma1);
  };
  let spikes = 0;
  try {
    for (const chunk of chunked(tr.time_s, tr.current_A, 65536, tr.flags)) det.push(chunk);
    spikes = det.finish().spikes.length;
  } finally {
    proto.triggersAndEvents = original;
  }
  process.stdout.write(`${c.label} (seed ${c.spec.seed}): ${spikes} spike(s)\n`);
  const widths = (det as unknown as Internals).setup.widths;
  widths.forEach((w, k) => {
    const over = LEVELS.map(() => 0);
    let beyondK = 0;
    let sums = 0;
    const where: string[] = [];
    for (const b of blocks) {
      const s = b.sigma[k]! * Math.sqrt(w);
      if (!(s > 0)) continue;
      for (let i = Math.max(b.from, w - 1); i < b.to; i++) {
        let sum = 0;
        let whole = true;
        for (let j = i - w + 1; j <= i && whole; j++) {
          const v = residual[j]!;
          if (Number.isFinite(v)) sum += v;
          else whole = false;
        }
        if (!whole) continue;
        sums++;
        const z = Math.abs(sum) / s;
        LEVELS.forEach((level, m) => { if (z > level) over[m]!++; });
        if (z > b.k[k]!) beyondK++;
        if (args.list && z > 4.5) where.push(`${tr.time_s[i]!.toFixed(2)} s ${sum < 0 ? "-" : "+"}${z.toFixed(1)}`);
      }
    }
    const cells = LEVELS.map((level, m) => `> ${level}: ${over[m]} (Gaussian ${twoSidedTail(level) * sums < 1 ? (twoSidedTail(level) * sums).toFixed(2) : Math.round(twoSidedTail(level) * sums)})`);
    process.stdout.write(`  width ${String(w).padStart(3)} (${sums} sums): ${cells.join(", ")}, beyond its k ${beyondK}\n`);
    if (where.length) process.stdout.write(`    beyond 4.5: ${where.join(", ")}\n`);
  });
}
