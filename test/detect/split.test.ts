// Two faint pulses a few samples apart: a second pulse after a stretch back at the baseline is its own spike, not a tail.
import { describe, expect, it } from "vitest";
import { detect, noiseTrace } from "./helpers.js";

const SIGMA = 0.5e-9;

/**
 * 1 kHz: pulse A (6 samples at 3.5 sigma, too faint for the width-1 threshold: found by the width-4
 * window) from 10.000 s, 4 samples at exactly 0 A, pulse B (6 samples at `b` sigma) from 10.010 s.
 * A flat top ending below 3 x the release level has no "abrupt end", so B starts inside A's tail
 * window and used to be joined to it as a tail fragment.
 */
function twoPulses(b: number) {
  const tr = noiseTrace(20_000, 1000, SIGMA, 17);
  for (let i = 0; i < 6; i++) tr.current_A[10_000 + i] = 3.5 * SIGMA;
  for (let i = 6; i < 10; i++) tr.current_A[10_000 + i] = 0;
  for (let i = 10; i < 16; i++) tr.current_A[10_000 + i] = b * SIGMA;
  return tr;
}

const spans = (tr: ReturnType<typeof twoPulses>, params = {}) =>
  detect(tr, params).spikes.filter((s) => s.start_s > 9.9 && s.start_s < 10.1).map((s) => [s.start_s, s.end_s]);

describe("a second pulse after a return to the baseline", () => {
  it("is a spike of its own when it rises to splitRise_sigma (4)", () => {
    expect(spans(twoPulses(5.5))).toEqual([
      [10, 10.005],
      [10.01, 10.015],
    ]);
  });
  it("stays joined when it does not rise that far (a flat top's or a tail's noise)", () => {
    expect(spans(twoPulses(3.5))).toEqual([[10, 10.015]]);
  });
  it("stays joined with splitDip_samples 0 (the tail window alone decides)", () => {
    expect(spans(twoPulses(5.5), { splitDip_samples: 0 })).toEqual([[10, 10.015]]);
  });
  it("stays joined when the stretch between is shorter than splitDip_samples", () => {
    expect(spans(twoPulses(5.5), { splitDip_samples: 5 })).toEqual([[10, 10.015]]);
  });
});
