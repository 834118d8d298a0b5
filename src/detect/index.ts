// The streaming detector: chunks in, one Detection out; bounded memory, identical results for any chunk cut.
import { SampleFlag, type Chunk } from "../trace.js";
import type { HardShortInfo, Spike } from "../result.js";
import { BlockLog } from "./blocks.js";
import { defaultBurstGap_s, groupBursts } from "./bursts.js";
import { FaintTrain } from "./faint.js";
import { FloorReference } from "./floor.js";
import { MainsCanceller } from "./mains.js";
import { OnsetFinder } from "./onset.js";
import { withoutShortDetection } from "./controlled.js";
import { DEFAULT_PARAMS, type DetectorParams } from "./params.js";
import { phasesOf } from "./phases.js";
import { OVERLOAD, SampleRing, USABLE } from "./ring.js";
import { ScaleNoise } from "./scalenoise.js";
import { ShortFinder } from "./shorts.js";
import { SpikeFinder } from "./spikes.js";
import { SpikeStage } from "./spikestage.js";
import { trimmedSigmaInPlace, medianInPlace, selectInPlace, sortedInsert, sortedRemove } from "./stats.js";
import { defaultBoxcarWidths, fixedThresholds, scaleThresholds } from "./thresholds.js";
import type { Detection, Detector } from "./types.js";

/** samples held before the sample rate (hence block length, thresholds) is fixed */
const CONFIG_SAMPLES = 4096;
const UNUSABLE = SampleFlag.Missing | SampleFlag.Overflow;

/** fewer samples than this (a few 16-sample blocks) cannot give a noise floor worth a verdict */
const MIN_SAMPLES_FOR_A_FLOOR = 100;

/** a floor this many of its own sigmas from zero already conducts: its sign is the bias direction */
const CONDUCTING_SIGMA = 100;

/** first differences of samples beyond this many one-sided spreads of the median are left out of the raw noise (spikes) */
const SIDE_CUT = 3;

/**
 * Median of one block column over blocks [lo, hi] of one range segment (not mixed, finite values),
 * for a range that only moves forward: kept sorted, so a block costs an insert and a removal
 * instead of a copy and a selection per query. Same value as medianInPlace over the same blocks;
 * when a middle value is zero (whose sign the selection order decides) it asks medianInPlace.
 */
class BlockWindow {
  private readonly s: Float64Array;
  private n = 0;
  private lo = 0;
  private hi = -1;
  private seg = NaN;

  constructor(capacity: number) {
    this.s = new Float64Array(capacity);
  }

  median(B: BlockLog, col: Float64Array, seg: number, lo: number, hi: number, scratch: Float64Array): number {
    if (seg !== this.seg || lo < this.lo || hi < this.hi || lo > this.hi + 1) {
      this.n = 0;
      this.seg = seg;
      this.lo = lo;
      this.hi = lo - 1;
    }
    for (; this.lo < lo; this.lo++) if (this.counts(B, col, this.lo)) this.remove(col[this.lo]!);
    while (this.hi < hi) {
      this.hi++;
      if (this.counts(B, col, this.hi)) this.insert(col[this.hi]!);
    }
    const n = this.n;
    if (n === 0) return NaN;
    const s = this.s;
    const upper = s[n >> 1]!;
    const lower = n & 1 ? upper : s[(n >> 1) - 1]!;
    if (upper === 0 || lower === 0) {
      let m = 0;
      for (let q = lo; q <= hi; q++) if (this.counts(B, col, q)) scratch[m++] = col[q]!;
      return medianInPlace(scratch, m);
    }
    return n & 1 ? upper : (lower + upper) / 2;
  }

  private counts(B: BlockLog, col: Float64Array, q: number): boolean {
    return B.segment[q] === this.seg && !B.mixed[q] && Number.isFinite(col[q]!);
  }

  private insert(v: number): void {
    sortedInsert(this.s, this.n, v);
    this.n++;
  }

  private remove(v: number): void {
    sortedRemove(this.s, this.n, v);
    this.n--;
  }
}

export function createDetector(params: Partial<DetectorParams> = {}): Detector {
  return new StreamingDetector({ ...DEFAULT_PARAMS, ...params }, false);
}

/**
 * The same detector with the quiet-block skips off (every per-sample stage on every sample): the
 * reference the fast path is tested against (test/detect/fastpath.test.ts). Not for production.
 */
export function createExhaustiveDetector(params: Partial<DetectorParams> = {}): Detector {
  return new StreamingDetector({ ...DEFAULT_PARAMS, ...params }, true);
}

/** Everything one leakage direction finds; both directions run side by side until the polarity is chosen. */
interface Direction {
  d: 1 | -1;
  spikes: SpikeStage;
  shorts: ShortFinder;
  onset: OnsetFinder;
}

/** Values fixed from the first CONFIG_SAMPLES samples (a fixed count, so the chunk cut cannot change them). */
interface Setup {
  dtNominal_s: number;
  rate_hz: number;
  block: number;
  half: number;
  widths: number[];
  strict: number[];
  soft: number[];
  delay: number;
  dipSamples: number;
}

class StreamingDetector implements Detector {
  private readonly p: DetectorParams;
  private pre: { t: Float64Array; x: Float64Array; f: Uint8Array; n: number } | null;
  private setup: Setup | null = null;
  private t0 = NaN;
  private tLast = NaN;
  private count = 0;
  // raw look-ahead ring (blocks waiting for their centred baseline)
  private rawMask = 0;
  private rawT = new Float64Array(0);
  private rawX = new Float64Array(0);
  private rawF = new Uint8Array(0);
  private nIn = 0;
  private readonly blocks = new BlockLog();
  private scratch = new Float64Array(0);
  /** a block's first differences and, per difference, the larger and smaller of its two samples */
  private diffs = new Float64Array(0);
  /** the level and spreads of the block being completed (see levelAndSpreads) */
  private blockMedian = NaN;
  private blockQ1 = NaN;
  private blockQ3 = NaN;
  private blockSigma = NaN;
  private pairHi = new Float64Array(0);
  private pairLo = new Float64Array(0);
  // sliding windows of block columns for computeBaseline (the window only moves forward)
  private winMedian = new BlockWindow(1);
  private winSigma = new BlockWindow(1);
  private winBefore = new BlockWindow(1);
  private winAfter = new BlockWindow(1);
  private segment = 0;
  private baselinesDone = 0;
  /** the last block where a level step was located (the running median does not reach back across it) */
  private stepBlock = -Infinity;
  private blocksDone = 0;
  // per-sample stage
  private ring: SampleRing | null = null;
  private sums = new Float64Array(0);
  /** the boxcar widths as a typed array (hot loop) */
  private widthsA = new Float64Array(0);
  /** per width, the largest and smallest stored sum of the block being processed */
  private storeMax = new Float64Array(0);
  private storeMin = new Float64Array(0);
  /** per block: the residual (width 1) and every boxcar sum, width-major */
  private sumStore = new Float64Array(0);
  private runStore = new Int32Array(0);
  private scaleNoise: ScaleNoise | null = null;
  private mains: MainsCanceller | null = null;
  private scaledSigma = new Float64Array(0);
  /** the block extremes of the usable currents, from pass 1 to pass 2 */
  private xMax = -Infinity;
  private xMin = Infinity;
  private run = 0;
  private quantum = Infinity;
  private prevGoodX = NaN;
  private floor: FloorReference | null = null;
  private dirs: Direction[] = [];
  // exact-zero runs after real current (output off / rest step)
  private seenNonZero = false;
  private zeroStart = NaN;
  private zeroRuns = 0;
  private zeroFirst = NaN;
  private rangeChanges = 0;
  // flat runs at one exact non-zero value: their start times (a few are enough to warn)
  private flatValue = NaN;
  private flatStart = NaN;
  private readonly flatRuns: number[] = [];

