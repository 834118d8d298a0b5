// `node dist/test/bench/explain.js [--seed N] [--quick] [--filter RE]`: classifies every missed and every false spike of the eval suite (why, not only how many).
import { createDetector } from "../../src/detect/index.js";
import { SpikeFinder } from "../../src/detect/spikes.js";
import { OnsetFinder } from "../../src/detect/onset.js";
import { DEFAULT_PARAMS } from "../../src/detect/params.js";
import { defaultBoxcarWidths, scaleThresholds } from "../../src/detect/thresholds.js";
import { chunked } from "../../src/trace.js";
import { createSimulation, simulateTrace } from "../../src/sim/index.js";
import { suite, type SuiteName } from "../../src/sim/suite.js";
import { scoreTrace } from "../../src/sim/score.js";

// --- instrumentation: prototype wrappers record what the detector saw (analysis only) ---
interface Probe {
  /** per processed block: start time, width-1 sigma, per-width sigma */
  blockT: number[];
  sigma1: number[];
  scale: number[][];
  /** confirmation time (block start when the onset was confirmed) per direction */
  confirm: Map<number, number>;
  /** residual per sample index, direction +1 */
  residual: Float64Array;
  curT: number;
}
let probe: Probe | null = null;
type SF = { direction: number; ring: { residual: Float64Array; mask: number } };
const sfp = SpikeFinder.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const origSet = sfp["setSigmas"]!;
sfp["setSigmas"] = function (this: SF, scale: unknown, sigma1: unknown) {
  if (probe && this.direction === 1) {
    probe.blockT.push(probe.curT);
    probe.sigma1.push(sigma1 as number);
    probe.scale.push(Array.from(scale as Float64Array));
  }
  return origSet.call(this, scale, sigma1);
};
const origConsume = sfp["consume"]!;
sfp["consume"] = function (this: SF, s: unknown) {
  if (probe && this.direction === 1) {
    const i = s as number;
    if (i < probe.residual.length) probe.residual[i] = this.ring.residual[i & this.ring.mask]!;
  }
  return origConsume.call(this, s);
};
const ofp = OnsetFinder.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const origBlock = ofp["block"]!;
ofp["block"] = function (this: unknown, ...a: unknown[]) {
  if (probe) probe.curT = a[1] as number;
  return origBlock.apply(this, a);
};
const origConfirm = ofp["confirm"]!;
ofp["confirm"] = function (this: { direction: number }, ...a: unknown[]) {
  if (probe && !probe.confirm.has(this.direction)) probe.confirm.set(this.direction, probe.curT);
  return origConfirm.apply(this, a);
};

const args = process.argv.slice(2);
const seed = args.includes("--seed") ? Number(args[args.indexOf("--seed") + 1]) : 1;
const name: SuiteName = args.includes("--quick") ? "quick" : "full";
const filter = args.includes("--filter") ? new RegExp(args[args.indexOf("--filter") + 1]!) : null;
const verbose = args.includes("--verbose");

const count = new Map<string, number>();
const inc = (k: string, n = 1) => count.set(k, (count.get(k) ?? 0) + n);
const lowerBound = (a: ArrayLike<number>, x: number) => {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m]! < x) lo = m + 1;
    else hi = m;
  }
  return lo;
};

