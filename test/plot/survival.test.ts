import { describe, expect, it } from "vitest";
import { kaplanMeier, renderSurvivalSvg } from "../../src/report/html/survival.js";

describe("Kaplan-Meier", () => {
  // events at 1, 3, 4; censored at 2 and 5 (hand-computed: 4/5, then 4/5*2/3, then *1/2)
  const samples = [
    { time_s: 1, event: true }, { time_s: 2, event: false }, { time_s: 3, event: true },
    { time_s: 4, event: true }, { time_s: 5, event: false },
  ];

  it("multiplies 1 - events/at-risk at each distinct time", () => {
    const s = kaplanMeier(samples);
    expect(s.map((x) => x.time_s)).toEqual([1, 2, 3, 4, 5]);
    expect(s.map((x) => x.atRisk)).toEqual([5, 4, 3, 2, 1]);
    expect(s[0]!.survival).toBeCloseTo(0.8, 12);
    expect(s[1]!.survival).toBeCloseTo(0.8, 12);
    expect(s[2]!.survival).toBeCloseTo(0.8 * 2 / 3, 12);
    expect(s[3]!.survival).toBeCloseTo(0.8 * 2 / 3 / 2, 12);
    expect(s[4]!.survival).toBeCloseTo(0.8 * 2 / 3 / 2, 12);
  });

  it("counts tied events together and censoring after them", () => {
    const s = kaplanMeier([{ time_s: 2, event: true }, { time_s: 2, event: true }, { time_s: 2, event: false }, { time_s: 9, event: true }]);
    expect(s[0]).toEqual({ time_s: 2, survival: 0.5, atRisk: 4, events: 2, censored: 1 });
    expect(s[1]!.survival).toBe(0);
  });

  it("draws one curve per event kind with censoring ticks and escaped names", () => {
    const svg = renderSurvivalSvg([{ name: "<b>soft</b>", color: "#E69F00", samples }]);
    expect(svg).toContain('class="km-curve" data-curve="&lt;b&gt;soft&lt;/b&gt;" data-events="3" data-censored="2"');
    expect(svg).toContain('class="censor"');
    expect(svg).not.toContain("<b>");
  });
});
