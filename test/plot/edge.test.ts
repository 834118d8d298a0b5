import { describe, expect, it } from "vitest";
import { analyzeSamples } from "../../src/analyze.js";
import { EnvelopeCollector } from "../../src/report/plot/envelope.js";
import { renderTraceSvg } from "../../src/report/plot/trace-svg.js";
import { sparkline } from "../../src/report/plot/sparkline.js";
import { SampleFlag } from "../../src/trace.js";

/** Through the real pipeline (whatever the detector says), then drawn every way. */
function drawAll(time_s: number[], current_A: number[], flags?: number[]): string[] {
  const c = new EnvelopeCollector({ zooms: [{ from_s: 0, to_s: 1 }] });
  const r = analyzeSamples({ time_s, current_A }, { observers: [c], name: "edge.csv", ...(flags ? { flags } : {}) });
  const e = c.envelope();
  return [
    renderTraceSvg(r, e), renderTraceSvg(r, e, { log: true }), renderTraceSvg(r, e, { thumbnail: true }),
    sparkline(r, e, 20),
  ];
}

describe("plots of degenerate traces never print NaN or Infinity", () => {
  const cases: [string, number[], number[], number[]?][] = [
    ["one sample", [0], [1e-9]],
    ["an idle channel at exactly 0 A", [0, 1, 2, 3], [0, 0, 0, 0]],
    ["every sample flagged", [0, 1, 2], [1, 2, 3], [SampleFlag.Overflow, SampleFlag.Overflow, SampleFlag.Missing]],
    ["a constant negative current", [0, 0.5, 1, 1.5], [-2e-9, -2e-9, -2e-9, -2e-9]],
  ];
  for (const [name, t, i, f] of cases) {
    it(name, () => {
      for (const out of drawAll(t, i, f)) expect(out).not.toMatch(/NaN|Infinity|undefined/);
    });
  }
});