  constructor(
    p: DetectorParams,
    /** run every per-sample stage on every sample (see createExhaustiveDetector) */
    private readonly exhaustive: boolean,
  ) {
    this.p = p;
    this.pre = { t: new Float64Array(CONFIG_SAMPLES), x: new Float64Array(CONFIG_SAMPLES), f: new Uint8Array(CONFIG_SAMPLES), n: 0 };
  }

  push(chunk: Chunk): void {
    const n = chunk.length;
    const T = chunk.time_s;
    const X = chunk.current_A;
    const F = chunk.flags;
    let k = 0;
    const pre = this.pre;
    if (pre) {
      while (k < n && pre.n < CONFIG_SAMPLES) {
        pre.t[pre.n] = T[k]!;
        pre.x[pre.n] = X[k]!;
        pre.f[pre.n] = F[k]!;
        pre.n++;
        k++;
      }
      if (pre.n < CONFIG_SAMPLES) return;
      this.configure();
    }
    this.ingest(T, X, F, k, n);
  }

  /** Fix the sample-rate-dependent settings from the held samples, then replay them. */
  private configure(): void {
    const pre = this.pre!;
    this.pre = null;
    const p = this.p;
    const dts = new Float64Array(Math.max(pre.n - 1, 0));
    let m = 0;
    for (let i = 1; i < pre.n; i++) {
      const dt = pre.t[i]! - pre.t[i - 1]!;
      if (dt > 0 && Number.isFinite(dt)) dts[m++] = dt;
    }
    const dtNominal_s = m > 0 ? medianInPlace(dts, m) : 1;
    const rate_hz = 1 / dtNominal_s;
    const block = Math.min(1 << 14, Math.max(16, Math.round(p.block_s / dtNominal_s)));
    const half = Math.max(3, Math.ceil(p.baselineWindow_s / 2 / (block * dtNominal_s)));
    const widths = p.boxcarWidths ?? defaultBoxcarWidths(rate_hz);
    const autoStrict = scaleThresholds(rate_hz, widths, p.falseSpikesPerHour);
    const strict = p.kSigma === null ? autoStrict : fixedThresholds(p.kSigma, autoStrict);
    const autoSoft = scaleThresholds(rate_hz, widths, p.softFalseSpikesPerHour);
    const softBase = p.kSigmaSoft === null ? autoSoft : fixedThresholds(p.kSigmaSoft, autoStrict);
    const soft = softBase.map((k, i) => Math.min(k, strict[i]!));
    const wmax = Math.max(...widths);
    const s: Setup = {
      dtNominal_s,
      rate_hz,
      block,
      half,
      widths,
      strict,
      soft,
      delay: wmax + 1,
      dipSamples: Math.max(2, Math.round(0.01 / dtNominal_s)),
    };
    this.setup = s;
    let cap = 1;
    while (cap < (half + 4) * block) cap <<= 1;
    this.rawMask = cap - 1;
    this.rawT = new Float64Array(cap);
    this.rawX = new Float64Array(cap);
    this.rawF = new Uint8Array(cap);
    this.scratch = new Float64Array(Math.max(block, 2 * half + 1));
    this.diffs = new Float64Array(block);
    this.pairHi = new Float64Array(block);
    this.pairLo = new Float64Array(block);
    this.winMedian = new BlockWindow(2 * half + 1);
    this.winSigma = new BlockWindow(2 * half + 1);
    this.winBefore = new BlockWindow(2 * half + 1);
    this.winAfter = new BlockWindow(2 * half + 1);
    this.ring = new SampleRing(2 * (block + wmax + p.mergeGap_samples + 8));
    this.sums = new Float64Array(widths.length);
    this.widthsA = Float64Array.from(widths);
    this.storeMax = new Float64Array(widths.length);
    this.storeMin = new Float64Array(widths.length);
    this.sumStore = new Float64Array(widths.length * block);
    this.runStore = new Int32Array(block);
    this.scaleNoise = new ScaleNoise(widths, block);
    this.mains = new MainsCanceller(rate_hz);
    this.scaledSigma = new Float64Array(widths.length);
    this.floor = new FloorReference(p.floorWindow_s, p.floorReacquire_s, block * dtNominal_s);
    const ring = this.ring;
    this.dirs = ([1, -1] as const).map((d) => {
      const finder = (thr: number[]) => new SpikeFinder(d, widths, thr, ring, p.kRelease, p.mergeGap_samples, p.minSpikeWidth_s, dtNominal_s, p.splitDip_samples, p.splitRise_sigma);
      // the onset is back-dated at most a rate window before the spike that confirms it (or to a step's start)
      const spikes = new SpikeStage(finder(strict), finder(soft), p.softLookback_s);
      const shorts = new ShortFinder(d, this.firstTime(pre), p.hardShortMin_s, p.fuseMin_s, s.dipSamples, () => spikes.count, ring, p.currentControlled);
      const onset = new OnsetFinder(d, p.onsetStep_sigma, p.onsetPersist_s, p.onsetRateWindow_s, this.blocks, p.faradaicMax_A);
      // after the onset: soft thresholds only while the recent spikes are faint
      const train = new FaintTrain(p.softFaintSpikes, p.softFaint_sigma);
      const softArr = Float64Array.from(soft);
      const strictArr = Float64Array.from(strict);
      let useSoft = true;
      const choose = () => {
        const want = train.faint;
        if (want !== useSoft) {
          useSoft = want;
          spikes.thresholds = want ? softArr : strictArr;
        }
      };
      spikes.onSpike = (sp) => {
        // an excursion a Faradaic current could carry is no evidence of an electronic short
        if (sp.peak_A < p.faradaicMax_A) return;
        const after = spikes.confirmed;
        onset.spike(sp.start_t, sp.peak_t);
        if (!after) return;
        train.add(sp.peak_sigma);
        choose();
      };
      onset.onConfirm = () => spikes.confirm(onset.onset_t);
      return { d, spikes, shorts, onset };
    });
    this.ingest(pre.t, pre.x, pre.f, 0, pre.n);
  }

