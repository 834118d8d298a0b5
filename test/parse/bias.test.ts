import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { BiasTracker, chooseBiasColumn, FULL_SAMPLES, readsBiasAt, STRIDE } from "../../src/parse/bias.js";
import type { ColumnInfo } from "../../src/parse/types.js";
import { craft, readAll } from "./helpers.js";

const col = (index: number, name: string, role: ColumnInfo["role"], unit: string | null = null): ColumnInfo => ({ index, name, unit, role });

/** A seeded uniform in [-0.5, 0.5) so the crafted noise is the same on every run. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** Triangle between -1 and +1 V with the given period. */
const triangle = (t: number, period: number): number => {
  const u = (t / period) % 1;
  return u < 0.5 ? -1 + 4 * u : 3 - 4 * u;
};

function csv(n: number, rate: number, bias: (t: number) => number, current: (t: number, v: number) => number, header = "Time (s),Voltage (V),Current (A)"): string {
  const rows = [header];
  for (let k = 0; k < n; k++) {
    const t = k / rate;
    const v = bias(t);
    rows.push(`${t.toFixed(4)},${v.toPrecision(6)},${current(t, v).toPrecision(6)}`);
  }
  return rows.join("\n") + "\n";
}

describe("bias column choice", () => {
  it("takes the same channel's voltage, else the applied/control column, else the only one", () => {
    const cur = col(2, "Channel A Current", "current");
    expect(chooseBiasColumn([col(3, "Channel A Voltage", "voltage"), col(6, "Channel B Voltage", "voltage")], cur)?.index).toBe(3);
    expect(chooseBiasColumn([col(3, "Ewe/V", "voltage"), col(4, "control/V", "voltage")], col(5, "I/mA", "current"))?.name).toBe("control/V");
    expect(chooseBiasColumn([col(3, "Vf", "voltage"), col(5, "Sig", "voltage")], col(4, "Im", "current"))?.name).toBe("Sig");
    expect(chooseBiasColumn([col(1, "Volts", "voltage")], col(2, "Current", "current"))?.name).toBe("Volts");
    expect(chooseBiasColumn([col(1, "Ewe", "voltage"), col(2, "Ece", "voltage")], col(3, "I", "current"))).toBeNull();
    expect(chooseBiasColumn([col(1, "T", "other")], col(2, "I", "current"))).toBeNull();
  });

  it("reads every sample's bias first, then one in STRIDE (by sample index, the same on every input path)", () => {
    expect(readsBiasAt(FULL_SAMPLES - 1)).toBe(true);
    expect(readsBiasAt(FULL_SAMPLES + 1)).toBe(false);
    expect(readsBiasAt(STRIDE * 100)).toBe(true);
  });
});

describe("held, stepped, ramped and swept bias", () => {
  const track = (values: number[], unit: string | null = "V") => {
    const b = new BiasTracker(col(1, "V", "voltage", unit), unit === "mV" ? 1e-3 : 1, ".");
    for (const v of values) b.cell(String(v));
    return b.summary()!;
  };

  it("a held bias with measurement noise is not swept", () => {
    const r = noise(1);
    const s = track(Array.from({ length: 500 }, () => 1 + 1e-3 * r()));
    expect(s.swept).toBe(false);
    expect(s.ramped).toBe(false);
    expect(s.max_V - s.min_V).toBeLessThan(0.002);
  });

  it("a staircase (held levels, a few steps) is not swept: most readings do not move", () => {
    const s = track(Array.from({ length: 400 }, (_, k) => 0.5 * Math.floor(k / 100)));
    expect(s.medianStep_V).toBe(0);
    expect(s.swept).toBe(false);
    expect(s.ramped).toBe(false);
  });

  it("a cyclic sweep (CV) is swept, with its reversals counted", () => {
    const s = track(Array.from({ length: 1000 }, (_, k) => triangle(k / 100, 4)));
    expect(s.swept).toBe(true);
    expect(s.reversals).toBe(4);
    expect(s.min_V).toBeCloseTo(-1, 6);
    expect(s.max_V).toBeCloseTo(1, 2);
  });

  it("a one-way ramp is ramped, not swept", () => {
    const s = track(Array.from({ length: 1000 }, (_, k) => k * 5e-3));
    expect(s.ramped).toBe(true);
    expect(s.swept).toBe(false);
    expect(s.reversals).toBe(0);
  });

  it("noise on a ramp does not count as a reversal", () => {
    const r = noise(2);
    const s = track(Array.from({ length: 1000 }, (_, k) => k * 5e-3 + 0.02 * r()));
    expect(s.reversals).toBe(0);
    expect(s.ramped).toBe(true);
  });

  it("reads millivolts as millivolts", () => {
    const s = track(Array.from({ length: 100 }, (_, k) => 300 + (k % 2)), "mV");
    expect(s.min_V).toBeCloseTo(0.3, 9);
    expect(s.max_V).toBeCloseTo(0.301, 9);
    expect(s.swept).toBe(false);
  });
});

describe("swept bias in the pipeline", () => {
  // the current follows a +-1 V triangle through a 1 MOhm path: uA levels that a held-bias reading would call a short
  const file = craft(csv(6000, 100, (t) => triangle(t, 20), (t, v) => 1e-6 * v + 5e-10 * Math.sin(13 * t)), "cv.csv");

  it("the body reads the bias beside the current, the same through the per-row path", async () => {
    const fast = await readAll(file);
    expect(fast.info.biasColumn).toBe("Voltage (V)");
    expect(fast.summary.bias?.swept).toBe(true);
    expect(fast.summary.bias?.reversals).toBe(5);
    // a quoted cell sends every line through the per-row path: same bias summary
    const slow = await readAll(craft(csv(6000, 100, (t) => triangle(t, 20), (t, v) => 1e-6 * v, '"Time (s)","Voltage (V)","Current (A)"').replace(/\n(\d)/g, '\n"$1').replace(/^("[\d.]+),/gm, '$1",'), "cv-quoted.csv"));
    expect(slow.summary.bias).toEqual(fast.summary.bias);
    // and any chunk size
    expect((await readAll(file, { chunkSize: 97 })).summary.bias).toEqual(fast.summary.bias);
  });

  it("a cyclic sweep reports no short, with a warning saying why", async () => {
    const r = await analyze(file);
    expect(r.verdict).toBe("stable");
    expect(r.transitions).toEqual({ softShortOnset_s: null, hardShort_s: null, fuse_s: null });
    expect(r.spikes).toEqual([]);
    const w = r.warnings.find((x) => x.startsWith('the bias ("Voltage (V)") was swept between -1 V and 1 V and turned back 5 times'));
    expect(w).toMatch(/so no short detection was done \(the detector alone would have said "(hard-short|soft-short|fuse)"\)$/);
  });

  it("a held bias with the same column runs detection as before", async () => {
    // spikes of 50 nA every second from 10 s (soft short), then sustained conduction from 30 s
    const r1 = noise(3);
    const current = (t: number): number => (t > 30 ? 2e-6 : 0) + (t > 10 && Math.abs(t % 1) < 0.005 ? 5e-8 : 0) + 1e-9 * r1();
    const held = craft(csv(6000, 100, () => 1.0, current), "held.csv");
    const r = await analyze(held);
    expect(r.input?.summary.bias).toMatchObject({ column: "Voltage (V)", swept: false, ramped: false, min_V: 1, max_V: 1 });
    expect(r.verdict).toBe("hard-short");
    expect(r.transitions.hardShort_s).toBeCloseTo(30, 1);
    expect(r.warnings.some((w) => w.includes("bias"))).toBe(false);
  });
});
