import { describe, expect, it } from "vitest";
import { fft as fftJs } from "fft-js";
import { fftInPlace, fftPlan } from "../../src/detect/fft.js";
import { welch, WelchAccumulator } from "../../src/detect/welch.js";
import { findLines, flickerSlope, MultiLengthSpectrum, noiseDensity, spikeRatePeriodicity, summarizeSpectrum } from "../../src/detect/spectrum.js";
import { SampleFlag, chunkOf } from "../../src/trace.js";
import { gaussian, poissonTimes } from "./rng.js";

describe("radix-2 FFT", () => {
  it("matches fft-js on a 256-point signal", () => {
    const x = Array.from({ length: 256 }, (_, i) => Math.sin(i * 0.3) + 0.5 * Math.cos(i * 1.7) + (i % 7) * 0.01);
    const ref = fftJs(x);
    const re = Float64Array.from(x);
    const im = new Float64Array(256);
    fftInPlace(fftPlan(256), re, im);
    for (let k = 0; k < 256; k++) {
      expect(re[k]).toBeCloseTo(ref[k]![0], 9);
      expect(im[k]).toBeCloseTo(ref[k]![1], 9);
    }
  });
});

describe("Welch PSD", () => {
  const fs = 1000;
  const n = 64 * 1024;
  const sine = Float64Array.from({ length: n }, (_, i) => 2e-9 * Math.sin((2 * Math.PI * 50 * i) / fs));

  it("puts a 2 nA, 50 Hz sine at 50 Hz and its power a^2/2 in the line (Parseval)", () => {
    const psd = welch(sine, fs, 1024)!;
    expect(psd.segments).toBe(127); // (65536 - 1024) / 512 + 1
    expect(psd.resolution_hz).toBeCloseTo(0.9765625, 12);
    let total = 0;
    for (let k = 0; k < psd.psd_A2_per_Hz.length; k++) total += psd.psd_A2_per_Hz[k]! * psd.resolution_hz;
    // Parseval: the PSD integrates to the variance, a^2/2 = 2e-18 A^2
    expect(total / 2e-18).toBeCloseTo(1, 2);
    const lines = findLines(psd);
    expect(lines[0]!.frequency_hz).toBeCloseTo(50, 0);
    expect(Math.abs(lines[0]!.frequency_hz - 50)).toBeLessThan(0.1);
    expect(lines[0]!.amplitude_A / 2e-9).toBeCloseTo(1, 1);
    expect(lines[0]!.mains).toEqual({ family_hz: 50, harmonic: 1 });
  });

  it("does not depend on how samples are pushed", () => {
    const a = new WelchAccumulator(256);
    for (let i = 0; i < n; i += 1000) a.push(sine.subarray(i, Math.min(n, i + 1000)));
    const b = welch(sine, fs, 256)!;
    const r = a.result(fs)!;
    expect(r.segments).toBe(b.segments);
    for (let k = 0; k < r.psd_A2_per_Hz.length; k++) expect(r.psd_A2_per_Hz[k]).toBeCloseTo(b.psd_A2_per_Hz[k]!, 30);
  });

  it("interrupt() drops the partial segment", () => {
    const a = new WelchAccumulator(8);
    a.push(new Float64Array(7));
    a.interrupt();
    a.push(new Float64Array(7));
    expect(a.result(1)).toBeNull();
    a.push(new Float64Array(1));
    expect(a.segments).toBe(1);
  });

  it("white noise: density sigma/sqrt(fs/2), flat slope, no lines", () => {
    const g = gaussian(7);
    const sigma = 0.5e-9;
    const noise = Float64Array.from({ length: n }, () => sigma * g());
    const psd = welch(noise, fs, 1024)!;
    const d = noiseDensity(psd)!;
    expect(d.density_A_per_rtHz / (sigma / Math.sqrt(fs / 2))).toBeGreaterThan(0.97);
    expect(d.density_A_per_rtHz / (sigma / Math.sqrt(fs / 2))).toBeLessThan(1.03);
    expect(Math.abs(flickerSlope(psd)!.slope)).toBeLessThan(0.15);
    expect(findLines(psd)).toEqual([]);
    expect(summarizeSpectrum(psd).mains_hz).toBeNull();
  });

  it("1/f noise has slope about -1", () => {
    // sum of AR(1) processes with log-spaced corners approximates 1/f over the band
    const g = gaussian(11);
    const poles = [0.999, 0.99, 0.9, 0.5];
    const state = poles.map(() => 0);
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = 0;
      poles.forEach((p, j) => { state[j] = p * state[j]! + Math.sqrt(1 - p * p) * g(); v += state[j]!; });
      x[i] = v;
    }
    const psd = welch(x, fs, 4096)!;
    const slope = flickerSlope(psd, 100)!.slope;
    expect(slope).toBeLessThan(-0.7);
    expect(slope).toBeGreaterThan(-1.3);
  });
});

describe("spike-rate periodicity", () => {
  it("finds a 0.5 Hz spike train and calls Poisson spikes aperiodic", () => {
    const periodic = Array.from({ length: 100 }, (_, i) => 2 * i + 0.3);
    const r = spikeRatePeriodicity(periodic, 0, 200)!;
    expect(r.periodic).toBe(true);
    expect(r.peakFrequency_hz).toBeCloseTo(0.5, 1);
    const poisson = poissonTimes(3, 0.5, 200);
    const q = spikeRatePeriodicity(poisson, 0, 200)!;
    expect(q.periodic).toBe(false);
  });
  it("needs 8 spikes", () => {
    expect(spikeRatePeriodicity([1, 2, 3], 0, 10)).toBeNull();
  });
});

describe("MultiLengthSpectrum", () => {
  it("takes the longest segment that averages 7 segments, and notes irregular steps", () => {
    const n = 600;
    const t = Float64Array.from({ length: n }, (_, k) => k * 0.01 + (k % 2 ? 0.002 : 0));
    const i = Float64Array.from({ length: n }, (_, k) => Math.sin(k));
    const m = new MultiLengthSpectrum(4096);
    m.push(chunkOf(t, i));
    // 256: (600 - 256) / 128 + 1 = 3 segments; 64: 536 / 32 + 1 = 17
    expect(m.result(100)!.segmentLength).toBe(64);
    expect(m.kept).toBe(600);
    expect(m.irregularity()).toMatch(/irregular sampling \(steps 0\.00800 to 0\.0120 s\)/);
    const regular = new MultiLengthSpectrum(64);
    regular.push(chunkOf(Float64Array.from({ length: 100 }, (_, k) => k), new Float64Array(100)));
    expect(regular.irregularity()).toBeNull();
  });
  it("a Missing sample restarts the segment", () => {
    const m = new MultiLengthSpectrum(16);
    const flags = new Uint8Array(30);
    flags[15] = SampleFlag.Missing;
    m.push(chunkOf(Float64Array.from({ length: 30 }, (_, k) => k), new Float64Array(30), flags));
    expect(m.result(1)).toBeNull();
    expect(m.kept).toBe(29);
  });
});
