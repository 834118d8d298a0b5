import { describe, expect, it } from "vitest";
import {
  chiSquareCdf, chiSquareQuantile, poissonCdf, poissonRateCi95, poissonTwoSidedP, studentTCdf, studentTQuantile,
} from "../../src/detect/distributions.js";

// reference values from printed tables (Abramowitz & Stegun; NIST e-Handbook)
describe("distribution functions", () => {
  it("chi-square quantiles and tail", () => {
    expect(chiSquareQuantile(0.025, 40)).toBeCloseTo(24.433, 3);
    expect(chiSquareQuantile(0.975, 42)).toBeCloseTo(61.777, 3);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841, 3);
    expect(1 - chiSquareCdf(4, 3)).toBeCloseTo(0.26146, 5);
  });
  it("stays accurate for a million spikes (Wilson-Hilferty is exact to ~1e-9 there)", () => {
    const k = 2e6;
    const wh = (z: number): number => k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
    expect(chiSquareQuantile(0.025, k) / wh(-1.959963985) - 1).toBeLessThan(1e-8);
    expect(Math.abs(chiSquareQuantile(0.975, k) / wh(1.959963985) - 1)).toBeLessThan(1e-8);
    expect(poissonTwoSidedP(1e6, 1e6)).toBe(1);
  });
  it("Student t", () => {
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 6);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 6);
    expect(studentTCdf(0, 5)).toBe(0.5);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228139, 6);
  });
  it("Poisson", () => {
    // P(X <= 2 | 5) = e^-5 (1 + 5 + 12.5)
    expect(poissonCdf(2, 5)).toBeCloseTo(Math.exp(-5) * 18.5, 12);
    expect(poissonTwoSidedP(2, 5)).toBeCloseTo(2 * Math.exp(-5) * 18.5, 12);
    expect(poissonTwoSidedP(5, 5)).toBe(1);
    const [lo, hi] = poissonRateCi95(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.36889, 5); // -ln(0.025) / 10
  });
});
