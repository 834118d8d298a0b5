// Issue 2's "done when" on simulated soft -> hard -> fuse traces, both polarities: every transition
// within max(1 s, 1 % of the duration), spike recall >= 0.9 for spikes of 8 sigma and more, verdict right.
import { describe, expect, it } from "vitest";
import { analyzeSamples } from "../../src/analyze.js";
import { simulateTrace } from "../../src/sim/index.js";
import { matchSpikes, spikeTolerance_s, transitionTolerance_s, TRANSITIONS } from "../../src/sim/score.js";

const cases = [1, 2, 3].flatMap((seed) => ([1, -1] as const).map((polarity) => ({ seed, polarity })));

describe("issue 2 acceptance: soft -> hard -> fuse", () => {
  it.each(cases)("seed $seed, polarity $polarity", ({ seed, polarity }) => {
    const sim = simulateTrace({ scenario: "soft-hard-fuse", seed, duration_s: 300, rate_hz: 1000, polarity });
    const flags = sim.flags ? { flags: sim.flags } : {};
    const r = analyzeSamples({ time_s: sim.time_s, current_A: sim.current_A }, flags);
    const truth = sim.truth;

    expect(r.verdict).toBe("fuse");
    expect(r.polarity).toBe(polarity);
    const tol = transitionTolerance_s(r.duration_s);
    for (const name of TRANSITIONS) {
      const want = truth.transitions[name];
      const got = r.transitions[name];
      expect(want).not.toBeNull();
      expect(got, name).not.toBeNull();
      expect(Math.abs(got! - want!), `${name}: detected ${got}, truth ${want}`).toBeLessThanOrEqual(tol);
    }

    const big = truth.spikes.filter((s) => s.sigmaMultiple >= 8);
    expect(big.length).toBeGreaterThan(20);
    const m = matchSpikes(big, r.spikes, spikeTolerance_s(1000));
    const recall = m.pairs.length / big.length;
    expect(recall, `recall ${m.pairs.length}/${big.length} for spikes >= 8 sigma`).toBeGreaterThanOrEqual(0.9);
    // every reported spike is before the hard short and has a positive excess in the leakage direction
    for (const s of r.spikes) {
      expect(s.peak_A).toBeGreaterThan(0);
      expect(s.charge_C).toBeGreaterThan(0);
      expect(s.peak_s).toBeLessThan(r.transitions.hardShort_s!);
    }
  }, 60_000);
});
