import { describe, expect, it } from "vitest";
import { currentAxis, formatTimeIn, logCurrentAxis, niceStep, timeAxis, timeUnit } from "../../src/report/plot/axis.js";

describe("plot axes", () => {
  it("steps are 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(420e-9, 5)).toBeCloseTo(100e-9, 20);
    expect(niceStep(7, 5)).toBe(1);
    expect(niceStep(30, 5)).toBe(5);
  });

  it("labels current ticks in one unit chosen for the data", () => {
    const a = currentAxis(-20e-9, 440e-9);
    expect(a.unit).toBe("nA");
    expect(a.ticks.map((t) => t.label)).toEqual(["0", "100", "200", "300", "400"]);
    expect(a.lo).toBe(-20e-9);
    expect(currentAxis(-2e-12, 8e-12).unit).toBe("pA");
    expect(currentAxis(0, 3e-6).ticks.map((t) => t.label)).toEqual(["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"]);
    expect(currentAxis(0, 3e-6).unit).toBe("uA");
  });

  it("puts |I| on whole decades, each tick with its unit", () => {
    const a = logCurrentAxis(1e-10, 4.2e-7);
    expect([a.lo, a.hi]).toEqual([1e-10, 1e-6]);
    expect(a.ticks.map((t) => t.label)).toEqual(["100 pA", "1 nA", "10 nA", "100 nA", "1 uA"]);
  });

  it("chooses ms, s, min or h for the span", () => {
    expect(timeUnit(0.5).unit).toBe("ms");
    expect(timeUnit(400).unit).toBe("s");
    expect(timeUnit(1800).unit).toBe("min");
    expect(timeUnit(3 * 3600).unit).toBe("h");
    expect(timeAxis(0, 400).ticks.map((t) => t.label)).toEqual(["0", "100", "200", "300", "400"]);
    expect(timeAxis(0, 0.25).ticks.map((t) => t.label)).toEqual(["0", "50", "100", "150", "200", "250"]);
    expect(timeAxis(0, 1800).unit).toBe("min");
  });

  it("prints transition times with four significant digits", () => {
    expect(formatTimeIn(182.3, { factor: 1, unit: "s" })).toBe("182.3 s");
    expect(formatTimeIn(0.0125, { factor: 1e-3, unit: "ms" })).toBe("12.50 ms");
  });
});
