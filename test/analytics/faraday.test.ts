import { describe, expect, it } from "vitest";
import { ChargeBetweenTimes, faradayAnalysis, molesFromVolume, volumeFromArea } from "../../src/detect/faraday.js";
import { readAreaTable, parseLength } from "../../src/cli/commands/faraday.js";
import { chunked } from "../../src/trace.js";

const UM2 = 1e-12;

describe("faraday worked example (docs/statistics.md)", () => {
  // slab 100 nm thick; area 1, 3, 4 um^2 at t = 0, 10, 20 s; measured 50 nA throughout
  const points = [{ time_s: 0, area_m2: 1 * UM2 }, { time_s: 10, area_m2: 3 * UM2 }, { time_s: 20, area_m2: 4 * UM2 }];
  const slab = { shape: "slab", thickness_m: 100e-9 } as const;

  it("volumes, moles and charge by hand", () => {
    expect(volumeFromArea(1 * UM2, slab)).toBeCloseTo(1e-19, 30);
    // N = 534 kg/m^3 x 1e-19 m^3 / 6.94e-3 kg/mol = 7.6945e-15 mol
    expect(molesFromVolume(1e-19)).toBeCloseTo(7.694524495677233e-15, 27);
    const r = faradayAnalysis(points, slab);
    // F rho / M = 96485.33212 x 534 / 6.94e-3 = 7.4241e9 C/m^3 = 7.4241 nC/um^3
    expect(r.points[0]!.charge_C).toBeCloseTo(7.424087514708933e-10, 20);
    // 0.2 um^3 in 10 s -> 148.48 pA; 0.1 um^3 in 10 s -> 74.24 pA
    expect(r.intervals[0]!.faradaic_A).toBeCloseTo(1.4848175029417867e-10, 20);
    expect(r.intervals[1]!.faradaic_A).toBeCloseTo(7.424087514708934e-11, 20);
    expect(r.total.faradaic_C).toBeCloseTo(2.22722625441268e-9, 19);
    expect(r.total.measured_C).toBeNull();
    expect(r.intervals[0]!.nonFaradaicShare).toBeNull();
  });

  it("against 50 nA measured: shares 99.703 %, 99.852 %, total 99.777 %", () => {
    const t = Float64Array.from({ length: 41 }, (_, k) => k * 0.5);
    const i = new Float64Array(41).fill(50e-9);
    const acc = new ChargeBetweenTimes(points.map((p) => p.time_s));
    for (const c of chunked(t, i, 7)) acc.push(c);
    const q = acc.result();
    expect(q[0]).toBeCloseTo(500e-9, 18);
    expect(q[1]).toBeCloseTo(500e-9, 18);
    const r = faradayAnalysis(points, slab, q);
    expect(r.intervals[0]!.measured_A).toBeCloseTo(50e-9, 18);
    expect(r.intervals[0]!.nonFaradaicShare).toBeCloseTo(0.9970303649941165, 12);
    expect(r.intervals[1]!.nonFaradaicShare).toBeCloseTo(0.9985151824970582, 12);
    expect(r.total.measured_C).toBeCloseTo(1e-6, 16);
    expect(r.total.nonFaradaicShare).toBeCloseTo(0.9977727737455874, 12);
    expect(r.currentSign).toBe(1);
  });

  it("negative measured current: the share is taken in its direction", () => {
    const acc = new ChargeBetweenTimes([0, 10, 20]);
    for (const c of chunked(Float64Array.from([0, 20]), Float64Array.from([-50e-9, -50e-9]), 1)) acc.push(c);
    const r = faradayAnalysis(points, slab, acc.result());
    expect(r.currentSign).toBe(-1);
    expect(r.total.nonFaradaicShare).toBeCloseTo(0.9977727737455874, 12);
  });

  it("hemisphere and sphere from a 1 um^2 projected area", () => {
    // r = sqrt(1/pi) um = 0.5642 um; 2/3 pi r^3 = 0.37613 um^3
    expect(volumeFromArea(UM2, { shape: "hemisphere" })).toBeCloseTo(3.761263890318374e-19, 30);
    expect(volumeFromArea(UM2, { shape: "sphere" })).toBeCloseTo(7.522527780636748e-19, 30);
  });

  it("interpolates the measured current to area times inside a sample interval", () => {
    // current ramps 0 -> 10 nA over 0..10 s; charge 0..5 s = 12.5 nC, 5..10 s = 37.5 nC
    const acc = new ChargeBetweenTimes([0, 5, 10, 30]);
    acc.push({ time_s: Float64Array.from([0, 10]), current_A: Float64Array.from([0, 10e-9]), flags: new Uint8Array(2), length: 2 });
    const q = acc.result();
    expect(q[0]).toBeCloseTo(12.5e-9, 18);
    expect(q[1]).toBeCloseTo(37.5e-9, 18);
    expect(q[2]).toBeNull();
  });
});

describe("AREA.csv reader", () => {
  it("reads units from the header", () => {
    const { points, notes } = readAreaTable("a.csv", "time (min),area [µm²]\n0,1\n0.5,2\n");
    expect(points).toEqual([{ time_s: 0, area_m2: 1e-12 }, { time_s: 30, area_m2: 2e-12 }]);
    expect(notes).toEqual([]);
    expect(readAreaTable("a.csv", "t\tarea_nm2\n0\t1e6\n1\t2e6\n").points[1]!.area_m2).toBeCloseTo(2e-12, 24);
  });
  it("refuses a missing area unit, a missing header and time going back, in one line", () => {
    expect(() => readAreaTable("a.csv", "time,area\n0,1\n1,2\n")).toThrow(/a\.csv:1: area unit missing/);
    expect(() => readAreaTable("a.csv", "0,1\n1,2\n")).toThrow(/no header row/);
    expect(() => readAreaTable("a.csv", "time (s),area (um^2)\n1,1\n0,2\n")).toThrow(/times must increase/);
  });
  it("parses lengths with units", () => {
    expect(parseLength("--thickness", "100nm")).toBeCloseTo(1e-7, 20);
    expect(parseLength("--thickness", "0.1 µm")).toBeCloseTo(1e-7, 20);
    expect(() => parseLength("--thickness", "100 furlongs")).toThrow(/--thickness/);
  });
});
