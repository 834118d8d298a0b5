// The detector's WebAssembly kernel (src/detect/wasm/): its exports and the arrays it shares with the
// JS side. One instance per detector, over a memory sized once when the sample rate is known.
import { type ArrayCarver, carvedKernel } from "../wasm.js";

/** a global sample index as the kernel takes it: modulo 2^30, a multiple of every ring size and of 4096 */
export const kernelIndex = (i: number): number => i & 0x3fffffff;

interface Exports {
  rawLayout(t: number, x: number, f: number, mask: number, scratch: number, diffs: number, hi: number, lo: number, out: number, dist: number, kept: number): void;
  selectLayout(counts: number, buckets: number, pick: number, guess: number): void;
  ringLayout(mask: number, residual: number, time: number, good: number, current: number, state: number, sigma: number, flatRuns: number): void;
  mainsLayout(t0: number, bins0: number, line0: number, alpha0: number, t1: number, bins1: number, line1: number, alpha1: number): void;
  boxcarLayout(widths: number, count: number, sums: number, store: number, runs: number, block: number): void;
  positionsLayout(table: number, capacity: number): void;
  residualSettings(zeroMin_s: number): void;
  blockSummary(from: number, to: number): void;
  passOne(from: number, len: number, stepAt: number, b: number, bPrev: number, bNext: number, bAfter: number, mixed: number, floorRef: number, flatExcess: number, flatMin_s: number, clip: number): void;
  widthSigma(store: number, runs: number, stride: number, k: number, w: number, len: number, reach: number): number;
  triggerLayout(candidates: number, limPos: number, limNeg: number): void;
  triggerCandidates(from: number, len: number, sigma1: number): number;
  endZeroRun(i: number): void;
  quantum(): number;
  xMax(): number;
  xMin(): number;
  flatRuns(): number;
  zeroRuns(): number;
  zeroFirst(): number;
  zeroOpen(): number;
}

/** What the kernel's arrays are sized by (all known once the sample rate is). */
export interface KernelShape {
  /** raw look-ahead ring slots (a power of two) */
  raw: number;
  /** sample ring slots (a power of two) */
  ring: number;
  /** scratch doubles (>= block) */
  scratch: number;
  block: number;
  widths: number[];
  /** mains template bins per line */
  bins: [number, number];
}

type F64 = Float64Array<ArrayBuffer>;

export interface DetectKernel {
  exports: Exports;
  rawT: F64;
  rawX: F64;
  rawF: Uint8Array<ArrayBuffer>;
  scratch: F64;
  /** blockSummary's answer: [mixed, median, q1, q3, sigma, sigmaD, median dt] */
  summary: F64;
  ring: { residual: F64; sigma: F64; time: F64; good: Uint8Array<ArrayBuffer>; current: F64; dt: F64; state: Uint8Array<ArrayBuffer> };
  /** the mains templates, one per line */
  templates: [F64, F64];
  /** per block: the residual (width 1) and every boxcar sum, width-major; per sample the good run */
  sumStore: F64;
  runStore: Int32Array<ArrayBuffer>;
  /** start times of the flat runs found (kernel.exports.flatRuns() of them) */
  flatRunStarts: F64;
  /** triggerCandidates' answer per sample of the block: bit 1 = may fire +, bit 2 = may fire - */
  candidates: Uint8Array<ArrayBuffer>;
  /** the lowest trigger levels per width of the + and - finders, set before triggerCandidates */
  limPos: F64;
  limNeg: F64;
}

const MAX_FLAT_RUNS = 16;
/** the selection's bucket counts (wasm/select.ts: BUCKETS + 2) */
const BUCKET_COUNTS = 66;

/** The arrays the kernel works on, besides the ones the JS side reads (laid out by the *Layout exports). */
interface KernelScratch {
  diffs: F64; hi: F64; lo: F64; dist: F64; kept: F64;
  counts: Int32Array<ArrayBuffer>; buckets: Uint8Array<ArrayBuffer>; pick: F64; guess: F64;
  widths: Int32Array<ArrayBuffer>; sums: F64; positions: F64;
}

