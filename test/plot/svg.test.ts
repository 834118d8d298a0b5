import { describe, expect, it } from "vitest";
import { renderTraceSvg } from "../../src/report/plot/trace-svg.js";
import { EnvelopeCollector } from "../../src/report/plot/envelope.js";
import { chunked } from "../../src/trace.js";
import type { Detection } from "../../src/detect/types.js";
import { craftFuse, gaussian, resultWithEnvelope } from "./craft.js";

const HOSTILE = `<img src=x onerror=alert(1)>.csv`;
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

describe("renderTraceSvg", () => {
  const crafted = craftFuse(60, 1000);
  const { result, envelope } = resultWithEnvelope(crafted, "runs/latp-fuse.csv", { zooms: [{ from_s: 26, to_s: 30 }] });
  const svg = renderTraceSvg(result, envelope);

  it("marks every spike once, with its numbers", () => {
    expect(result.spikes.length).toBe(31);
    expect(count(svg, /class="spike-marker"/g)).toBe(31);
    expect(svg).toContain('data-spike-count="31"');
    const first = result.spikes[0]!;
    expect(svg).toContain(`data-peak-s="${first.peak_s}" data-peak-a="${first.peak_A}"`);
  });

  it("shades and names every phase and marks the three transitions with their times", () => {
    for (const p of ["quiescent", "soft-short", "hard-short", "open"]) {
      expect(count(svg, new RegExp(`class="phase" data-phase="${p}"`, "g"))).toBe(1);
    }
    expect(svg).toContain('data-transition="softShortOnset" data-time-s="27"');
    expect(svg).toContain("onset 27.00 s");
    expect(svg).toContain("hard 52.80 s");
    expect(svg).toContain("fuse 55.80 s");
    expect(svg).toContain('class="noise-band"');
    expect(svg).toContain('class="threshold"');
  });

  it("draws the zoom as a lettered box and an inset", () => {
    expect(svg).toContain('class="zoom-box" data-zoom="a"');
    expect(svg).toContain('class="inset" data-zoom="a" data-from-s="26" data-to-s="30"');
    expect(svg).toContain("(a) 26.00 s – 30.00 s");
  });

  it("picks axis units for the data: nA for a 420 nA trace over 60 s", () => {
    expect(svg).toContain("Current (nA)");
    expect(svg).toContain("Time (s)");
    const log = renderTraceSvg(result, envelope, { log: true });
    expect(log).toContain("|Current|");
    expect(log).toMatch(/>100 pA</);
    expect(log).toMatch(/>1 uA</);
  });

  it("is self-contained: no scripts, no external fonts or links", () => {
    expect(svg).not.toMatch(/<script|@import|url\(|href=|<image|<foreignObject/i);
    expect(svg.match(/https?:\/\/[^"]+/g)).toEqual(["http://www.w3.org/2000/svg"]);
    expect(svg).toContain('width="3.4in"');
  });

  it("renders a hostile file name as text", () => {
    const bad = renderTraceSvg({ ...result, file: `${HOSTILE}\u0001` }, envelope);
    expect(bad).not.toContain("<img");
    expect(bad).toContain("&lt;img src=x onerror=alert(1)&gt;.csv\uFFFD");
    expect(bad).not.toMatch(/[\u0000-\u0008]/);
    const thumb = renderTraceSvg({ ...result, file: HOSTILE }, envelope, { thumbnail: true });
    expect(thumb).not.toContain("<img");
    expect(count(thumb, /class="spike-marker"/g)).toBe(31);
  });

  it("marks only the largest spikes above the marker cap, and says so", () => {
    const capped = renderTraceSvg(result, envelope, { maxSpikeMarkers: 5 });
    expect(count(capped, /class="spike-marker"/g)).toBe(5);
    expect(capped).toContain("31 spikes; largest 5 marked");
    const largest = [...result.spikes].sort((a, b) => b.peak_A - a.peak_A)[0]!;
    expect(capped).toContain(`data-peak-s="${largest.peak_s}"`);
  });

  it("handles negative polarity (spikes marked below the baseline's mirror)", () => {
    const neg = resultWithEnvelope(craftFuse(60, 1000, -1), "neg.csv");
    const s = renderTraceSvg(neg.result, neg.envelope);
    expect(count(s, /class="spike-marker"/g)).toBe(31);
    expect(s).toMatch(/>-400</);
  });

  it("stays under 1 MB for a 10 M-sample trace with 5000 spikes", () => {
    const n = 10_000_000, rate = 10_000;
    const c = new EnvelopeCollector();
    const g = gaussian(3);
    const t = new Float64Array(1 << 16), i = new Float64Array(1 << 16);
    for (let k0 = 0; k0 < n; k0 += t.length) {
      const m = Math.min(t.length, n - k0);
      for (let k = 0; k < m; k++) {
        t[k] = (k0 + k) / rate;
        i[k] = 0.5e-9 * g() + ((k0 + k) % 2000 === 0 ? 50e-9 : 0);
      }
      for (const ch of chunked(t.subarray(0, m), i.subarray(0, m), m)) c.push(ch);
    }
    c.finish({ t0_s: 0 } as Detection);
    const spikes = Array.from({ length: 5000 }, (_, k) => ({ start_s: k * 0.2, peak_s: k * 0.2, end_s: k * 0.2 + 1e-3, peak_A: 50e-9, charge_C: 1e-12 }));
    const big = renderTraceSvg({ ...result, duration_s: (n - 1) / rate, sampleCount: n, sampleRate_hz: rate, spikes, phases: [{ phase: "soft-short", start_s: 0, end_s: (n - 1) / rate }] }, c.envelope());
    expect(count(big, /class="spike-marker"/g)).toBe(5000);
    expect(Buffer.byteLength(big)).toBeLessThan(1_000_000);
    expect(big).toContain("Time (min)");
  }, 20_000);
});