  private firstTime(pre: { t: Float64Array; n: number }): number {
    for (let i = 0; i < pre.n; i++) if (Number.isFinite(pre.t[i]!)) return pre.t[i]!;
    return 0;
  }

  /**
   * Samples [k, n) of the arrays into the raw ring, a block at a time: each stretch up to the next
   * block boundary is copied in one tight loop, then the block is summarised (the same order of
   * events as sample by sample: a block is completed right after its last sample arrives).
   */
  private ingest(T: Float64Array, X: Float64Array, F: Uint8Array, k: number, n: number): void {
    const block = this.setup!.block;
    const mask = this.rawMask;
    const rawT = this.rawT;
    const rawX = this.rawX;
    const rawF = this.rawF;
    while (k < n) {
      let nIn = this.nIn;
      const end = Math.min(n, k + block - (nIn % block));
      this.count += end - k;
      if (Number.isNaN(this.t0)) {
        for (let q = k; q < end; q++) {
          if (Number.isFinite(T[q]!)) {
            this.t0 = T[q]!;
            break;
          }
        }
      }
      let tLast = NaN;
      for (; k < end; k++) {
        const t = T[k]!;
        const slot = nIn & mask;
        rawT[slot] = t;
        rawX[slot] = X[k]!;
        rawF[slot] = F[k]!;
        nIn++;
        if (Number.isFinite(t)) tLast = t;
      }
      // the last finite time so far (this stretch may hold none)
      if (!Number.isNaN(tLast)) this.tLast = tLast;
      this.nIn = nIn;
      if (nIn % block === 0) this.completeBlock(nIn - block, nIn);
    }
  }

  /** Summarise samples [from, to) as one block, then run whatever its arrival makes computable. */
  private completeBlock(from: number, to: number): void {
    const s = this.setup!;
    const mixed = this.levelAndSpreads(from, to);
    if (mixed) {
      this.segment++;
      this.rangeChanges++;
    }
    const med = this.blockMedian;
    const sigD = this.diffSigma(from, to, med, this.blockQ1, this.blockQ3);
    const dtMed = this.medianStep(from, to);
    const k = this.blocks.add(med, this.blockSigma, sigD, dtMed, this.rawT[from & this.rawMask]!, this.segment, mixed);
    if (k >= s.half) this.computeBaseline(k - s.half, k);
    if (k >= s.half + 1) this.processBlock(k - s.half - 1);
  }

  /**
   * The level and spreads of the good samples of [from, to): this.blockMedian, blockQ1, blockQ3
   * (quartiles) and blockSigma (trimmed), all NaN when fewer than a quarter are good. Returns
   * whether a sample of the block is flagged as a range change.
   */
  private levelAndSpreads(from: number, to: number): boolean {
    const a = this.scratch;
    const rawX = this.rawX;
    const rawF = this.rawF;
    const mask = this.rawMask;
    let n = 0;
    let mixed = false;
    for (let i = from; i < to; i++) {
      const slot = i & mask;
      const f = rawF[slot]!;
      if (f & SampleFlag.RangeChange) mixed = true;
      const x = rawX[slot]!;
      if (f === 0 && Number.isFinite(x)) a[n++] = x;
    }
    const med = n >= (to - from) / 4 ? medianInPlace(a, n) : NaN;
    // one-sided spreads (quartile - median): spikes go one way, so the other side stays clean
    this.blockMedian = med;
    this.blockQ1 = Number.isNaN(med) ? NaN : selectInPlace(a, n, Math.floor(0.25 * (n - 1)));
    this.blockQ3 = Number.isNaN(med) ? NaN : selectInPlace(a, n, Math.ceil(0.75 * (n - 1)));
    this.blockSigma = Number.isNaN(med) ? NaN : trimmedSigmaInPlace(a, n, med);
    return mixed;
  }

  /**
   * Noise of the first differences of neighbouring good samples of [from, to), once per leakage
   * direction, the smaller kept: the samples more than SIDE_CUT spreads of the opposite (spike-free)
   * side beyond the median are left out. A dense spike train (every few samples at 10-100 Hz) fills
   * the differences with edges and would pass for an unflagged range step; a range step widens both
   * sides. The differences are listed once, in sample order, each with the larger and the smaller of
   * its two samples; a pass keeps those whose pair stays on its side of the cut (for finite x and a
   * cut that is not NaN, d (x - cut) > 0 is exactly d x > d cut), in the same order as a scan of the
   * samples would, so the selection sees the same array.
   */
  private diffSigma(from: number, to: number, med: number, q1: number, q3: number): number {
    const a = this.scratch;
    const dxs = this.diffs;
    const pairHi = this.pairHi;
    const pairLo = this.pairLo;
    const rawX = this.rawX;
    const rawF = this.rawF;
    const mask = this.rawMask;
    let seen = 0;
    for (let i = from + 1; i < to; i++) {
      const s0 = (i - 1) & mask;
      const s1 = i & mask;
      if (rawF[s0] === 0 && rawF[s1] === 0) {
        const x0 = rawX[s0]!;
        const x1 = rawX[s1]!;
        const dx = x1 - x0;
        if (!Number.isFinite(dx)) continue;
        dxs[seen] = dx;
        pairHi[seen] = x0 > x1 ? x0 : x1;
        pairLo[seen] = x0 > x1 ? x1 : x0;
        seen++;
      }
    }
    let sigD = NaN;
    let keptAll = false;
    for (let pass = 0; pass < 2; pass++) {
      const d = pass === 0 ? 1 : -1;
      const spread = (d > 0 ? med - q1 : q3 - med) / 0.6745;
      const cut = Number.isFinite(spread) && spread > 0 ? med + d * SIDE_CUT * spread : d * Infinity;
      let nd = 0;
      if (d > 0) {
        for (let m = 0; m < seen; m++) if (pairHi[m]! <= cut) a[nd++] = dxs[m]!;
      } else {
        for (let m = 0; m < seen; m++) if (pairLo[m]! >= cut) a[nd++] = dxs[m]!;
      }
      // neither direction cut a difference: the same list gives the same sigma, skip the second selection
      if (pass === 1 && keptAll && nd === seen) break;
      keptAll = nd === seen;
      if (seen >= (to - from) / 4 && nd >= seen / 4) {
        const v = trimmedSigmaInPlace(a, nd, 0, false) / Math.SQRT2;
        if (!(v >= sigD)) sigD = v;
      }
    }
    return sigD;
  }

