// The streaming detector: chunks in, one Detection out; bounded memory, identical results for any chunk cut.
import type { BlockSummaries, Chunk } from "../trace.js";
import type { HardShortInfo, Spike } from "../result.js";
import { BLOCK_HISTORY_CAP, BLOCK_LOG_CAP, BlockLog, type WholeLog } from "./blocks.js";
import { defaultBurstGap_s, groupBursts } from "./bursts.js";
import { FaintTrain } from "./faint.js";
import { FloorReference } from "./floor.js";
import { MainsCanceller, mainsBins } from "./mains.js";
import { OnsetFinder } from "./onset.js";
import { withoutShortDetection } from "./controlled.js";
import { DEFAULT_PARAMS, type DetectorParams } from "./params.js";
import { phasesOf } from "./phases.js";
import { powerOfTwoAtLeast, SampleRing } from "./ring.js";
import { ScaleNoise } from "./scalenoise.js";
import { ShortFinder } from "./shorts.js";
import { type RawSpike, SpikeFinder } from "./spikes.js";
import { SpikeStage } from "./spikestage.js";
import { medianInPlace, sortedInsert, sortedRemove } from "./stats.js";
import { defaultBoxcarWidths, fixedThresholds, scaleThresholds } from "./thresholds.js";
import type { Detection, Detector } from "./types.js";
import { copyIntoRawRing, type DetectKernel, detectKernel, kernelIndex } from "./kernel.js";
import { blockLengthOf, HeldSamples } from "./blocklength.js";
import { SUMMARY_FIELDS, summaryOf } from "./blocksummary.js";


/** fewer samples than this (a few 16-sample blocks) cannot give a noise floor worth a verdict */
const MIN_SAMPLES_FOR_A_FLOOR = 100;

