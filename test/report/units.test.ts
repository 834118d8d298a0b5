import { describe, expect, it } from "vitest";
import { formatCount, formatCurrentIn, formatRate, timeDecimals } from "../../src/report/units.js";

const T = "\u2009";

describe("units added for the report", () => {
  it("groups thousands with thin spaces", () => {
    expect(formatCount(400001)).toBe(`400${T}001`);
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234567)).toBe(`1${T}234${T}567`);
    expect(formatCount(-1000)).toBe(`-1${T}000`);
    expect(formatCount(0)).toBe("0");
  });

  it("prints sample rates with three significant digits", () => {
    expect(formatRate(1000)).toBe("1.00 kHz");
    expect(formatRate(20000)).toBe("20.0 kHz");
    expect(formatRate(100000)).toBe("100 kHz");
    expect(formatRate(250)).toBe("250 Hz");
    expect(formatRate(10)).toBe("10.0 Hz");
    expect(formatRate(0.5)).toBe("0.500 Hz");
    expect(formatRate(2e6)).toBe("2.00 MHz");
    expect(formatRate(0)).toBe("0 Hz");
    expect(formatRate(NaN)).toBe("NaN");
  });

  it("prints a current in a fixed unit", () => {
    expect(formatCurrentIn(0.49e-9, "nA")).toBe("0.49 nA");
    expect(formatCurrentIn(-0.11e-9, "nA")).toBe("-0.11 nA");
    expect(formatCurrentIn(3e-9, "nA")).toBe("3.0 nA");
    expect(formatCurrentIn(0, "pA")).toBe("0 pA");
    expect(formatCurrentIn(5e-9, "parsec")).toBe("5.0 nA");
  });

  it("chooses time decimals from the duration and the sample rate", () => {
    expect(timeDecimals(400)).toBe(1);
    expect(timeDecimals(10)).toBe(2);
    expect(timeDecimals(0.5)).toBe(4);
    expect(timeDecimals(0.5, 1000)).toBe(3);
    expect(timeDecimals(0.003, 1000)).toBe(3);
    expect(timeDecimals(36000, 10)).toBe(1);
    expect(timeDecimals(0)).toBe(1);
  });
});