  /** The median time step of block [from, to): its first 32 steps say it as well as all of them. */
  private medianStep(from: number, to: number): number {
    const a = this.scratch;
    const rawT = this.rawT;
    const mask = this.rawMask;
    let m = 0;
    for (let i = from + 1; i < Math.min(to, from + 33); i++) {
      const dt = rawT[i & mask]! - rawT[(i - 1) & mask]!;
      if (dt > 0 && Number.isFinite(dt)) a[m++] = dt;
    }
    return m > 0 ? medianInPlace(a, m) : NaN;
  }

  /** Centred running median of block medians (edge-preserving: steps stay steps, spikes vanish) and of block sigmas. */
  private computeBaseline(j: number, last: number): void {
    const B = this.blocks;
    const h = this.setup!.half;
    const seg = B.segment[j]!;
    const lo = Math.max(0, j - h);
    const hi = Math.min(last, j + h);
    // after a located level step only the blocks past it: a median window straddling the step
    // follows the tail of the other level for half a window (spikes for the wide boxcars)
    const loLevel = j > this.stepBlock && B.segment[this.stepBlock] === seg ? Math.max(lo, this.stepBlock + 1) : lo;
    const m = this.winMedian.median(B, B.median, seg, loLevel, hi, this.scratch);
    B.baseline[j] = Number.isNaN(m) ? (j > 0 ? B.baseline[j - 1]! : NaN) : m;
    const sg = this.winSigma.median(B, B.sigma, seg, lo, hi, this.scratch);
    B.sigmaW[j] = Number.isNaN(sg) ? (j > 0 ? B.sigmaW[j - 1]! : NaN) : sg;
    // one-sided medians: a noise change (an autorange step the file does not flag) shows as one
    // side being much noisier than the other
    B.sigmaBefore[j] = this.winBefore.median(B, B.sigmaD, seg, lo, j, this.scratch);
    B.sigmaAfter[j] = this.winAfter.median(B, B.sigmaD, seg, j, hi, this.scratch);
    this.baselinesDone = j + 1;
  }

  /**
   * Run every per-sample stage over block j (its neighbours' baselines are known). Each pass is its
   * own method: one huge function took V8 ~160 ms per optimising compile and was recompiled on every
   * rare branch first met after optimisation (issue #5: each --jobs lane pays that warm-up again).
   */
  private processBlock(j: number): void {
    const s = this.setup!;
    const B = this.blocks;
    const p = this.p;
    const floor = this.floor!;
    const from = j * s.block;
    const to = Math.min(this.nIn, from + s.block);
    const b = B.baseline[j]!;
    // the block after a located step starts at the new level (its predecessor straddles the step)
    const bPrev = j > 0 && j !== this.stepBlock + 1 && Number.isFinite(B.baseline[j - 1]!) ? B.baseline[j - 1]! : b;
    const bNext = j + 1 < B.length && Number.isFinite(B.baseline[j + 1]!) ? B.baseline[j + 1]! : b;
    const quantSigma = Number.isFinite(this.quantum) ? this.quantum / Math.sqrt(12) : 0;
    // not the block's own sigma: a wide spike inside the block would inflate it and cut the spike up
    let sigma = Math.max(Number.isFinite(B.sigmaW[j]!) ? B.sigmaW[j]! : 0, quantSigma);
    const mixed = B.mixed[j] === 1;
    const tStart = B.tStart[j]!;
    const tEnd = j + 1 < B.length ? B.tStart[j + 1]! : this.tLast;
    const d0 = this.dirs[0]!;
    const d1 = this.dirs[1]!;
    const anyRun = d0.shorts.inRun || d1.shorts.inRun;
    floor.block(b, Math.max(B.sigmaW[j]!, quantSigma), tStart, B.segment[j]!, mixed, anyRun);
    const floorRef = floor.level;
    const floorSigma = Math.max(floor.sigma, quantSigma);
    d0.onset.block(j, tStart, tEnd, b, floorRef, floorSigma);
    d1.onset.block(j, tStart, tEnd, b, floorRef, floorSigma);
    const hardThr = Math.max(p.hardShort_sigma * floorSigma, 10 * p.faradaicMax_A);
    const band = p.fuseBand_sigma * floorSigma;
    d0.shorts.setLevels(floorRef, hardThr, band);
    d1.shorts.setLevels(floorRef, hardThr, band);
    if (!Number.isFinite(b)) sigma = 0;
    const scale0 = this.scaleNoise!.sigma[0]!;
    const clip = 3 * (Number.isFinite(scale0) && scale0 > 0 ? scale0 : sigma);
    const stepAt =
      j !== this.stepBlock + 1 && Math.abs(bNext - bPrev) > p.baselineStep_sigma * sigma && sigma > 0 ? this.stepSample(from, to, bPrev, bNext) : -1;
    // a split at the block's end: the step lies in the next block, which will locate it
    if (stepAt >= 0 && stepAt < to) this.stepLocated(j);
    // the level after the step: the next block's baseline, recomputed from the blocks past the step
    const bAfter = stepAt >= 0 && stepAt < to && Number.isFinite(B.baseline[j + 1]!) ? B.baseline[j + 1]! : bNext;
    this.residuals(from, to, stepAt, b, bPrev, bNext, bAfter, mixed, floorRef);
    // pass 1b: mains pickup out of the good samples' residuals, in sample order (the templates learn
    // as they go); one call per block, so no sample's doubles cross a call boundary
    const ring = this.ring!;
    this.mains!.cancelRange(ring.time, ring.residual, ring.good, from, to, ring.mask, clip);
    this.boxcarSums(from, to);
    const sigma1 = this.scaleSigmas(j, to - from, mixed || !Number.isFinite(b), sigma, quantSigma);
    this.triggersAndEvents(from, to, sigma1);
    this.blocksDone = j + 1;
  }

