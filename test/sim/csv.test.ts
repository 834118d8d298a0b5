import { describe, expect, it } from "vitest";
import { CSV_HEADER, MAX_ROW_BYTES, formatRows, timeDecimals, writeFixed, writeScientific } from "../../src/sim/csv.js";
import { Rng } from "../../src/sim/random.js";
import { SampleFlag, chunkOf } from "../../src/trace.js";

const sci = (x: number) => {
  const b = Buffer.alloc(64);
  return b.toString("latin1", 0, writeScientific(b, 0, x));
};
const fixed = (x: number, d: number) => {
  const b = Buffer.alloc(64);
  return b.toString("latin1", 0, writeFixed(b, 0, x, d));
};

describe("CSV number formatting", () => {
  it("writes currents in short scientific notation", () => {
    expect(sci(1.5e-10)).toBe("1.5e-10");
    expect(sci(-2e-9)).toBe("-2e-9");
    expect(sci(0)).toBe("0");
    expect(sci(NaN)).toBe("NaN");
    expect(sci(1)).toBe("1e0");
    expect(sci(123456789.4)).toBe("1.23456789e8");
    expect(sci(9.999999999e-10)).toBe("1e-9");
    expect(sci(6.502755469555342e-7)).toBe("6.50275547e-7");
    expect(sci(1e-15)).toBe("1e-15");
  });

  it("round-trips to 9 significant digits over 20 decades", () => {
    const rng = new Rng(7);
    for (let i = 0; i < 20000; i++) {
      const x = (rng.chance(0.5) ? -1 : 1) * Math.pow(10, rng.between(-18, 2));
      const back = Number(sci(x));
      expect(Math.abs(back - x) / Math.abs(x)).toBeLessThanOrEqual(5.0001e-9);
    }
  });

  it("writes times with a fixed number of decimals", () => {
    expect(fixed(0, 3)).toBe("0.000");
    expect(fixed(12.3456, 3)).toBe("12.346");
    expect(fixed(35999.99995, 6)).toBe("35999.999950");
    expect(fixed(-1.5, 2)).toBe("-1.50");
    expect(timeDecimals(1000)).toBe(4);
    expect(timeDecimals(20000)).toBe(6);
    expect(timeDecimals(10)).toBe(3);
  });

  it("formats rows: overflow as 9.9e37, NaN as NaN", () => {
    const c = chunkOf([0, 0.001, 0.002], [1e-9, NaN, 9.9e37], [0, SampleFlag.Missing, SampleFlag.Overflow]);
    const buf = Buffer.alloc(3 * MAX_ROW_BYTES);
    const n = formatRows(c, 4, buf);
    expect(CSV_HEADER + buf.toString("latin1", 0, n)).toBe("Time (s),Current (A)\n0.0000,1e-9\n0.0010,NaN\n0.0020,9.9e37\n");
  });
});
