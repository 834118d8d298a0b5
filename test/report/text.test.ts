import { describe, expect, it } from "vitest";
import { formatTimeline } from "../../src/report/text.js";
import { fuseResult, stableResult } from "./results.js";

const T = "\u2009"; // thin space between thousands
const ANSI = /\u001b\[/;

describe("formatTimeline", () => {
  it("a stable trace's charge is all at the floor: no non-Faradaic claim", () => {
    const charge = { total_C: 11.3e-9, faradaic_C: 0.59e-9, nonFaradaic_C: 10.71e-9, faradaicMax_A: 100e-12, sinceOnset: null };
    expect(formatTimeline(stableResult({ charge }), { color: false })).toContain(
      "  charge            11.3 nC total, no soft-short onset: no non-Faradaic claim (floor offset, drift, noise)\n",
    );
  });

  it("prints a stable trace as one quiescent phase", () => {
    expect(formatTimeline(stableResult(), { color: false })).toBe(
      [
        `fixtures/hybrid-stable.csv   600.0 s, 600${T}001 samples @ 1.00 kHz, polarity +`,
        "  noise floor       sigma 0.49 nA, baseline 0.11 nA   (threshold 6.1 sigma = 3.0 nA)",
        "  0.0 - 600.0 s     quiescent",
        "  verdict: stable",
        "",
      ].join("\n"),
    );
  });

  it("prints the full soft -> hard -> fuse timeline", () => {
    expect(formatTimeline(fuseResult(), { color: false })).toBe(
      [
        `fixtures/latp-fuse.csv   400.0 s, 400${T}001 samples @ 1.00 kHz, polarity +`,
        "  noise floor       sigma 0.49 nA, baseline 0.11 nA   (threshold 6.1 sigma = 3.0 nA)",
        "  0.0 - 182.3 s     quiescent",
        "  182.3 s           soft-short onset",
        // 20 spikes over 172.7 s = 0.116 /s; median of first two 4 nA, of last two 310 nA
        "  182.3 - 355.0 s   soft short: 20 spikes in 10 bursts, 0.12 /s, amplitude 4.0 nA -> 310 nA",
        "  355.0 s           hard short: 420 nA sustained for 6.2 s",
        "  361.2 s           fuse: current collapsed to 0.10 nA (open circuit)",
        "  verdict: fuse",
        "",
      ].join("\n"),
    );
  });

  it("signs currents by the trace's polarity and keeps spike amplitudes as magnitudes", () => {
    const r = fuseResult({
      polarity: -1,
      noise: { sigma_A: 0.49e-9, baseline_A: -0.11e-9, k_sigma: 6.1, threshold_A: 3.0e-9 },
      hardShort: { start_s: 355, end_s: 361.2, duration_s: 6.2, level_A: 420e-9, clipped: true },
      fuse: { time_s: 361.2, level_A: -0.1e-9 },
    });
    const lines = formatTimeline(r, { color: false }).split("\n");
    expect(lines[0]).toBe(`fixtures/latp-fuse.csv   400.0 s, 400${T}001 samples @ 1.00 kHz, polarity -`);
    expect(lines[1]).toBe("  noise floor       sigma 0.49 nA, baseline -0.11 nA   (threshold 6.1 sigma = 3.0 nA)");
    expect(lines[4]).toBe("  182.3 - 355.0 s   soft short: 20 spikes in 10 bursts, 0.12 /s, amplitude 4.0 nA -> 310 nA");
    expect(lines[5]).toBe("  355.0 s           hard short: -420 nA sustained for 6.2 s, flat top at the compliance limit");
    expect(lines[6]).toBe("  361.2 s           fuse: current collapsed to -0.10 nA (open circuit)");
  });

  it("prints warnings one per line before the verdict, with control characters made visible", () => {
    const r = stableResult({ warnings: ["12 rows with NaN current skipped", "two\nlines \u001b[31mred\u001b[0m"] });
    const lines = formatTimeline(r, { color: false }).split("\n");
    expect(lines.slice(3)).toEqual([
      "  warning: 12 rows with NaN current skipped",
      "  warning: two\\x0alines \\x1b[31mred\\x1b[0m",
      "  verdict: stable",
      "",
    ]);
  });

  it("makes a hostile file name harmless in the header", () => {
    const text = formatTimeline(stableResult({ file: "a\u001b]0;pwned\u0007\u202e.csv" }), { color: false });
    expect(text.split("\n")[0]).toBe(`a\\x1b]0;pwned\\x07\\u202e.csv   600.0 s, 600${T}001 samples @ 1.00 kHz, polarity +`);
    expect(text).not.toMatch(ANSI);
  });

  it("adds the charge split after the timeline when result.charge exists", () => {
    const r = fuseResult({ charge: { total_C: 1.2e-6, faradaic_C: 40e-9, nonFaradaic_C: 1.16e-6, faradaicMax_A: 100e-12 } });
    const lines = formatTimeline(r, { color: false }).split("\n");
    expect(lines[7]).toBe("  charge            1.20 uC total = at most 40.0 nC Faradaic (I <= 100 pA) + 1.16 uC non-Faradaic");
    expect(lines[8]).toBe("  verdict: fuse");
  });

  it("ignores a malformed charge block rather than printing garbage", () => {
    const text = formatTimeline(stableResult({ charge: { total_C: "lots" } }), { color: false });
    expect(text).not.toContain("charge");
  });

  it("shows the onset before a hard short that has no soft-short phase", () => {
    const r = stableResult({
      duration_s: 100,
      verdict: "hard-short",
      transitions: { softShortOnset_s: 40, hardShort_s: 40, fuse_s: null },
      phases: [
        { phase: "quiescent", start_s: 0, end_s: 40 },
        { phase: "hard-short", start_s: 40, end_s: 100 },
      ],
      hardShort: { start_s: 40, end_s: 100, duration_s: 60, level_A: 2e-6, clipped: false },
    });
    expect(formatTimeline(r, { color: false }).split("\n").slice(2, 6)).toEqual([
      "  0.0 - 40.0 s      quiescent",
      "  40.0 s            soft-short onset",
      "  40.0 s            hard short: 2.0 uA sustained for 60.0 s",
      "  verdict: hard-short",
    ]);
  });

  it("widens the label column for long times and uses more decimals on short traces", () => {
    const long = stableResult({ duration_s: 1234567.8, phases: [{ phase: "quiescent", start_s: 0, end_s: 1234567.8 }] });
    const lines = formatTimeline(long, { color: false }).split("\n");
    expect(lines[1]).toMatch(/^ {2}noise floor {8}sigma/);
    expect(lines[2]).toBe("  0.0 - 1234567.8 s  quiescent");
    const short = stableResult({ duration_s: 0.5, sampleRate_hz: 20000, phases: [{ phase: "quiescent", start_s: 0, end_s: 0.5 }] });
    expect(formatTimeline(short, { color: false }).split("\n")[2]).toBe("  0.0000 - 0.5000 s  quiescent");
  });

  it("colours the stages only when asked, and the words stay", () => {
    const plain = formatTimeline(fuseResult(), { color: false });
    const coloured = formatTimeline(fuseResult(), { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain("\u001b[35m\u001b[1mfuse\u001b[22m\u001b[39m"); // magenta verdict
    expect(coloured).toContain("\u001b[33msoft-short onset\u001b[39m");
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain);
    expect(formatTimeline(stableResult(), { color: true })).toContain("\u001b[32m"); // green stable
  });

  it("puts escalation lines under the soft-short line (none while the stub returns none)", () => {
    const lines = formatTimeline(fuseResult(), { color: false }).split("\n");
    expect(lines[4]).toMatch(/^ {2}182\.3 - 355\.0 s {3}soft short:/);
    expect(lines[5]).toMatch(/hard short/);
  });
});

describe("time decimals", () => {
  it("never prints finer than the sample period", () => {
    const tiny = stableResult({ duration_s: 0.003, sampleCount: 4, phases: [{ phase: "quiescent", start_s: 0, end_s: 0.003 }] });
    const lines = formatTimeline(tiny, { color: false }).split("\n");
    expect(lines[0]).toBe("fixtures/hybrid-stable.csv   0.003 s, 4 samples @ 1.00 kHz, polarity +");
    expect(lines[2]).toBe("  0.000 - 0.003 s   quiescent");
  });
});

describe("sparkline", () => {
  it("goes under the noise floor, in the description column, when the caller passes one", () => {
    const lines = formatTimeline(stableResult(), { color: false, sparkline: "▁▁▂▁▁" }).split("\n");
    expect(lines[2]).toBe("  trace             ▁▁▂▁▁");
    expect(lines[3]).toBe("  0.0 - 600.0 s     quiescent");
  });
});

describe("soft short without spikes", () => {
  it("says so instead of printing a zero rate", () => {
    const r = stableResult({
      verdict: "soft-short",
      transitions: { softShortOnset_s: 300, hardShort_s: null, fuse_s: null },
      phases: [
        { phase: "quiescent", start_s: 0, end_s: 300 },
        { phase: "soft-short", start_s: 300, end_s: 600 },
      ],
    });
    expect(formatTimeline(r, { color: false }).split("\n").slice(2, 6)).toEqual([
      "  0.0 - 300.0 s     quiescent",
      "  300.0 s           soft-short onset",
      "  300.0 - 600.0 s   soft short: no spikes, current above the floor",
      "  verdict: soft-short",
    ]);
  });

  it("prints one spike's amplitude without a trend", () => {
    const spike = { start_s: 400, peak_s: 400.001, end_s: 400.002, peak_A: 12e-9, charge_C: 1e-11 };
    const r = stableResult({
      verdict: "soft-short",
      transitions: { softShortOnset_s: 300, hardShort_s: null, fuse_s: null },
      phases: [{ phase: "quiescent", start_s: 0, end_s: 300 }, { phase: "soft-short", start_s: 300, end_s: 600 }],
      spikes: [spike],
      bursts: [{ start_s: 400, end_s: 400.002, spikes: 1 }],
    });
    expect(formatTimeline(r, { color: false }).split("\n")[4]).toBe("  300.0 - 600.0 s   soft short: 1 spike in 1 burst, 0.0033 /s, amplitude 12.0 nA");
  });
});

describe("movie frames", () => {
  it("name the TEM frame of each transition when --frame-rate added them", () => {
    const r = fuseResult({ frames: { frameRate_fps: 10, t0_s: 0, softShortOnset: 1823, hardShort: 3550, fuse: 3612 } });
    const lines = formatTimeline(r, { color: false }).split("\n");
    expect(lines[3]).toBe("  182.3 s           soft-short onset (movie frame 1823)");
    expect(lines[5]).toBe("  355.0 s           hard short: 420 nA sustained for 6.2 s (movie frame 3550)");
    expect(lines[6]).toBe("  361.2 s           fuse: current collapsed to 0.10 nA (open circuit, movie frame 3612)");
  });

  it("leave a transition before the movie starts (null frame) unmarked", () => {
    const r = fuseResult({ frames: { frameRate_fps: 10, t0_s: 200, softShortOnset: null, hardShort: 1550, fuse: 1612 } });
    expect(formatTimeline(r, { color: false }).split("\n")[3]).toBe("  182.3 s           soft-short onset");
  });
});