  /** A level step located in block j: the baselines past it already known (the next block's; all of them in finish()) are recomputed. */
  private stepLocated(j: number): void {
    this.stepBlock = j;
    const done = this.baselinesDone;
    for (let q = j + 1; q < done; q++) this.computeBaseline(q, this.blocks.length - 1);
    this.baselinesDone = done;
  }

  /**
   * Pass 1a: baseline, goodness and the raw residual x - baseline of each sample of [from, to) into
   * the ring; the block extremes of the usable currents (this.xMax, this.xMin) for the quiet-block
   * tests of pass 2; the quantisation step; flat and exact-zero runs.
   */
  private residuals(from: number, to: number, stepAt: number, b: number, bPrev: number, bNext: number, bAfter: number, mixed: boolean, floorRef: number): void {
    const ring = this.ring!;
    const mask = ring.mask;
    const rawMask = this.rawMask;
    const rawT = this.rawT;
    const rawX = this.rawX;
    const rawF = this.rawF;
    const residual = ring.residual;
    const ringTime = ring.time;
    const ringGood = ring.good;
    const len = to - from;
    const flatExcess = 10 * this.p.faradaicMax_A;
    const flatMin_s = this.p.hardShortMin_s;
    let xMax = -Infinity;
    let xMin = Infinity;
    // per-sample state in locals for the loop, written back after it
    let quantum = this.quantum;
    let prevGoodX = this.prevGoodX;
    for (let i = from; i < to; i++) {
      const slot = i & rawMask;
      const t = rawT[slot]!;
      const x = rawX[slot]!;
      const f = rawF[slot]!;
      // baseline: linear between block centres, so drift is followed inside a block; at a level
      // step, the old level up to the step sample and the new one after it
      let base: number;
      if (stepAt >= 0) base = i < stepAt ? bPrev : bAfter;
      else {
        const pos = (i - from + 0.5) / len - 0.5;
        base = pos < 0 ? b + pos * (b - bPrev) : b + pos * (bNext - b);
      }
      const good = f === 0 && !mixed && Number.isFinite(x) && Number.isFinite(t) && Number.isFinite(base);
      const rs = i & mask;
      residual[rs] = good ? x - base : 0;
      ringTime[rs] = t;
      ringGood[rs] = good ? 1 : 0;
      ring.current[rs] = x;
      const usable = Number.isFinite(x) && Number.isFinite(t) && (f & UNUSABLE) === 0;
      ring.state[rs] = (usable ? USABLE : 0) | ((f & SampleFlag.Overload) !== 0 ? OVERLOAD : 0);
      if (good) {
        if (x !== prevGoodX && Number.isFinite(prevGoodX)) {
          const q = Math.abs(x - prevGoodX);
          if (q < quantum) quantum = q;
        }
        prevGoodX = x;
      }
      if (usable) {
        if (x > xMax) xMax = x;
        if (x < xMin) xMin = x;
        // flat runs at exactly one non-zero value (instrument-controlled current) and exact-zero
        // runs after real current (output off / rest step); they read nothing pass 2 writes
        if (x !== 0) {
          if (x !== this.flatValue) {
            this.flatValue = x;
            this.flatStart = t;
          } else if (t - this.flatStart >= flatMin_s && Math.abs(x - floorRef) > flatExcess && this.flatRuns.length < 16) this.flatRun();
          this.seenNonZero = true;
          if (this.zeroStart === this.zeroStart) this.endZeroRun(i);
        } else if (this.seenNonZero && this.zeroStart !== this.zeroStart) this.zeroStart = t;
      }
    }
    this.quantum = quantum;
    this.prevGoodX = prevGoodX;
    this.xMax = xMax;
    this.xMin = xMin;
  }

  /** The current flat run has lasted long enough to warn: its start time, once. */
  private flatRun(): void {
    const runs = this.flatRuns;
    if (runs.length === 0 || runs[runs.length - 1] !== this.flatStart) runs.push(this.flatStart);
  }

  /**
   * Pass 1c: boxcar sums of the whole block [from, to), so each width's own noise can be measured,
   * with their block extremes (storeMax, storeMin). Run lengths and width 1 (the residual itself)
   * first, then each wider width on its own: its running sum stays in a register (the same
   * recurrence per width, in the same order).
   */
  private boxcarSums(from: number, to: number): void {
    const ring = this.ring!;
    const mask = ring.mask;
    const residual = ring.residual;
    const ringGood = ring.good;
    const store = this.sumStore;
    const runs = this.runStore;
    const hi = this.storeMax;
    const lo = this.storeMin;
    const widths = this.widthsA;
    const nw = widths.length;
    const stride = this.setup!.block;
    const sums = this.sums;
    let run = this.run;
    let hi0 = -Infinity;
    let lo0 = Infinity;
    for (let i = from; i < to; i++) {
      const rs = i & mask;
      const o = i - from;
      if (ringGood[rs]) {
        const r = residual[rs]!;
        run++;
        store[o] = r;
        if (r > hi0) hi0 = r;
        if (r < lo0) lo0 = r;
        runs[o] = run;
      } else {
        run = 0;
        runs[o] = 0;
      }
    }
    this.run = run;
    hi[0] = hi0;
    lo[0] = lo0;
    for (let w = 1; w < nw; w++) {
      const width = widths[w]!;
      const row = w * stride;
      let sum = sums[w]!;
      let hiW = -Infinity;
      let loW = Infinity;
      for (let i = from; i < to; i++) {
        const o = i - from;
        // good samples have run >= 1 (their run counts themselves)
        const rn = runs[o]!;
        if (rn > 0) {
          if ((i & 4095) === 0) {
            // exact re-sum now and then so rounding cannot accumulate over 1e9 samples
            let acc = 0;
            for (let q = 0; q < Math.min(width, rn); q++) acc += residual[(i - q) & mask]!;
            sum = acc;
          } else {
            sum = sum + residual[i & mask]! - (rn > width ? residual[(i - width) & mask]! : 0);
          }
          store[row + o] = sum;
          if (sum > hiW) hiW = sum;
          if (sum < loW) loW = sum;
        } else {
          sum = 0;
        }
      }
      sums[w] = sum;
      hi[w] = hiW;
      lo[w] = loW;
    }
  }

