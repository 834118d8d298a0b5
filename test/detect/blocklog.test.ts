// The block log in bounded memory: every block kept up to the cap, then a ring of the latest blocks
// plus a thinned history of the older ones; and a detector over a trace longer than its ring.
import { describe, expect, it } from "vitest";
import { BlockLog } from "../../src/detect/blocks.js";
import { createDetector } from "../../src/detect/index.js";
import { simulateTrace } from "../../src/sim/index.js";
import type { SimSpec } from "../../src/sim/types.js";
import { chunked } from "../../src/trace.js";

/** block k: median k, sigma 2k, tStart k/10 s, dt 0.001, mixed every 7th; baseline set as a detector would */
function fill(B: BlockLog, n: number): void {
  for (let k = 0; k < n; k++) {
    B.add(k, 2 * k, 3 * k, 0.001, k / 10, 0, k % 7 === 0);
    B.baseline[k & B.mask] = k + 0.5;
    B.sigmaW[k & B.mask] = 2 * k + 0.5;
  }
}

describe("block log", () => {
  it("holds every block, at its own index, up to the cap", () => {
    const B = new BlockLog(1024, 64);
    fill(B, 1024);
    expect(B.oldest).toBe(0);
    expect(B.history.n).toBe(0);
    expect(B.median[1023]).toBe(1023);
    const w = B.whole();
    expect(w.n).toBe(1024);
    expect(w.median).toBe(B.median);
    expect(w.adjacentFrom).toBe(0);
  });

  it("past the cap a new block takes the slot of the one cap blocks older, which moves to the history", () => {
    const B = new BlockLog(1024, 1 << 12);
    fill(B, 1500);
    expect(B.median.length).toBe(1024);
    expect(B.oldest).toBe(476);
    expect(B.median[1499 & B.mask]).toBe(1499);
    expect(B.median[476 & B.mask]).toBe(476);
    expect(B.history.n).toBe(476);
    expect(B.history.stride).toBe(1);
    const w = B.whole();
    expect(w.n).toBe(1500);
    // nothing thinned yet: every block is there, all consecutive
    expect(w.adjacentFrom).toBe(0);
    expect(Array.from(w.median)).toEqual(Array.from({ length: 1500 }, (_, k) => k));
    expect(Array.from(w.baseline.subarray(470, 480))).toEqual([470, 471, 472, 473, 474, 475, 476, 477, 478, 479].map((k) => k + 0.5));
    expect(w.mixed[476 + 1]).toBe(0);
    expect(w.mixed[476]).toBe(476 % 7 === 0 ? 1 : 0);
  });

  it("the history thins to every other block, then keeps only multiples of the doubled stride", () => {
    const B = new BlockLog(1024, 8);
    fill(B, 1024 + 20);
    // 20 retired (blocks 0..19): 0..7 kept, at 8 thinned to 0,2,4,6 then 8..14 even, at 16 thinned to 0,4,8,12 then 16
    expect(B.history.stride).toBe(4);
    expect(Array.from(B.history.median.subarray(0, B.history.n))).toEqual([0, 4, 8, 12, 16]);
    const w = B.whole();
    expect(w.n).toBe(5 + 1024);
    expect(w.adjacentFrom).toBe(5);
    expect(w.median[5]).toBe(20);
    expect(w.tStart[4]).toBeCloseTo(1.6, 12);
  });

  it("memory stops growing at the cap: a million blocks in 1024 + 64 entries", () => {
    const B = new BlockLog(1024, 64);
    fill(B, 1_000_000);
    expect(B.median.length).toBe(1024);
    expect(B.history.tStart.length).toBe(64);
    expect(B.history.n).toBeLessThanOrEqual(64);
    expect(B.whole().n).toBe(B.history.n + 1024);
  });

  it("refuses a cap that is not a power of two of at least 1024", () => {
    expect(() => new BlockLog(1000)).toThrow(/power of two >= 1024/);
    expect(() => new BlockLog(512)).toThrow(/power of two >= 1024/);
  });
});

describe("detector over a trace longer than its block ring", () => {
  // 600 s at 1 kHz: 24,000 blocks of 25 ms; a ring of 1024 blocks (25.6 s) and a 4096-entry history
  // (thinned to one block in 8): the defaults (2^17 and 2^16) thin nothing before 82 min of recording
  const t = simulateTrace({ scenario: "soft-hard-fuse", seed: 5, duration_s: 600, rate_hz: 1000 } as SimSpec);
  const run = (internals: { blockLogCap?: number; blockHistoryCap?: number }, chunk = 65536) => {
    const d = createDetector({}, internals);
    for (const c of chunked(t.time_s, t.current_A, chunk, t.flags)) d.push(c);
    return d.finish();
  };
  const whole = run({});
  const ringed = run({ blockLogCap: 1024, blockHistoryCap: 4096 });

  it("finds the same spikes, transitions and verdict (the running windows reach a few blocks back only)", () => {
    expect(whole.verdict).toBe("fuse");
    expect(ringed.verdict).toBe(whole.verdict);
    expect(ringed.spikes).toEqual(whole.spikes);
    expect(ringed.transitions).toEqual(whole.transitions);
    expect(ringed.sampleRate_hz).toBe(whole.sampleRate_hz);
  });

  // the quiet blocks before the onset are ~6,000; one in 8 of them is ~750 block sigmas, whose median
  // scatters by ~1 % (block sigmas of 25 samples scatter by ~15 %): a sample estimate, not the exact median
  it("reports the noise floor from the thinned history within 1.5 % (medians over a sample of the quiet blocks)", () => {
    expect(Math.abs(ringed.noise.sigma_A / whole.noise.sigma_A - 1)).toBeLessThan(0.015);
    expect(Math.abs(ringed.noise.baseline_A - whole.noise.baseline_A)).toBeLessThan(0.05 * whole.noise.sigma_A);
    if (whole.hardShort && ringed.hardShort) {
      expect(Math.abs(ringed.hardShort.level_A / whole.hardShort.level_A - 1)).toBeLessThan(0.02);
    }
  });

  it("until the history thins (it holds every block that left the ring) the Detection is the same to the last bit", () => {
    expect(run({ blockLogCap: 1024, blockHistoryCap: 1 << 16 })).toEqual(whole);
  });

  it("does not depend on the chunk size", () => {
    expect(run({ blockLogCap: 1024, blockHistoryCap: 4096 }, 997)).toEqual(ringed);
  });
});
