import { describe, expect, it } from "vitest";
import { alignFrames, frameIndex } from "../../src/detect/frames.js";
import { analyzeSamples } from "../../src/analyze.js";
import type { AnalysisResult } from "../../src/result.js";
import { spike } from "./fixtures.js";

function result(): AnalysisResult {
  const r = analyzeSamples({ time_s: [100, 101, 102], current_A: [0, 0, 0] });
  return {
    ...r,
    t0_s: 100,
    transitions: { softShortOnset_s: 0.3, hardShort_s: 1.5, fuse_s: null },
    spikes: [spike(0.05), spike(1.25)],
  };
}

describe("video frames", () => {
  it("frame = floor((t0 + t - movieStart) * fps); before the movie: null", () => {
    expect(frameIndex(0.3, 0, 10, 0)).toBe(3); // 0.3 * 10 is 2.9999999999999996 in doubles
    expect(frameIndex(0.299, 0, 10, 0)).toBe(2);
    expect(frameIndex(0, 100, 25, 99)).toBe(25);
    expect(frameIndex(0, 100, 25, 100.5)).toBeNull();
  });
  it("adds frames to transitions and spikes without touching existing fields", () => {
    const r = result();
    const framed = alignFrames(r, 10, 100.1);
    expect(framed["frames"]).toEqual({ frameRate_fps: 10, t0_s: 100.1, softShortOnset: 2, hardShort: 14, fuse: null });
    const spikes = framed.spikes as (typeof framed.spikes[number] & { frame: number | null; startFrame: number | null })[];
    expect(spikes.map((s) => s.frame)).toEqual([null, 11]);
    expect(spikes[1]!.startFrame).toBe(11);
    expect(framed.spikes[1]!.peak_s).toBe(1.25);
    expect(r.spikes[0]).not.toHaveProperty("frame");
  });
  it("refuses a zero frame rate", () => {
    expect(() => alignFrames(result(), 0, 0)).toThrow(/frame rate/);
  });
});