  /**
   * The per-width noise of block j (len samples) into this.scaledSigma; returns the width-1 sigma.
   * `skip`: the block does not teach the noise history (mixed range, no baseline).
   */
  private scaleSigmas(j: number, len: number, skip: boolean, sigma: number, quantSigma: number): number {
    const B = this.blocks;
    const nw = this.widthsA.length;
    const scaleNoise = this.scaleNoise!;
    scaleNoise.block(this.sumStore, this.runStore, len, B.segment[j]!, skip, B.sigmaD[j]!);
    const scaleSigma = scaleNoise.sigma;
    // measured on the cleaned residual (mains removed); the block sigma (raw, mains included)
    // only stands in until the first measurement; never below the quantisation step
    // The per-width noise is learnt from the past; if the raw noise now or just ahead is larger than
    // what it was learnt against (an unflagged range change), scale it up by that ratio until the
    // history catches up.
    const after = B.sigmaAfter[j]!;
    const rawNow = Math.max(Number.isFinite(after) ? after : 0, Number.isFinite(B.sigmaBefore[j]!) ? B.sigmaBefore[j]! : 0);
    const learnt = scaleNoise.rawMedian;
    // (a 50 % margin: ordinary scatter of the estimates must not raise the thresholds; ranges step by >= 2x)
    // (the ratio is formed on every block, used or not: a division met only on rare blocks gave
    // the optimised code no type feedback, and V8 bailed out of this function there again and again)
    const ratio = rawNow / learnt;
    const ahead = learnt > 0 && rawNow > 1.5 * learnt ? ratio : 1;
    const scaled = this.scaledSigma;
    for (let k = 0; k < nw; k++) scaled[k] = scaleSigma[k]! * ahead;
    if (!scaleNoise.warm) {
      // the first blocks of a trace or of a range segment: a few blocks of history are not a noise
      // estimate yet; the centred window of raw block sigmas (mains included: conservative) is
      for (let k = 0; k < nw; k++) scaled[k] = Math.max(scaled[k]!, sigma);
    }
    return scaled[0]! > 0 ? Math.max(scaled[0]!, quantSigma) : Math.max(sigma, Number.isFinite(after) ? after : 0);
  }

  /**
   * Pass 2 over [from, to): triggers, event assembly, shorts. Most blocks are quiet: no sum reaches
   * a trigger level, no event is open or pending, no hard-short run can start. Each stage is skipped
   * where it provably does nothing (see SpikeFinder.canFire/idleAt, ShortFinder.quietFor).
   */
  private triggersAndEvents(from: number, to: number, sigma1: number): void {
    const d0 = this.dirs[0]!;
    const d1 = this.dirs[1]!;
    const sp0 = d0.spikes;
    const sp1 = d1.spikes;
    const scaled = this.scaledSigma;
    sp0.setSigmas(scaled, sigma1);
    sp1.setSigmas(scaled, sigma1);
    const ring = this.ring!;
    const mask = ring.mask;
    const ringGood = ring.good;
    const ringSigma = ring.sigma;
    const store = this.sumStore;
    const runs = this.runStore;
    const stride = this.setup!.block;
    const hi = this.storeMax;
    const lo = this.storeMin;
    const xMax = this.xMax;
    const xMin = this.xMin;
    const all = this.exhaustive;
    const fire0 = all || sp0.canFire(hi, lo);
    const fire1 = all || sp1.canFire(hi, lo);
    // the onset swaps a finder's thresholds for the soft ladder mid-block: from then on, test every sample
    const thr0 = sp0.thresholds;
    const thr1 = sp1.thresholds;
    const step0 = all || !d0.shorts.quietFor(xMax, xMin);
    const step1 = all || !d1.shorts.quietFor(xMax, xMin);
    const delay = this.setup!.delay;
    for (let i = from; i < to; i++) {
      const rs = i & mask;
      ringSigma[rs] = sigma1;
      if (ringGood[rs]) {
        const o = i - from;
        if (fire0 || sp0.thresholds !== thr0) sp0.trigger(i, store, o, stride, runs[o]!);
        if (fire1 || sp1.thresholds !== thr1) sp1.trigger(i, store, o, stride, runs[o]!);
      }
      const sd = i - delay;
      if (sd >= 0) {
        if (all || !sp0.idleAt(sd) || !sp1.idleAt(sd)) {
          this.dtAt(sd, i);
          sp0.consume(sd);
          sp1.consume(sd);
        } else if (!ringGood[sd & mask]) {
          // what consume() does on an idle artefact sample (its dt is never read: not computed)
          sp0.seal();
          sp1.seal();
        }
      }
      if (step0) d0.shorts.step(i);
      if (step1) d1.shorts.step(i);
    }
  }

  /**
   * Where in samples [from, to) the level moves from `before` to `after`: the split that best
   * fits the two levels (least absolute deviation). A ramp drawn across a step would leave half
   * the step as residual on both sides, which the wide boxcars would take for spikes.
   */
  private stepSample(from: number, to: number, before: number, after: number): number {
    const mask = this.rawMask;
    // cost(m) = sum_{i<m} |x-before| + sum_{i>=m} |x-after|, minimised over m; start with m = from
    let cost = 0;
    for (let i = from; i < to; i++) {
      const x = this.rawX[i & mask]!;
      if (this.rawF[i & mask] === 0 && Number.isFinite(x)) cost += Math.abs(x - after);
    }
    let best = cost;
    let bestM = from;
    for (let i = from; i < to; i++) {
      const x = this.rawX[i & mask]!;
      if (this.rawF[i & mask] !== 0 || !Number.isFinite(x)) continue;
      cost += Math.abs(x - before) - Math.abs(x - after);
      if (cost < best) {
        best = cost;
        bestM = i + 1;
      }
    }
    return bestM;
  }

  /** Sample s's share of time into the ring: midpoint rule, each half clamped to [0, 5 dt] so a gap or a time reset adds nothing odd. */
  private dtAt(s: number, last: number): void {
    const ring = this.ring!;
    const mask = ring.mask;
    const cap = 5 * this.setup!.dtNominal_s;
    const t = ring.time[s & mask]!;
    let sum = 0;
    let n = 0;
    if (s > 0) {
      const l = t - ring.time[(s - 1) & mask]!;
      if (Number.isFinite(l)) {
        sum += Math.min(Math.max(l, 0), cap);
        n++;
      }
    }
    if (s < last) {
      const r = ring.time[(s + 1) & mask]! - t;
      if (Number.isFinite(r)) {
        sum += Math.min(Math.max(r, 0), cap);
        n++;
      }
    }
    ring.dt[s & mask] = n > 0 ? sum / n : this.setup!.dtNominal_s;
  }

