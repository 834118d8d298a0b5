// Block summaries worked out beside the parser (another thread in production) change nothing: the
// detector given them finds exactly what it finds computing them itself, whatever the chunk cut.
import { describe, expect, it } from "vitest";
import { BlockSummariser, SUMMARY_FIELDS } from "../../src/detect/blocksummary.js";
import { createDetector } from "../../src/detect/index.js";
import { DEFAULT_PARAMS } from "../../src/detect/params.js";
import { simulateTrace } from "../../src/sim/index.js";
import { chunked, SampleFlag, type Chunk } from "../../src/trace.js";
import { noiseTrace, type Crafted } from "./helpers.js";

const SIGMA = 0.5e-9;

/** `every`: summarise beside only every so many chunks (the parse worker does when the detector is busy) */
function detect(tr: Crafted, chunk: number, block_s?: number, every = 1) {
  const d = createDetector();
  const beside = block_s === undefined ? null : new BlockSummariser(block_s);
  let n = 0;
  for (const c of chunked(tr.time_s, tr.current_A, chunk, tr.flags)) {
    const blocks = beside?.push(c, n++ % every === 0);
    d.push(blocks ? { ...c, blocks } : c);
  }
  return d.finish();
}

describe("block summaries handed to the detector", () => {
  it("a soft-hard-fuse trace with nuisances: the same Detection with and without, for three chunk cuts", () => {
    const sim = simulateTrace({ scenario: "soft-hard-fuse", rate_hz: 2000, duration_s: 120, seed: 4, polarity: 1, mains_hz: 50, mainsAmp_A: 0.3e-9, drift_A: 2e-9, nanRate: 1e-4, autorange: true });
    const tr: Crafted = { time_s: sim.time_s, current_A: sim.current_A, flags: sim.flags ?? new Uint8Array(sim.current_A.length) };
    const own = detect(tr, 65536);
    expect(own.verdict).toBe("fuse");
    for (const chunk of [65536, 4096, 777]) expect(detect(tr, chunk, DEFAULT_PARAMS.block_s)).toEqual(own);
    // some chunks come without (blocks that straddle into them are still cut right)
    expect(detect(tr, 777, DEFAULT_PARAMS.block_s, 3)).toEqual(own);
  });

  it("range changes, flagged samples and a level step inside blocks", () => {
    const tr = noiseTrace(60_000, 1000, SIGMA, 21);
    for (let i = 30_000; i < 60_000; i++) tr.current_A[i]! += 40 * SIGMA;
    tr.flags[12_345] = SampleFlag.RangeChange;
    tr.flags[22_222] = SampleFlag.Missing;
    tr.current_A[22_222] = NaN;
    const own = detect(tr, 65536);
    expect(detect(tr, 1000, DEFAULT_PARAMS.block_s)).toEqual(own);
  });

  it("summarises every whole block and nothing else, in order", () => {
    const tr = noiseTrace(10_000, 1000, SIGMA, 3);
    const s = new BlockSummariser(DEFAULT_PARAMS.block_s);
    const got: { first: number; count: number }[] = [];
    for (const c of chunked(tr.time_s, tr.current_A, 3000, tr.flags)) {
      const b = s.push(c as Chunk);
      if (b) got.push({ first: b.first, count: b.count });
      if (b) expect(b.values.length).toBeGreaterThanOrEqual(b.count * SUMMARY_FIELDS);
    }
    // 25-sample blocks; nothing until the 4096 samples that fix the block length are in (chunk 2)
    expect(got).toEqual([{ first: 0, count: 240 }, { first: 240, count: 120 }, { first: 360, count: 40 }]);
  });

  it("are used, not recomputed: doubled sigmas handed over double the reported noise floor", () => {
    const tr = noiseTrace(20_000, 1000, SIGMA, 7);
    const d = createDetector();
    const beside = new BlockSummariser(DEFAULT_PARAMS.block_s);
    for (const c of chunked(tr.time_s, tr.current_A, 4096, tr.flags)) {
      const blocks = beside.push(c);
      if (blocks) for (let k = 0; k < blocks.count; k++) blocks.values[k * SUMMARY_FIELDS + 2]! *= 2;
      d.push(blocks ? { ...c, blocks } : c);
    }
    const own = detect(tr, 4096);
    expect(d.finish().noise.sigma_A / own.noise.sigma_A).toBeCloseTo(2, 1);
  });

  it("summaries for another block length are left unused (the detector computes its own)", () => {
    const tr = noiseTrace(20_000, 1000, SIGMA, 5);
    tr.current_A[15_000]! += 20 * SIGMA;
    expect(detect(tr, 4096, 0.05)).toEqual(detect(tr, 4096));
  });
});
