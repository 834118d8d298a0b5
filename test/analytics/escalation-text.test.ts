import { describe, expect, it } from "vitest";
import { computeEscalation } from "../../src/detect/escalation.js";
import { formatEscalation } from "../../src/report/escalation.js";
import { analyzeSamples } from "../../src/analyze.js";
import { detection, spike, timesWithCounts } from "./fixtures.js";

describe("formatEscalation", () => {
  it("one line per finding, human units", () => {
    const times = timesWithCounts([2, 4, 6, 8], 2.5);
    const d = detection({
      phases: [{ phase: "soft-short", start_s: 0, end_s: 10 }],
      transitions: { softShortOnset_s: 0, hardShort_s: null, fuse_s: null },
      spikes: times.map((t, k) => spike(t, 1e-9 * 2 ** (t / 2), (k + 1) * 1e-12)),
    });
    const result = { ...analyzeSamples({ time_s: [0, 10], current_A: [0, 0] }), duration_s: 10, escalation: computeEscalation(d) };
    const lines = formatEscalation(result);
    expect(lines[0]).toBe("spike rate 2.00 /s (95% CI 1.22-3.09 /s), constant over 4 windows of 2.5 s (dispersion p = 0.261; Fano 1.3, Poisson-like)");
    expect(lines[1]).toMatch(/^amplitude grows x1\.41 \/s \(doubling every 2\.0 s\); slope of ln\(amplitude\) 0\.35 \/s \(95% CI 0\.35 to 0\.35 \/s\), Spearman rho 1\.0, p < 0\.001$/);
    expect(lines[2]).toBe("charge per spike 10.5 pC median (IQR 5.8 pC - 15.3 pC)"); // R-7 quartiles of 1..20 pC: 5.75, 15.25
    expect(lines[3]).toMatch(/^inter-spike intervals mean /);
    expect(lines[4]).toBe("non-Faradaic charge from onset to the end of the trace: 210 pC (sum of spike charges)");
  });
  it("nothing without an escalation block or soft short", () => {
    const r = analyzeSamples({ time_s: [0, 1], current_A: [0, 0] });
    expect(formatEscalation({ ...r, escalation: undefined })).toEqual([]);
    expect(formatEscalation(r)).toEqual([]);
  });
});
