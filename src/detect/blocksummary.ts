// Block summaries beside the parser: the per-block statistics the detector needs first (level,
// spreads, difference noise, time step) depend on the block's samples only, so a parse worker can
// compute them while the detector's thread works on earlier blocks (issue #5: two cores, one trace).
import type { ChunkCompanion } from "../parse/wire.js";
import type { BlockSummaries, Chunk } from "../trace.js";
import { blockLengthOf, HeldSamples } from "./blocklength.js";
import { copyIntoRawRing, type DetectKernel, detectKernel, kernelIndex } from "./kernel.js";
import { powerOfTwoAtLeast } from "./ring.js";

/** values per block: [mixed (1/0), median, trimmed sigma, first-difference sigma, median time step] */
export const SUMMARY_FIELDS = 5;

/** One block's summary from the kernel's answer (the same values whichever thread computes them). */
export function summaryOf(kernel: DetectKernel, from: number, to: number, out: Float64Array, at: number): void {
  kernel.exports.blockSummary(kernelIndex(from), kernelIndex(from) + (to - from));
  const s = kernel.summary;
  out[at] = s[0]!;
  out[at + 1] = s[1]!;
  out[at + 2] = s[4]!;
  out[at + 3] = s[5]!;
  out[at + 4] = s[6]!;
}

/**
 * Cuts the stream into the detector's blocks (the same length, from the same first samples) and
 * summarises each complete block; the last partial block is left to the detector.
 */
export class BlockSummariser implements ChunkCompanion {
  private pre: HeldSamples | null = new HeldSamples();
  private kernel: DetectKernel | null = null;
  private block = 0;
  private mask = 0;
  private nIn = 0;

  constructor(private readonly block_s: number) {}

  /**
   * The summaries of the blocks this chunk completes (none while the block length is not yet known).
   * `summarise` false: only follow the block cut (the detector then summarises these blocks itself).
   */
  push(chunk: Chunk, summarise = true): BlockSummaries | undefined {
    let k = 0;
    const pre = this.pre;
    let held = 0;
    if (pre) {
      k = pre.fill(chunk, 0);
      if (!pre.full) return undefined;
      this.configure(pre.t, pre.n);
      this.pre = null;
      held = pre.n;
    }
    const block = this.block;
    const first = Math.floor(this.nIn / block);
    const most = summarise ? Math.floor((this.nIn + held + chunk.length - k) / block) - first : 0;
    const out: BlockSummaries = { block, first, count: 0, values: new Float64Array(most * SUMMARY_FIELDS) };
    if (pre) this.ingest(pre.t, pre.x, pre.f, 0, held, summarise ? out : null);
    this.ingest(chunk.time_s, chunk.current_A, chunk.flags, k, chunk.length, summarise ? out : null);
    return out.count > 0 ? out : undefined;
  }

  private configure(t: Float64Array, n: number): void {
    this.block = blockLengthOf(t, n, this.block_s).block;
    const raw = powerOfTwoAtLeast(this.block);
    this.mask = raw - 1;
    this.kernel = detectKernel({ raw, ring: 16, scratch: this.block, block: this.block, widths: [1], bins: [1, 1] });
  }

  /**
   * Samples [k, n) into the ring a block at a time (native copies), each block summarised into
   * `out` as its last sample arrives; with no `out` only the open block's samples are kept (it may
   * end in the next chunk, which may be summarised).
   */
  private ingest(T: Float64Array, X: Float64Array, F: Uint8Array, k: number, n: number, out: BlockSummaries | null): void {
    const kernel = this.kernel!;
    const block = this.block;
    let nIn = this.nIn;
    if (!out) {
      // not summarising: only the block still open at the end may be summarised later (when a later
      // chunk completes it), and it needs only its own samples; the complete blocks are skipped
      const after = nIn + (n - k);
      const open = after - (after % block);
      if (open > nIn) {
        k += open - nIn;
        nIn = open;
      }
    }
    while (k < n) {
      const end = Math.min(n, k + block - (nIn % block));
      copyIntoRawRing(kernel, this.mask, nIn, T, X, F, k, end);
      nIn += end - k;
      k = end;
      if (out && nIn % block === 0) summaryOf(kernel, nIn - block, nIn, out.values, SUMMARY_FIELDS * out.count++);
    }
    this.nIn = nIn;
  }
}