/** Every array of a kernel of this shape, in one fixed order (carvedKernel sizes the memory from it). */
function carve(heap: ArrayCarver, shape: KernelShape): { shared: Omit<DetectKernel, "exports">; own: KernelScratch } {
  const { raw, ring, scratch, block, widths, bins } = shape;
  const nw = widths.length;
  const most = Math.max(block, scratch);
  const shared = {
    rawT: heap.f64(raw),
    rawX: heap.f64(raw),
    rawF: heap.u8(raw),
    scratch: heap.f64(scratch),
    summary: heap.f64(7),
    ring: { residual: heap.f64(ring), sigma: heap.f64(ring), time: heap.f64(ring), good: heap.u8(ring), current: heap.f64(ring), dt: heap.f64(ring), state: heap.u8(ring) },
    templates: [heap.f64(bins[0]), heap.f64(bins[1])] as [F64, F64],
    sumStore: heap.f64(nw * block),
    runStore: heap.i32(block),
    flatRunStarts: heap.f64(MAX_FLAT_RUNS),
    candidates: heap.u8(block),
    limPos: heap.f64(nw),
    limNeg: heap.f64(nw),
  };
  const own: KernelScratch = {
    diffs: heap.f64(block), hi: heap.f64(block), lo: heap.f64(block), dist: heap.f64(block), kept: heap.f64(block),
    counts: heap.i32(BUCKET_COUNTS), buckets: heap.u8(most), pick: heap.f64(most), guess: heap.f64(16),
    widths: heap.i32(nw), sums: heap.f64(nw), positions: heap.f64(block),
  };
  return { shared, own };
}

export function detectKernel(shape: KernelShape): DetectKernel {
  const { raw, ring, block, widths } = shape;
  const { exports, arrays: { shared, own } } = carvedKernel<Exports, ReturnType<typeof carve>>("detect", (heap) => carve(heap, shape));
  const k: DetectKernel = { exports, ...shared };
  exports.rawLayout(
    k.rawT.byteOffset, k.rawX.byteOffset, k.rawF.byteOffset, raw - 1, k.scratch.byteOffset, own.diffs.byteOffset, own.hi.byteOffset,
    own.lo.byteOffset, k.summary.byteOffset, own.dist.byteOffset, own.kept.byteOffset,
  );
  exports.selectLayout(own.counts.byteOffset, own.buckets.byteOffset, own.pick.byteOffset, own.guess.byteOffset);
  const r = k.ring;
  exports.ringLayout(ring - 1, r.residual.byteOffset, r.time.byteOffset, r.good.byteOffset, r.current.byteOffset, r.state.byteOffset, r.sigma.byteOffset, k.flatRunStarts.byteOffset);
  own.widths.set(widths);
  exports.boxcarLayout(own.widths.byteOffset, widths.length, own.sums.byteOffset, k.sumStore.byteOffset, k.runStore.byteOffset, block);
  exports.positionsLayout(own.positions.byteOffset, block);
  exports.triggerLayout(k.candidates.byteOffset, k.limPos.byteOffset, k.limNeg.byteOffset);
  return k;
}

/**
 * Samples [k, end) of T, X, F into the kernel's raw ring, sample number nIn first (mask: ring size - 1):
 * native copies, two when the stretch wraps round the ring's end. Shared by the detector and the
 * block summariser beside the parser, which must see the same samples in the same slots.
 */
export function copyIntoRawRing(
  kernel: DetectKernel, mask: number, nIn: number, T: Float64Array, X: Float64Array, F: Uint8Array, k: number, end: number,
): void {
  const { rawT, rawX, rawF } = kernel;
  const slot = nIn & mask;
  const head = Math.min(end - k, mask + 1 - slot);
  rawT.set(T.subarray(k, k + head), slot);
  rawX.set(X.subarray(k, k + head), slot);
  rawF.set(F.subarray(k, k + head), slot);
  if (head < end - k) {
    rawT.set(T.subarray(k + head, end), 0);
    rawX.set(X.subarray(k + head, end), 0);
    rawF.set(F.subarray(k + head, end), 0);
  }
}