  /** A run of exact zeros ended at sample i (in the ring). */
  private endZeroRun(i: number): void {
    const t = this.ring!.time[i & this.ring!.mask]!;
    if (t - this.zeroStart >= Math.max(1, this.p.fuseMin_s)) {
      if (this.zeroRuns === 0) this.zeroFirst = this.zeroStart;
      this.zeroRuns++;
    }
    this.zeroStart = NaN;
  }

  finish(options: { noShortDetection?: string } = {}): Detection {
    if (this.pre) {
      if (this.pre.n === 0) return this.empty();
      this.configure();
    }
    const s = this.setup!;
    if (this.nIn % s.block !== 0) this.completeBlock(this.nIn - (this.nIn % s.block), this.nIn);
    const last = this.blocks.length - 1;
    for (let j = this.baselinesDone; j <= last; j++) this.computeBaseline(j, last);
    for (let j = this.blocksDone; j <= last; j++) this.processBlock(j);
    for (let sd = Math.max(0, this.nIn - s.delay); sd < this.nIn; sd++) {
      this.dtAt(sd, this.nIn - 1);
      for (const dir of this.dirs) dir.spikes.consume(sd);
    }
    for (const dir of this.dirs) {
      dir.spikes.flush();
      dir.shorts.flush();
    }
    if (!Number.isNaN(this.zeroStart)) this.endZeroRun(this.nIn - 1);
    const d = this.assemble(this.choosePolarity());
    if (this.p.currentControlled) return withoutShortDetection(d);
    return options.noShortDetection ? withoutShortDetection(d, options.noShortDetection) : d;
  }

  /**
   * Leakage direction: forced, else the one with a hard short, else the one whose spikes carry more
   * amplitude (a soft short is hundreds of spikes one way; a level step's edge can leave a couple
   * the other way), else the earlier onset; + on a tie.
   */
  private choosePolarity(): Direction {
    const [pos, neg] = this.dirs as [Direction, Direction];
    if (this.p.polarity === 1) return pos;
    if (this.p.polarity === -1) return neg;
    const hp = pos.shorts.hard?.start_t ?? Infinity;
    const hn = neg.shorts.hard?.start_t ?? Infinity;
    if (hp !== hn) return hn < hp ? neg : pos;
    // a floor that already conducts (µA through a sensor, a leaky cell) shows the bias direction:
    // excursions towards zero are interruptions of that current, not leakage spikes
    const conducting = this.conductingFloorSign();
    if (conducting !== 0) return conducting > 0 ? pos : neg;
    const amplitude = (d: Direction) => d.spikes.spikes.reduce((acc, sp) => acc + sp.peak_A, 0);
    const ap = amplitude(pos);
    const an = amplitude(neg);
    if (ap !== an) return an > ap ? neg : pos;
    const op = Number.isNaN(pos.onset.onset_t) ? Infinity : pos.onset.onset_t;
    const on = Number.isNaN(neg.onset.onset_t) ? Infinity : neg.onset.onset_t;
    return on < op ? neg : pos;
  }

  /**
   * Sign of the floor over the first floorWindow_s when it is far from zero: at least
   * CONDUCTING_SIGMA block sigmas and 100x the Faradaic bound (10 nA by default); else 0.
   */
  private conductingFloorSign(): number {
    const B = this.blocks;
    const until = this.t0 + this.p.floorWindow_s;
    const a = new Float64Array(B.length);
    const b = new Float64Array(B.length);
    let n = 0;
    for (let k = 0; k < B.length && B.tStart[k]! < until; k++) {
      if (!Number.isFinite(B.baseline[k]!) || !Number.isFinite(B.sigmaW[k]!)) continue;
      a[n] = B.baseline[k]!;
      b[n++] = B.sigmaW[k]!;
    }
    if (n === 0) return 0;
    const level = medianInPlace(a, n);
    const sigma = medianInPlace(b, n);
    return Math.abs(level) >= Math.max(CONDUCTING_SIGMA * sigma, 100 * this.p.faradaicMax_A) ? Math.sign(level) : 0;
  }