for (const c of suite(name, seed)) {
  if (filter && !filter.test(c.label)) continue;
  const tr = simulateTrace(c.spec);
  const plan = createSimulation(c.spec).plan;
  const n = tr.current_A.length;
  probe = { blockT: [], sigma1: [], scale: [], confirm: new Map(), residual: new Float64Array(n), curT: 0 };
  const det = createDetector();
  for (const ch of chunked(tr.time_s, tr.current_A, 65536, tr.flags)) det.push(ch);
  const d = det.finish();
  const P = probe;
  probe = null;
  const score = scoreTrace(tr.truth, d);
  const pol = tr.truth.polarity;
  const rate = c.spec.rate_hz;
  const widths = defaultBoxcarWidths(rate);
  const strict = scaleThresholds(rate, widths, DEFAULT_PARAMS.falseSpikesPerHour);
  const soft = scaleThresholds(rate, widths, DEFAULT_PARAMS.softFalseSpikesPerHour).map((k, i) => Math.min(k, strict[i]!));
  const t0 = tr.time_s[0]!;
  // soft thresholds reach back to the detected onset (the shadow finder), not only to the confirmation
  const confirmT = d.transitions.softShortOnset_s === null ? Infinity : d.transitions.softShortOnset_s + t0;
  const rateClass = rate <= 100 ? "<=100Hz" : rate <= 2000 ? "200Hz-2kHz" : ">=5kHz";
  const sigmaAt = (t: number) => {
    const k = Math.max(0, lowerBound(P.blockT, t + t0) - 1);
    return { s1: P.sigma1[k] ?? NaN, sc: P.scale[k] ?? [] };
  };
  /** best boxcar score (sum / (sigma_w sqrt w)) / threshold around [a, b] seconds, per threshold set */
  const snr = (a: number, b: number, thr: number[]) => {
    const i0 = lowerBound(tr.time_s, a + t0);
    const i1 = lowerBound(tr.time_s, b + t0);
    const { sc } = sigmaAt(a);
    let best = 0;
    let bestW = 1;
    for (let k = 0; k < widths.length; k++) {
      const w = widths[k]!;
      const sw = sc[k]!;
      for (let e = i0; e <= i1 + w - 1 && e < n; e++) {
        let s = 0;
        for (let q = Math.max(0, e - w + 1); q <= e; q++) s += pol * P.residual[q]!;
        const z = s / (sw * Math.sqrt(w)) / thr[k]!;
        if (z > best) {
          best = z;
          bestW = w;
        }
      }
    }
    return { ratio: best, w: bestW };
  };
  const ts = tr.truth.spikes;
  const tol = Math.max(2 / rate, 0.01);
  const matched = new Set(score.matching.pairs.map(([t]) => t));
  const onset = tr.truth.transitions.softShortOnset_s ?? Infinity;
  for (const t of score.matching.missedTruth) {
    const s = ts[t]!;
    const band = s.sigmaMultiple < 6 ? "3-6" : s.sigmaMultiple < 10 ? "6-10" : s.sigmaMultiple < 30 ? "10-30" : "30+";
    const { s1 } = sigmaAt(s.peak_s);
    const detMult = s.peak_A / s1;
    const beforeConfirm = s.peak_s + t0 < confirmT;
    const inside = d.spikes.some((x) => x.start_s - tol <= s.peak_s && s.peak_s <= x.end_s + tol);
    const near = d.spikes.some((x) => Math.abs(x.peak_s - s.peak_s) < 0.1);
    const prev = t > 0 ? s.start_s - ts[t - 1]!.end_s : Infinity;
    const next = t + 1 < ts.length ? ts[t + 1]!.start_s - s.end_s : Infinity;
    const crowded = Math.min(prev, next) < 0.1;
    const thr = beforeConfirm ? strict : soft;
    const z = snr(s.start_s - tol, s.end_s + tol, thr);
    const cls = inside ? "merged-into-detected-event" : near ? "detected-nearby-unmatched" : z.ratio >= 1 ? "above-threshold-not-reported" : "below-threshold";
    inc(`miss ${band}`);
    inc(`miss ${band} class ${cls}`);
    inc(`miss ${band} ${beforeConfirm ? "before-confirm(strict)" : "after-confirm(soft)"}`);
    inc(`miss ${band} shape ${s.shape}`);
    inc(`miss ${band} rate ${rateClass}`);
    if (crowded) inc(`miss ${band} crowded(<0.1s to a neighbour)`);
    inc(`miss ${band} detSigma ${detMult < 3 ? "<3" : detMult < 4 ? "3-4" : detMult < 5 ? "4-5" : detMult < 6 ? "5-6" : ">=6"}`);
    inc(`miss ${band} best score/threshold ${z.ratio < 0.6 ? "<0.6" : z.ratio < 0.8 ? "0.6-0.8" : z.ratio < 0.9 ? "0.8-0.9" : z.ratio < 1 ? "0.9-1" : ">=1"}`);
    const sinceOn = s.peak_s - onset;
    inc(`miss ${band} time since onset ${sinceOn < 10 ? "<10s" : sinceOn < 60 ? "10-60s" : ">=60s"}`);
    const softZ = snr(s.start_s - tol, s.end_s + tol, soft);
    if (beforeConfirm) inc(`miss ${band} before-confirm and soft score >= 1`, softZ.ratio >= 1 ? 1 : 0);
    if (verbose) process.stdout.write(`MISS ${c.spec.seed} ${rate}Hz ${s.shape} t=${s.peak_s.toFixed(3)} truth ${s.sigmaMultiple.toFixed(1)}s det ${detMult.toFixed(1)}s score ${z.ratio.toFixed(2)}@w${z.w} ${cls} ${beforeConfirm ? "strict" : "soft"}\n`);
  }
  // truth spikes' zones, for false positives
  const slotsArt = plan.artefactSlots.map((j) => j / rate);
  const gapEdges = tr.truth.artefacts.gaps.flatMap((g) => [g.start_s, g.end_s]);
  const rangeCh = tr.truth.artefacts.rangeChanges_s;
  for (const di of score.matching.falseDetections) {
    const x = d.spikes[di]!;
    let cls: string;
    const covering = ts.findIndex((s) => x.peak_s >= s.start_s - tol && x.peak_s <= s.end_s + tol);
    const tailOf = ts.findIndex((s) => x.peak_s >= s.start_s - 0.2 && x.peak_s <= s.end_s + 0.2);
    const nearArt = (list: number[], w: number) => list.some((u) => Math.abs(u - x.peak_s) < w);
    const onsetT = tr.truth.transitions.softShortOnset_s;
    if (onsetT !== null && Math.abs(x.peak_s - onsetT) < 0.5 && covering < 0) cls = "artefact: onset step edge (<0.5 s of the truth onset)";
    else if (covering >= 0) cls = matched.has(covering) ? "duplicate(split event in a truth spike)" : "on-unmatched-truth(?)";
    else if (tailOf >= 0) cls = matched.has(tailOf) ? "tail/edge fragment (<0.2 s of a matched truth)" : "near-missed-truth";
    else if (nearArt(rangeCh, 0.5)) cls = "artefact: range step";
    else if (nearArt(gapEdges, 0.5)) cls = "artefact: gap edge";
    else if (nearArt(slotsArt, 5 / rate)) cls = "artefact: NaN/overflow/dup row";
    else if (tr.truth.hardShort && Math.abs(x.peak_s - tr.truth.hardShort.start_s) < 1) cls = "artefact: hard-short edge";
    else cls = "pure noise";
    const phase = x.peak_s + t0 >= confirmT ? "soft-phase" : "strict";
    const z = snr(x.start_s - tol, x.end_s + tol, phase === "strict" ? strict : soft);
    inc(`fp ${cls}`);
    inc(`fp ${cls} ${phase}`);
    inc(`fp ${cls} rate ${rateClass}`);
    if (cls === "pure noise") inc(`fp pure noise trigger width w${z.w}`);
    if (verbose) process.stdout.write(`FP ${c.spec.seed} ${rate}Hz t=${x.peak_s.toFixed(3)} [${x.start_s.toFixed(3)},${x.end_s.toFixed(3)}] peak ${(x.peak_A / sigmaAt(x.peak_s).s1).toFixed(1)}s score ${z.ratio.toFixed(2)}@w${z.w} ${cls} ${phase} (${c.spec.spikeShape} ${c.spec.arrivals})\n`);
  }
  // amplitude context: median peak (detector sigma) of the previous 8 detected spikes, for detections the soft threshold alone admitted
  const fpSet = new Set(score.matching.falseDetections);
  d.spikes.forEach((x, i) => {
    if (x.peak_s + t0 < confirmT) return;
    const z = snr(x.start_s - tol, x.end_s + tol, strict);
    if (z.ratio >= 1) return;
    const prevPeaks = d.spikes.slice(Math.max(0, i - 8), i).map((y) => y.peak_A / sigmaAt(y.peak_s).s1).sort((a, b) => a - b);
    const ctx = prevPeaks.length ? prevPeaks[prevPeaks.length >> 1]! : 0;
    const bin = ctx < 6 ? "<6" : ctx < 10 ? "6-10" : ctx < 20 ? "10-20" : ctx < 40 ? "20-40" : ctx < 100 ? "40-100" : ">=100";
    inc(`soft-only detection ${fpSet.has(i) ? "FALSE" : "TRUE "} context median ${bin}`);
    const ratio = (x.peak_A / sigmaAt(x.peak_s).s1) / ctx;
    inc(`soft-only detection ${fpSet.has(i) ? "FALSE" : "TRUE "} peak/context ${ratio < 0.05 ? "<0.05" : ratio < 0.1 ? "0.05-0.1" : ratio < 0.2 ? "0.1-0.2" : ratio < 0.5 ? "0.2-0.5" : ">=0.5"}`);
  });
  {
    const med = (a: number[]) => (a.length ? a.sort((x, y) => x - y)[a.length >> 1]! : NaN);
    const sTruth = tr.truth.noise.sigma_A;
    const pre = P.sigma1.filter((_, k) => P.blockT[k]! - t0 < onset);
    const post = P.sigma1.filter((_, k) => P.blockT[k]! - t0 >= onset && P.blockT[k]! - t0 < (tr.truth.transitions.hardShort_s ?? Infinity));
    process.stdout.write(`SIGMA ${c.label}: detector sigma / truth sigma: quiet ${(med(pre) / sTruth).toFixed(2)}, soft phase ${(med(post) / sTruth).toFixed(2)}; misses ${score.falseNegatives} fp ${score.falsePositives}\n`);
  }
  // the cost of the strict phase: truth spikes before confirmation
  for (const s of ts) if (s.peak_s + t0 < confirmT) inc(`truth before confirm`);
  for (const [t] of score.matching.pairs) if (ts[t]!.peak_s + t0 < confirmT) inc(`truth before confirm found`);
  if (Number.isFinite(confirmT)) inc(`confirm delay s x1000 (sum)`, Math.round(1000 * (confirmT - t0 - onset)));
  process.stderr.write(".");
}
process.stderr.write("\n");
for (const k of [...count.keys()].sort()) process.stdout.write(`${k.padEnd(70)} ${count.get(k)}\n`);
