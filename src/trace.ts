// The one shape samples take between stages: chunks of typed arrays, never row objects.

/** Per-sample artefact bits. A flagged sample is kept out of detection (never a spike, never a short). */
export const SampleFlag = {
  /** NaN, empty cell, unparsable number */
  Missing: 1,
  /** overflow sentinel (±9.9e37, Inf) */
  Overflow: 2,
  /** instrument overload flag set, or value pinned at the range's full scale */
  Overload: 4,
  /** first sample after a current-range change: the noise floor may change here */
  RangeChange: 8,
  /** first sample after a time gap (dropout) or a time reset */
  Discontinuity: 16,
} as const;

/**
 * A run of consecutive samples. Arrays may be longer than `length` and may be reused by the
 * producer for the next chunk: a consumer copies whatever it keeps before asking for the next one.
 */
export interface Chunk {
  /** seconds on the file's own axis (absolute: seconds since the first sample is applied later) */
  time_s: Float64Array;
  /** amperes, signed as the instrument wrote them (after any mode-column sign repair) */
  current_A: Float64Array;
  /** SampleFlag bits; 0 = good sample */
  flags: Uint8Array;
  /** number of valid samples at the start of the arrays */
  length: number;
  /** the detector's summaries of the blocks these samples complete, when worked out beside the parser */
  blocks?: BlockSummaries;
}

/**
 * The detector's per-block summaries, computed on the parser's thread so that the detector's
 * thread need not (src/detect/blocksummary.ts): blocks first .. first + count - 1 of `block`
 * samples each, SUMMARY_FIELDS values per block. Optional: the detector computes the very same
 * values itself for any block it has none for.
 */
export interface BlockSummaries {
  block: number;
  first: number;
  count: number;
  values: Float64Array;
}

/** Build a chunk from plain arrays (tests, the simulator, the library face). */
export function chunkOf(time_s: ArrayLike<number>, current_A: ArrayLike<number>, flags?: ArrayLike<number>): Chunk {
  const n = current_A.length;
  if (time_s.length !== n) throw new Error(`time and current lengths differ (${time_s.length} vs ${n})`);
  return {
    time_s: Float64Array.from(time_s),
    current_A: Float64Array.from(current_A),
    flags: flags ? Uint8Array.from(flags) : new Uint8Array(n),
    length: n,
  };
}

/** Split arrays into chunks of `size` samples (tests use this to check chunk-size invariance). */
export function* chunked(time_s: Float64Array, current_A: Float64Array, size: number, flags?: Uint8Array): Generator<Chunk> {
  for (let i = 0; i < current_A.length; i += size) {
    const j = Math.min(current_A.length, i + size);
    yield {
      time_s: time_s.subarray(i, j),
      current_A: current_A.subarray(i, j),
      flags: flags ? flags.subarray(i, j) : new Uint8Array(j - i),
      length: j - i,
    };
  }
}