  private assemble(dir: Direction): Detection {
    const s = this.setup!;
    const p = this.p;
    const t0 = this.t0;
    const hard = dir.shorts.hard;
    const hardStart = hard ? hard.start_t : Infinity;
    const beforeHard = dir.spikes.spikes.filter((sp) => sp.peak_t < hardStart);
    // below the Faradaic bound an excursion may be Li plating itself: never reported as a short
    const raw = beforeHard.filter((sp) => sp.peak_A >= p.faradaicMax_A);
    const subFaradaic = beforeHard.length - raw.length;
    let onset = dir.onset.confirmed && dir.onset.onset_t <= hardStart ? dir.onset.onset_t : NaN;
    if (hard && Number.isNaN(onset)) {
      // a hard short is the end of a soft short: date the onset from what announced it
      const step = dir.onset.stepUnderway(hardStart);
      const first = raw.length > 0 ? raw[0]!.start_t : Infinity;
      onset = Math.min(Number.isNaN(step) ? Infinity : step, first, hardStart);
    }
    const spikes: Spike[] = raw.map((sp) => ({
      start_s: sp.start_t - t0,
      peak_s: sp.peak_t - t0,
      end_s: sp.end_t - t0,
      peak_A: sp.peak_A,
      charge_C: sp.charge_C,
    }));
    const duration_s = this.tLast - t0;
    const transitions = {
      softShortOnset_s: Number.isNaN(onset) ? null : onset - t0,
      hardShort_s: hard ? hard.start_t - t0 : null,
      fuse_s: hard && dir.shorts.fuse ? dir.shorts.fuse.time_t - t0 : null,
    };
    const { phases, verdict } = phasesOf(transitions, duration_s);
    const quietEnd = Number.isNaN(onset) ? hardStart : onset;
    const noise = this.quietNoise(quietEnd);
    const kSigma = s.strict[0]!;
    const burstGap_s = p.burstGap_s ?? defaultBurstGap_s(spikes);
    const warnings: string[] = dir.shorts.warnings.filter((w) => !w.includes("instrument-controlled"));
    if (subFaradaic > 0) {
      warnings.push(
        `${subFaradaic} excursion(s) above the noise threshold but below the Faradaic bound (${(p.faradaicMax_A * 1e12).toFixed(0)} pA) ` +
          "not reported as spikes: a Faradaic current could carry them",
      );
    }
    const flat = this.flatRuns.filter((t) => !hard || !hard.clipped || t < hard.start_t || t > hard.end_t);
    if (flat.length > 0) {
      warnings.push(
        `flat step at a constant current with (near) zero noise from t=${(flat[0]! - t0).toFixed(3)} s (instrument-controlled current?): not treated as a hard short`,
      );
    } else {
      // a smooth sustained level the short finder set aside must still be said (a silent 2 uA step reads as "stable")
      warnings.push(...dir.shorts.warnings.filter((w) => w.includes("instrument-controlled")));
    }
    if (this.zeroRuns > 0 && !warnings.some((w) => w.includes("exactly 0"))) {
      warnings.push(
        `${this.zeroRuns} run(s) of exactly 0 A after non-zero current, first at t=${(this.zeroFirst - t0).toFixed(3)} s (instrument output off or rest step?): not treated as a fuse`,
      );
    }
    const amps = this.mains!.amplitudes();
    this.mains!.lines_hz.forEach((f, k) => {
      // a template of pure noise has an RMS of ~sigma/20: five times that is a line
      if (amps[k]! > 0.25 * noise.sigma && noise.sigma > 0) {
        warnings.push(`${f} Hz mains pickup (${(amps[k]! * 1e9).toFixed(2)} nA rms) found and subtracted before spike detection`);
      }
    });
    if (this.rangeChanges > 0) warnings.push(`${this.rangeChanges} current-range change(s): noise floor estimated per range segment`);
    if (this.count < MIN_SAMPLES_FOR_A_FLOOR) {
      warnings.push(`only ${this.count} sample${this.count === 1 ? "" : "s"}: too few to measure a noise floor, so a stable verdict only means nothing could stand out`);
    }
    let hardShort: HardShortInfo | null = null;
    if (hard) {
      const end = dir.shorts.fuse ? Math.min(hard.end_t, dir.shorts.fuse.time_t) : hard.end_t;
      hardShort = {
        start_s: hard.start_t - t0,
        end_s: end - t0,
        duration_s: end - hard.start_t,
        level_A: this.hardLevel(dir.d, hard.start_t, end, hard.floor_A) ?? hard.meanExcess_A,
        clipped: hard.clipped,
      };
    }
    return {
      sampleCount: this.count,
      duration_s,
      sampleRate_hz: this.sampleRate(),
      t0_s: t0,
      polarity: dir.d,
      noise: { sigma_A: noise.sigma, baseline_A: noise.baseline, k_sigma: kSigma, threshold_A: kSigma * noise.sigma },
      verdict,
      transitions,
      phases,
      spikes,
      bursts: groupBursts(spikes, burstGap_s),
      hardShort,
      fuse: hard && dir.shorts.fuse ? { time_s: dir.shorts.fuse.time_t - t0, level_A: dir.shorts.fuse.level_A } : null,
      warnings,
      parameters: {
        ...p,
        kSigma,
        kSigmaSoft: s.soft[0]!,
        burstGap_s,
        boxcarWidths: [...s.widths],
        polarity: p.polarity,
      },
      extras: {},
    };
  }

  /** Reported floor: medians of the block sigmas and block medians before the first transition. */
  private quietNoise(until_t: number): { sigma: number; baseline: number } {
    const B = this.blocks;
    const pick = (col: Float64Array, all: boolean): number => {
      const a = new Float64Array(B.length);
      let n = 0;
      for (let k = 0; k < B.length; k++) {
        if (!all && !(B.tStart[k]! < until_t)) break;
        if (!B.mixed[k] && Number.isFinite(col[k]!)) a[n++] = col[k]!;
      }
      return medianInPlace(a, n);
    };
    let sigma = pick(B.sigma, false);
    let baseline = pick(B.median, false);
    if (Number.isNaN(sigma)) sigma = pick(B.sigma, true);
    if (Number.isNaN(baseline)) baseline = pick(B.median, true);
    return { sigma: Number.isFinite(sigma) ? sigma : 0, baseline: Number.isFinite(baseline) ? baseline : 0 };
  }

  /** Median excess of the block medians inside the short, null when no block lies wholly inside it. */
  private hardLevel(d: 1 | -1, start: number, end: number, floor: number): number | null {
    const B = this.blocks;
    const a: number[] = [];
    for (let k = 0; k + 1 < B.length; k++) {
      if (B.tStart[k]! >= start && B.tStart[k + 1]! <= end && Number.isFinite(B.median[k]!)) a.push(d * (B.median[k]! - floor));
    }
    if (a.length === 0) return null;
    return medianInPlace(Float64Array.from(a), a.length);
  }

  private sampleRate(): number {
    const B = this.blocks;
    const a = new Float64Array(B.length);
    let n = 0;
    for (let k = 0; k < B.length; k++) if (Number.isFinite(B.dt[k]!)) a[n++] = B.dt[k]!;
    const dt = medianInPlace(a, n);
    // time stamps printed with too few digits (CHI "4.650e+3": 1 s steps at 10 Hz, the rest duplicates)
    // make the median positive step far longer than the samples' real spacing; the span of whole
    // blocks is not fooled: it wins when the median step is more than 1.5x it
    const block = this.setup?.block ?? 0;
    let m = 0;
    for (let k = 0; k + 1 < B.length; k++) {
      const span = (B.tStart[k + 1]! - B.tStart[k]!) / block;
      if (span > 0 && Number.isFinite(span)) a[m++] = span;
    }
    const spanDt = m > 0 ? medianInPlace(a, m) : NaN;
    if (spanDt > 0 && dt > 1.5 * spanDt) return 1 / spanDt;
    return dt > 0 ? 1 / dt : 0;
  }

  private empty(): Detection {
    const p = this.p;
    return {
      sampleCount: 0,
      duration_s: 0,
      sampleRate_hz: 0,
      t0_s: 0,
      polarity: p.polarity ?? 1,
      noise: { sigma_A: 0, baseline_A: 0, k_sigma: p.kSigma ?? 0, threshold_A: 0 },
      verdict: "stable",
      transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null },
      phases: [{ phase: "quiescent", start_s: 0, end_s: 0 }],
      spikes: [],
      bursts: [],
      hardShort: null,
      fuse: null,
      warnings: ["no samples"],
      parameters: { ...p, kSigma: p.kSigma ?? 0, kSigmaSoft: p.kSigmaSoft ?? 0, burstGap_s: p.burstGap_s ?? 1, boxcarWidths: p.boxcarWidths ?? [1] },
      extras: {},
    };
  }
}
