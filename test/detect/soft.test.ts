// The soft-phase thresholds: back-dated to the onset (shadow finder) and only while the spike train is faint.
import { describe, expect, it } from "vitest";
import { FaintTrain } from "../../src/detect/faint.js";
import { detect, noiseTrace } from "./helpers.js";

const SIGMA = 0.5e-9;

describe("FaintTrain", () => {
  it("is faint with no spike, then judges the median of the last `count` peaks", () => {
    const f = new FaintTrain(3, 20);
    expect(f.faint).toBe(true);
    f.add(30);
    expect(f.faint).toBe(false); // median of [30]
    f.add(5);
    expect(f.faint).toBe(true); // median of [30, 5] = 17.5
    f.add(25);
    expect(f.faint).toBe(false); // median of [30, 5, 25] = 25
    f.add(4);
    f.add(6);
    expect(f.faint).toBe(true); // the 30 has left: median of [25, 4, 6] = 6
    f.add(Number.NaN);
    expect(f.faint).toBe(true); // ignored
  });
});

/**
 * 1 kHz: strict width-1 threshold 6.06 sigma, soft 4.91 sigma (60 noise spikes per hour).
 * Spike samples are set to exact values over a 0 A baseline. A 12-sigma spike at 100 s starts the soft short; 5.5-sigma spikes (between the two thresholds)
 * follow at 101-104 s; a second 12-sigma spike at 110 s confirms the onset (two in a minute).
 */
function softShortTrace(later: number) {
  const tr = noiseTrace(140_000, 1000, SIGMA, 31);
  tr.current_A[100_000] = 12 * SIGMA;
  for (const t of [101, 102, 103, 104]) tr.current_A[t * 1000] = 5.5 * SIGMA;
  tr.current_A[110_000] = 12 * SIGMA;
  tr.current_A[120_000] = later * SIGMA;
  tr.current_A[130_000] = later * SIGMA;
  return tr;
}

describe("soft-phase thresholds", () => {
  it("reach back to the onset: faint spikes between the onset and its confirmation are found", () => {
    const d = detect(softShortTrace(12));
    expect(d.transitions.softShortOnset_s).toBe(100);
    expect(d.spikes.map((s) => s.peak_s)).toEqual([100, 101, 102, 103, 104, 110, 120, 130]);
    // without the look-back the strict thresholds held until the confirmation at 110 s
    const before = detect(softShortTrace(12), { softLookback_s: 0 });
    expect(before.spikes.map((s) => s.peak_s)).toEqual([100, 110, 120, 130]);
  });

  it("an onset never confirmed leaves the strict result alone", () => {
    const tr = noiseTrace(140_000, 1000, SIGMA, 31);
    tr.current_A[100_000] = 12 * SIGMA;
    for (const t of [101, 102, 103, 104]) tr.current_A[t * 1000] = 5.5 * SIGMA;
    const d = detect(tr);
    expect(d.transitions.softShortOnset_s).toBeNull();
    expect(d.spikes.map((s) => s.peak_s)).toEqual([100]);
  });

  it("hold only while the recent spikes are faint: after 40-sigma spikes a 5.5-sigma one needs the strict threshold", () => {
    const tr = softShortTrace(40);
    tr.current_A[135_000] = 5.5 * SIGMA;
    // spikes 100-130 s: median of the last 8 peaks (12, 5.5 x4, 12, 40, 40) is 8.75 sigma: still faint
    expect(detect(tr).spikes.map((s) => s.peak_s)).toContain(135);
    for (const t of [121, 122, 123, 124]) tr.current_A[t * 1000] = 40 * SIGMA;
    // now the last 8 are 12, 40 x6 and 5.5 ... median 40: strict thresholds, the 5.5-sigma spike is not reported
    const d = detect(tr);
    expect(d.spikes.map((s) => s.peak_s)).not.toContain(135);
    expect(detect(tr, { softFaint_sigma: 1000 }).spikes.map((s) => s.peak_s)).toContain(135);
  });
});