/** a floor this many of its own sigmas from zero already conducts: its sign is the bias direction */
const CONDUCTING_SIGMA = 100;

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
    const m = B.mask;
    for (; this.lo < lo; this.lo++) if (this.counts(B, col, this.lo)) this.remove(col[this.lo & m]!);
    while (this.hi < hi) {
      this.hi++;
      if (this.counts(B, col, this.hi)) this.insert(col[this.hi & m]!);
    }
    const n = this.n;
    if (n === 0) return NaN;
    const s = this.s;
    const upper = s[n >> 1]!;
    const lower = n & 1 ? upper : s[(n >> 1) - 1]!;
    if (upper === 0 || lower === 0) {
      let c = 0;
      for (let q = lo; q <= hi; q++) if (this.counts(B, col, q)) scratch[c++] = col[q & m]!;
      return medianInPlace(scratch, c);
    }
    return n & 1 ? upper : (lower + upper) / 2;
  }

  private counts(B: BlockLog, col: Float64Array, q: number): boolean {
    const at = q & B.mask;
    return B.segment[at] === this.seg && !B.mixed[at] && Number.isFinite(col[at]!);
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

/** Sizes that are not detection parameters (not reported): tests shrink them to exercise long-trace paths on short traces. */
export interface DetectorInternals {
  /** blocks kept whole before the block log becomes a ring (a power of two >= 1024) */
  blockLogCap?: number;
  /** entries of the thinned history of blocks that left the ring */
  blockHistoryCap?: number;
}

export function createDetector(params: Partial<DetectorParams> = {}, internals: DetectorInternals = {}): Detector {
  return new StreamingDetector({ ...DEFAULT_PARAMS, ...params }, false, internals);
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
  private pre: HeldSamples | null;
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
  private readonly blocks: BlockLog;
  private wholeLog: { length: number; log: WholeLog } | null = null;
  private scratch = new Float64Array(0);
  /** the WebAssembly kernel that holds the raw ring and summarises its blocks */
  private kernel: DetectKernel | null = null;
  /** block summaries worked out beside the parser (Chunk.blocks), oldest first */
  private readonly handed: BlockSummaries[] = [];
  /** a block summary computed here (when none was handed over) */
  private readonly ownSummary = new Float64Array(SUMMARY_FIELDS);
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
  private scaleNoise: ScaleNoise | null = null;
  private mains: MainsCanceller | null = null;
  private scaledSigma = new Float64Array(0);
  /** the block extremes of the usable currents, from pass 1 to pass 2 */
  private xMax = -Infinity;
  private xMin = Infinity;
  private floor: FloorReference | null = null;
  private dirs: Direction[] = [];
  private rangeChanges = 0;

  constructor(
    p: DetectorParams,
    /** run every per-sample stage on every sample (see createExhaustiveDetector) */
    private readonly exhaustive: boolean,
    internals: DetectorInternals = {},
  ) {
    this.p = p;
    this.blocks = new BlockLog(internals.blockLogCap ?? BLOCK_LOG_CAP, internals.blockHistoryCap ?? BLOCK_HISTORY_CAP);
    this.pre = new HeldSamples();
  }

  push(chunk: Chunk): void {
    if (chunk.blocks) this.handed.push(chunk.blocks);
    let k = 0;
    const pre = this.pre;
    if (pre) {
      k = pre.fill(chunk, 0);
      if (!pre.full) return;
      this.configure();
    }
    this.ingest(chunk.time_s, chunk.current_A, chunk.flags, k, chunk.length);
  }

  /** Fix the sample-rate-dependent settings from the held samples, then replay them. */
  private configure(): void {
    const pre = this.pre!;
    this.pre = null;
    const p = this.p;
    const { dtNominal_s, block } = blockLengthOf(pre.t, pre.n, p.block_s);
    const rate_hz = 1 / dtNominal_s;
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
    const cap = powerOfTwoAtLeast((half + 4) * block);
    this.rawMask = cap - 1;
    const kernel = detectKernel({
      raw: cap,
      ring: powerOfTwoAtLeast(2 * (block + wmax + p.mergeGap_samples + 8)),
      scratch: Math.max(block, 2 * half + 1),
      block,
      widths,
      bins: mainsBins(rate_hz),
    });
    this.kernel = kernel;
    this.rawT = kernel.rawT;
    this.rawX = kernel.rawX;
    this.rawF = kernel.rawF;
    this.scratch = kernel.scratch;
    kernel.exports.residualSettings(Math.max(1, p.fuseMin_s));
    // the block log's ring must reach back over every running window (a few blocks; the cap is far more)
    this.blocks.atLeast(powerOfTwoAtLeast(4 * (half + 4)));
    this.winMedian = new BlockWindow(2 * half + 1);
    this.winSigma = new BlockWindow(2 * half + 1);
    this.winBefore = new BlockWindow(2 * half + 1);
    this.winAfter = new BlockWindow(2 * half + 1);
    this.ring = new SampleRing(kernel.ring);
    const store = kernel.sumStore.byteOffset;
    const runs = kernel.runStore.byteOffset;
    this.scaleNoise = new ScaleNoise(widths, block, (k, w, len, reach) => kernel.exports.widthSigma(store, runs, block, k, w, len, reach));
    const mains = new MainsCanceller(rate_hz, kernel.templates);
    this.mains = mains;
    kernel.exports.mainsLayout(
      kernel.templates[0].byteOffset, kernel.templates[0].length, mains.lines_hz[0], mains.alpha[0],
      kernel.templates[1].byteOffset, kernel.templates[1].length, mains.lines_hz[1], mains.alpha[1],
    );
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
   * block boundary is copied by native copies, then the block is summarised (the same order of
   * events as sample by sample: a block is completed right after its last sample arrives).
   */
  private ingest(T: Float64Array, X: Float64Array, F: Uint8Array, k: number, n: number): void {
    const block = this.setup!.block;
    const kernel = this.kernel!;
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
      copyIntoRawRing(kernel, this.rawMask, nIn, T, X, F, k, end);
      let tLast = NaN;
      for (let q = end - 1; q >= k; q--) {
        if (Number.isFinite(T[q]!)) {
          tLast = T[q]!;
          break;
        }
      }
      nIn += end - k;
      k = end;
      // the last finite time so far (this stretch may hold none)
      if (!Number.isNaN(tLast)) this.tLast = tLast;
      this.nIn = nIn;
      if (nIn % block === 0) this.completeBlock(nIn - block, nIn);
    }
  }

  /** Summarise samples [from, to) as one block, then run whatever its arrival makes computable. */
  private completeBlock(from: number, to: number): void {
    const s = this.setup!;
    // level, trimmed sigma, difference sigma and median step (blocksummary.ts): handed over with
    // the chunks when a parse worker computed them, else computed here (the same values)
    const index = this.blocks.length;
    const handed = this.handedSummary(index, to - from);
    let sum: Float64Array = this.ownSummary;
    let at = 0;
    if (handed) {
      sum = handed.values;
      at = (index - handed.first) * SUMMARY_FIELDS;
    } else summaryOf(this.kernel!, from, to, sum, 0);
    const mixed = sum[at] === 1;
    if (mixed) {
      this.segment++;
      this.rangeChanges++;
    }
    const k = this.blocks.add(sum[at + 1]!, sum[at + 2]!, sum[at + 3]!, sum[at + 4]!, this.rawT[from & this.rawMask]!, this.segment, mixed);
    if (k >= s.half) this.computeBaseline(k - s.half, k);
    if (k >= s.half + 1) this.processBlock(k - s.half - 1);
  }

  /** The handed-over summaries holding block `index` (a whole block of this detector's length), if any. */
  private handedSummary(index: number, len: number): BlockSummaries | null {
    const q = this.handed;
    while (q.length > 0 && q[0]!.first + q[0]!.count <= index) q.shift();
    const h = q[0];
    return h && h.first <= index && h.block === this.setup!.block && len === h.block ? h : null;
  }

  /** Centred running median of block medians (edge-preserving: steps stay steps, spikes vanish) and of block sigmas. */
  private computeBaseline(j: number, last: number): void {
    const B = this.blocks;
    const mask = B.mask;
    const at = j & mask;
    const before = (j - 1) & mask;
    const h = this.setup!.half;
    const seg = B.segment[at]!;
    const lo = Math.max(0, j - h);
    const hi = Math.min(last, j + h);
    // after a located level step only the blocks past it: a median window straddling the step
    // follows the tail of the other level for half a window (spikes for the wide boxcars); a step
    // at or before lo changes nothing (and its block may have left the log's ring)
    const sb = this.stepBlock;
    const loLevel = j > sb && sb + 1 > lo && B.segment[sb & mask] === seg ? sb + 1 : lo;
    const m = this.winMedian.median(B, B.median, seg, loLevel, hi, this.scratch);
    B.baseline[at] = Number.isNaN(m) ? (j > 0 ? B.baseline[before]! : NaN) : m;
    const sg = this.winSigma.median(B, B.sigma, seg, lo, hi, this.scratch);
    B.sigmaW[at] = Number.isNaN(sg) ? (j > 0 ? B.sigmaW[before]! : NaN) : sg;
    // one-sided medians: a noise change (an autorange step the file does not flag) shows as one
    // side being much noisier than the other
    B.sigmaBefore[at] = this.winBefore.median(B, B.sigmaD, seg, lo, j, this.scratch);
    B.sigmaAfter[at] = this.winAfter.median(B, B.sigmaD, seg, j, hi, this.scratch);
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
    const mask = B.mask;
    const at = j & mask;
    const atPrev = (j - 1) & mask;
    const atNext = (j + 1) & mask;
    const b = B.baseline[at]!;
    // the block after a located step starts at the new level (its predecessor straddles the step)
    const bPrev = j > 0 && j !== this.stepBlock + 1 && Number.isFinite(B.baseline[atPrev]!) ? B.baseline[atPrev]! : b;
    const bNext = j + 1 < B.length && Number.isFinite(B.baseline[atNext]!) ? B.baseline[atNext]! : b;
    const kernel = this.kernel!;
    const quantum = kernel.exports.quantum();
    const quantSigma = Number.isFinite(quantum) ? quantum / Math.sqrt(12) : 0;
    // not the block's own sigma: a wide spike inside the block would inflate it and cut the spike up
    let sigma = Math.max(Number.isFinite(B.sigmaW[at]!) ? B.sigmaW[at]! : 0, quantSigma);
    const mixed = B.mixed[at] === 1;
    const tStart = B.tStart[at]!;
    const tEnd = j + 1 < B.length ? B.tStart[atNext]! : this.tLast;
    const d0 = this.dirs[0]!;
    const d1 = this.dirs[1]!;
    const anyRun = d0.shorts.inRun || d1.shorts.inRun;
    floor.block(b, Math.max(B.sigmaW[at]!, quantSigma), tStart, B.segment[at]!, mixed, anyRun);
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
    // (only a block that exists: past the last one the column holds no baseline of it)
    const bAfter = stepAt >= 0 && stepAt < to && j + 1 < B.length && Number.isFinite(B.baseline[atNext]!) ? B.baseline[atNext]! : bNext;
    // pass 1, one sample at a time (wasm/pass1.ts): baseline, goodness and residual into the ring,
    // the block's current extremes, the quantisation step, flat and exact-zero runs; the mains
    // pickup out of the good samples' residuals, in sample order (the templates learn as they go);
    // the boxcar sums of every width
    const flatExcess = 10 * p.faradaicMax_A;
    kernel.exports.passOne(kernelIndex(from), to - from, stepAt >= 0 ? stepAt - from : -1, b, bPrev, bNext, bAfter, mixed ? 1 : 0, floorRef, flatExcess, p.hardShortMin_s, clip);
    this.xMax = kernel.exports.xMax();
    this.xMin = kernel.exports.xMin();
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
   * The per-width noise of block j (len samples) into this.scaledSigma; returns the width-1 sigma.
   * `skip`: the block does not teach the noise history (mixed range, no baseline).
   */
  private scaleSigmas(j: number, len: number, skip: boolean, sigma: number, quantSigma: number): number {
    const B = this.blocks;
    const nw = this.scaledSigma.length;
    const scaleNoise = this.scaleNoise!;
    const at = j & B.mask;
    scaleNoise.block(len, B.segment[at]!, skip, B.sigmaD[at]!);
    const scaleSigma = scaleNoise.sigma;
    // measured on the cleaned residual (mains removed); the block sigma (raw, mains included)
    // only stands in until the first measurement; never below the quantisation step
    // The per-width noise is learnt from the past; if the raw noise now or just ahead is larger than
    // what it was learnt against (an unflagged range change), scale it up by that ratio until the
    // history catches up.
    const after = B.sigmaAfter[at]!;
    const rawNow = Math.max(Number.isFinite(after) ? after : 0, Number.isFinite(B.sigmaBefore[at]!) ? B.sigmaBefore[at]! : 0);
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
   * where it provably does nothing (the kernel's triggerCandidates, SpikeStage.idleAt/idleFrom,
   * ShortFinder.quietFor).
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
    const kernel = this.kernel!;
    const store = kernel.sumStore;
    const runs = kernel.runStore;
    const stride = this.setup!.block;
    const xMax = this.xMax;
    const xMin = this.xMin;
    const all = this.exhaustive;
    // which samples can fire which direction (wasm/triggers.ts): trigger() does nothing on the others
    kernel.limPos.set(sp0.lowestLimits);
    kernel.limNeg.set(sp1.lowestLimits);
    const candidates = kernel.exports.triggerCandidates(kernelIndex(from), to - from, sigma1);
    const cand = kernel.candidates;
    // the onset swaps a finder's thresholds for the soft ladder mid-block: from then on, test every sample
    const thr0 = sp0.thresholds;
    const thr1 = sp1.thresholds;
    const step0 = all || !d0.shorts.quietFor(xMax, xMin);
    const step1 = all || !d1.shorts.quietFor(xMax, xMin);
    const delay = this.setup!.delay;
    if (!all && candidates === 0 && sp0.idleFrom(from - delay) && sp1.idleFrom(from - delay)) {
      this.quietBlock(from, to, step0, step1);
      return;
    }
    for (let i = from; i < to; i++) {
      const rs = i & mask;
      if (ringGood[rs]) {
        const o = i - from;
        const c = cand[o]!;
        if (all || (c & 1) !== 0 || sp0.thresholds !== thr0) sp0.trigger(i, store, o, stride, runs[o]!);
        if (all || (c & 2) !== 0 || sp1.thresholds !== thr1) sp1.trigger(i, store, o, stride, runs[o]!);
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
   * triggersAndEvents over a block where no sample can fire and both directions are idle from the
   * first delayed sample on (SpikeStage.idleFrom): nothing fires, so they stay idle, and what the
   * per-sample loop would do reduces to sealing at an artefact and the hard-short finders' steps.
   */
  private quietBlock(from: number, to: number, step0: boolean, step1: boolean): void {
    const [d0, d1] = this.dirs as [Direction, Direction];
    const ringGood = this.ring!.good;
    const mask = this.ring!.mask;
    const delay = this.setup!.delay;
    for (let sd = Math.max(0, from - delay); sd < to - delay; sd++) {
      if (!ringGood[sd & mask]) {
        d0.spikes.seal();
        d1.spikes.seal();
        break;
      }
    }
    if (step0) for (let i = from; i < to; i++) d0.shorts.step(i);
    if (step1) for (let i = from; i < to; i++) d1.shorts.step(i);
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
    const kx = this.kernel!.exports;
    if (kx.zeroOpen()) kx.endZeroRun(kernelIndex(this.nIn - 1));
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
    const ap = totalAmplitude(pos.spikes.spikes);
    const an = totalAmplitude(neg.spikes.spikes);
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
    const B = this.whole();
    const until = this.t0 + this.p.floorWindow_s;
    const a = new Float64Array(B.n);
    const b = new Float64Array(B.n);
    let n = 0;
    for (let k = 0; k < B.n && B.tStart[k]! < until; k++) {
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
    // below the Faradaic bound an excursion may be Li plating itself: never reported as a short
    // (plain loops: per-call arrows here were recompiled for every file of a batch, see quietMedian)
    const raw: RawSpike[] = [];
    let subFaradaic = 0;
    for (const sp of dir.spikes.spikes) {
      if (!(sp.peak_t < hardStart)) continue;
      if (sp.peak_A >= p.faradaicMax_A) raw.push(sp);
      else subFaradaic++;
    }
    let onset = dir.onset.confirmed && dir.onset.onset_t <= hardStart ? dir.onset.onset_t : NaN;
    if (hard && Number.isNaN(onset)) {
      // a hard short is the end of a soft short: date the onset from what announced it
      const step = dir.onset.stepUnderway(hardStart);
      const first = raw.length > 0 ? raw[0]!.start_t : Infinity;
      onset = Math.min(Number.isNaN(step) ? Infinity : step, first, hardStart);
    }
    const spikes: Spike[] = [];
    for (const sp of raw) spikes.push(spikeFrom(sp, t0));
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
    const kernel = this.kernel!;
    const flatRuns = Array.from(kernel.flatRunStarts.subarray(0, kernel.exports.flatRuns()));
    const zeroRuns = kernel.exports.zeroRuns();
    const flat = flatRuns.filter((t) => !hard || !hard.clipped || t < hard.start_t || t > hard.end_t);
    if (flat.length > 0) {
      warnings.push(
        `flat step at a constant current with (near) zero noise from t=${(flat[0]! - t0).toFixed(3)} s (instrument-controlled current?): not treated as a hard short`,
      );
    } else {
      // a smooth sustained level the short finder set aside must still be said (a silent 2 uA step reads as "stable")
      warnings.push(...dir.shorts.warnings.filter((w) => w.includes("instrument-controlled")));
    }
    if (zeroRuns > 0 && !warnings.some((w) => w.includes("exactly 0"))) {
      warnings.push(
        `${zeroRuns} run(s) of exactly 0 A after non-zero current, first at t=${(kernel.exports.zeroFirst() - t0).toFixed(3)} s (instrument output off or rest step?): not treated as a fuse`,
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

  /** Every block's end-of-trace columns (the log's own arrays until it wraps), made once per finish. */
  private whole(): WholeLog {
    if (!this.wholeLog || this.wholeLog.length !== this.blocks.length) this.wholeLog = { length: this.blocks.length, log: this.blocks.whole() };
    return this.wholeLog.log;
  }

  /** Reported floor: medians of the block sigmas and block medians before the first transition. */
  private quietNoise(until_t: number): { sigma: number; baseline: number } {
    const B = this.whole();
    let sigma = quietMedian(B, B.sigma, until_t, false);
    let baseline = quietMedian(B, B.median, until_t, false);
    if (Number.isNaN(sigma)) sigma = quietMedian(B, B.sigma, until_t, true);
    if (Number.isNaN(baseline)) baseline = quietMedian(B, B.median, until_t, true);
    return { sigma: Number.isFinite(sigma) ? sigma : 0, baseline: Number.isFinite(baseline) ? baseline : 0 };
  }

  /** Median excess of the block medians inside the short, null when no block lies wholly inside it. */
  private hardLevel(d: 1 | -1, start: number, end: number, floor: number): number | null {
    const B = this.whole();
    const a: number[] = [];
    for (let k = 0; k + 1 < B.n; k++) {
      if (B.tStart[k]! >= start && B.tStart[k + 1]! <= end && Number.isFinite(B.median[k]!)) a.push(d * (B.median[k]! - floor));
    }
    if (a.length === 0) return null;
    return medianInPlace(Float64Array.from(a), a.length);
  }

  private sampleRate(): number {
    const B = this.whole();
    const a = new Float64Array(B.n);
    let n = 0;
    for (let k = 0; k < B.n; k++) if (Number.isFinite(B.dt[k]!)) a[n++] = B.dt[k]!;
    const dt = medianInPlace(a, n);
    // time stamps printed with too few digits (CHI "4.650e+3": 1 s steps at 10 Hz, the rest duplicates)
    // make the median positive step far longer than the samples' real spacing; the span of whole
    // blocks is not fooled: it wins when the median step is more than 1.5x it
    const block = this.setup?.block ?? 0;
    let m = 0;
    // (consecutive blocks only: the thinned history's entries are further apart)
    for (let k = B.adjacentFrom; k + 1 < B.n; k++) {
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

// Helpers of the end-of-trace assembly, kept at module level: V8 keeps a closure's optimised code
// only while that closure object lives, so arrows created per call and run hot over every block or
// spike were compiled again for each file of a batch (issue #5: ~8 ms of compiler CPU per file for
// the quiet-noise medians alone).

/** Median of a block column over the unmixed blocks starting before until_t (all: over every block). */
function quietMedian(B: WholeLog, col: Float64Array, until_t: number, all: boolean): number {
  const a = new Float64Array(B.n);
  let n = 0;
  for (let k = 0; k < B.n; k++) {
    if (!all && !(B.tStart[k]! < until_t)) break;
    if (!B.mixed[k] && Number.isFinite(col[k]!)) a[n++] = col[k]!;
  }
  return medianInPlace(a, n);
}

function spikeFrom(sp: RawSpike, t0: number): Spike {
  return { start_s: sp.start_t - t0, peak_s: sp.peak_t - t0, end_s: sp.end_t - t0, peak_A: sp.peak_A, charge_C: sp.charge_C };
}

function totalAmplitude(spikes: readonly RawSpike[]): number {
  let acc = 0;
  for (const sp of spikes) acc += sp.peak_A;
  return acc;
}
