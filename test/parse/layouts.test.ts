// Crafted layouts: delimiters, decimal comma, preambles, units in every style, flags and footers.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SampleFlag } from "../../src/trace.js";
import { craft, readAll } from "./helpers.js";

describe("delimiters and decimal marks", () => {
  it("semicolon with decimal comma (decided from the data, not the header)", async () => {
    const r = await readAll(craft("Note; version 1.5\nTime (s);Current (nA)\n0,5;1,25\n1,5;-2,5E-1\n"));
    expect(r.info.delimiter).toBe("semicolon");
    expect(r.info.decimalMark).toBe(",");
    expect(r.time_s).toEqual([0.5, 1.5]);
    expect(r.current_A).toEqual([1.25e-9, -0.25e-9]);
  });
  it("tab with decimal comma", async () => {
    const r = await readAll(craft("t [ms]\tI [uA]\n0\t1,5\n2\t2,5\n"));
    expect(r.info.decimalMark).toBe(",");
    expect(r.time_s).toEqual([0, 0.002]);
    expect(r.current_A).toEqual([1.5e-6, 2.5e-6]);
  });
  it("whitespace-aligned columns", async () => {
    const r = await readAll(craft("  time/s    I/mA\n  0.0   1.0\n  0.5   -2.0\n"));
    expect(r.info.delimiter).toBe("whitespace");
    expect(r.current_A).toEqual([1e-3, -2e-3]);
  });
  it("comma+space, quoted numbers, trailing empty fields, more fields than names", async () => {
    const r = await readAll(craft('Time, Current\n"0", "1e-9",,\n1, 2e-9, x, y, z\n'));
    expect(r.info.delimiter).toBe("comma+space");
    expect(r.current_A).toEqual([1e-9, 2e-9]);
  });
});

describe("preambles and headers", () => {
  it("key = value, Key:,value, dotted settings, blank and bare-delimiter rows, a units row", async () => {
    const text = [
      "Instrument = Demo 1000",
      "Operator:,Ada",
      "..Range,Auto",
      "# a comment line",
      "",
      "Elapsed Time,Voltage,Current",
      "s,V,µA",
      ",,",
      "",
      "10,0.1,1.5",
      "11,0.1,2.5",
    ].join("\r\n");
    const r = await readAll(craft(text));
    expect(r.info.headerLine).toBe(6);
    expect(r.info.currentUnit).toBe("uA");
    expect(r.info.metadata.Instrument).toBe("Demo 1000");
    expect(r.info.metadata.Operator).toBe("Ada");
    expect(r.time_s).toEqual([10, 11]);
    expect(r.current_A).toEqual([1.5e-6, 2.5e-6]);
  });
  it("units-only header row", async () => {
    const r = await readAll(craft("s,µA\n0,1\n1,2\n"));
    expect(r.info.timeUnit).toBe("s");
    expect(r.info.currentUnit).toBe("uA");
    expect(r.current_A).toEqual([1e-6, 2e-6]);
  });
  it("headerless two numeric columns: time and current assumed, said so", async () => {
    const r = await readAll(craft("0,1e-9\n0.001,2e-9\n"));
    expect(r.info.assumptions).toEqual([
      "no column names: column 2 taken as current",
      "no column names: column 1 taken as time",
      'time unit s assumed: column "column 1" gives none',
      'current unit A assumed: column "column 2" gives none',
    ]);
    expect(r.current_A).toEqual([1e-9, 2e-9]);
  });
  it("one current column with --rate", async () => {
    const r = await readAll(craft("I (nA)\n1\n2\n3\n"), { rate_hz: 4 });
    expect(r.time_s).toEqual([0, 0.25, 0.5]);
    expect(r.current_A).toEqual([1e-9, 2e-9, 3e-9]);
    expect(r.info.timeFormat).toBe("none: row index / 4 Hz");
  });
  it("footer statistics rows are skipped with a warning", async () => {
    const r = await readAll(craft("Time (s),Current (A)\n0,1\n1,2\n\nMin,1\nMax,2\nMean,1.5\n"));
    expect(r.summary.rows).toBe(2);
    expect(r.summary.skippedRows).toBe(3);
    expect(r.summary.warnings).toEqual(['3 rows that are not samples were skipped (first at line 5: "Min,1")']);
  });
});

describe("column names and units", () => {
  const cases: [string, string, number, number][] = [
    ["Time (s),Current (A)", "1,1", 1, 1],
    ["t [ms],I [nA]", "1000,1", 1, 1e-9],
    ["time/s,<I>/mA", "1,1", 1, 1e-3],
    ["Time/sec,Current/A", "1,1", 1, 1],
    ["T,Im", "1,1", 1, 1],
    ["Time_s,I_WE_A", "1,1", 1, 1],
    ["Time (min),WE(1).Current (µA)", "1,1", 60, 1e-6],
    ["Time (h),I (pA)", "1,1", 3600, 1e-12],
    ["Time (us),I (fA)", "1,1", 1e-6, 1e-15],
    ["Time (μs),Current (μA)", "1,1", 1e-6, 1e-6],
  ];
  for (const [header, row, t, i] of cases) {
    it(header, async () => {
      const r = await readAll(craft(`${header}\n${row}\n`));
      expect(r.time_s[0]).toBe(t);
      expect(r.current_A[0]).toBe(i);
    });
  }
  it("several current columns: the first is chosen and the others listed", async () => {
    const r = await readAll(craft("Time (s),Channel A Current (nA),Channel B Current (nA)\n0,1,2\n"));
    expect(r.info.currentColumn.name).toBe("Channel A Current (nA)");
    expect(r.info.currentCandidates).toEqual(["Channel B Current (nA)"]);
    expect(r.info.assumptions[0]).toBe('current column "Channel A Current (nA)" chosen (the first current-like one); others: "Channel B Current (nA)" (choose with --current-col)');
  });
  it("overrides by name and 1-based index, with units", async () => {
    const f = craft("a,b,c\n1,2,3\n2,4,6\n");
    const r = await readAll(f, { timeCol: "1", currentCol: "c", timeUnit: "ms", currentUnit: "nA" });
    expect(r.time_s).toEqual([0.001, 0.002]);
    expect(r.current_A).toEqual([3e-9, 6e-9]);
  });
});

describe("time representations", () => {
  it("hh:mm:ss.fff with hours above 24", async () => {
    const r = await readAll(craft("Total Time,Current (A)\n23:59:59.5,1\n27:55:43.25,2\n"));
    expect(r.time_s).toEqual([86399.5, 27 * 3600 + 55 * 60 + 43.25]);
  });
  it("d.hh:mm:ss.fff", async () => {
    const r = await readAll(craft("Time,Current (A)\n00.00:06:45.416,1\n01.00:00:00,2\n"));
    expect(r.time_s).toEqual([405.416, 86400]);
  });
  it("wall clock across midnight", async () => {
    const r = await readAll(craft("Time,Current (A)\n23:59:59,1\n00:00:01,2\n"));
    expect(r.time_s).toEqual([86399, 86401]);
    expect(r.summary.nonMonotonicCount).toBe(0);
  });
  it("ISO 8601 date-times", async () => {
    const r = await readAll(craft("Timestamp,Current (A)\n2024-11-07 13:38:29,1\n2024-11-07T13:38:30.5Z,2\n"));
    expect(r.time_s[1]! - r.time_s[0]!).toBe(1.5);
    expect(r.info.timeFormat).toMatch(/^ISO 8601/);
  });
  it("US date-time with AM/PM: order stated", async () => {
    const r = await readAll(craft("DPT Time,Current (A)\n5/11/2021 11:59:59 AM,1\n5/11/2021 12:00:01 PM,2\n"));
    expect(r.time_s[1]! - r.time_s[0]!).toBe(2);
    expect(r.info.timeFormat).toBe("date-time M/D/Y hh:mm:ss AM/PM");
    expect(r.info.assumptions).toContain("dates read as M/D/Y: ambiguous in the first rows; AM/PM clock suggests US month/day order");
  });
  it("D/M/Y decided by a day above 12", async () => {
    const r = await readAll(craft("Date Time,Current (A)\n13/01/2024 00:00:00,1\n14/01/2024 00:00:00,2\n"));
    expect(r.time_s[1]! - r.time_s[0]!).toBe(86400);
    expect(r.info.assumptions).toContain("dates read as D/M/Y: a first field above 12 was seen");
  });
  it("time not starting at 0 keeps the file's axis", async () => {
    const r = await readAll(craft("Time (s),Current (A)\n108874.2,1\n108874.7,2\n"));
    expect(r.time_s).toEqual([108874.2, 108874.7]);
  });
});

describe("artefacts", () => {
  it("NaN, empty, text, overflow and Inf are flagged, counted, kept", async () => {
    const r = await readAll(craft("Time (s),Current (A)\n0,1\n1,NaN\n2,\n3,abc\n4,9.9e37\n5,-Inf\n6,2\n"));
    expect(r.flags).toEqual([0, SampleFlag.Missing, SampleFlag.Missing, SampleFlag.Missing, SampleFlag.Overflow, SampleFlag.Overflow, 0]);
    expect(r.summary.missingCount).toBe(3);
    expect(r.summary.overflowCount).toBe(2);
    expect(r.current_A[1]).toBeNaN();
    expect(r.current_A[6]).toBe(2);
  });
  it("time reset between sweeps becomes continuous, flagged", async () => {
    const r = await readAll(craft("Time,Current\n0,1\n1,2\n2,3\n0,4\n1,5\n"));
    expect(r.time_s).toEqual([0, 1, 2, 3, 4]);
    expect(r.flags[3]).toBe(SampleFlag.Discontinuity);
    expect(r.summary.nonMonotonicCount).toBe(1);
  });
  it("duplicate stamps kept and counted; gaps flagged", async () => {
    const rows = Array.from({ length: 30 }, (_, k) => `${k < 20 ? k : k + 100},1`);
    rows.splice(5, 0, "4,1");
    const r = await readAll(craft(`Time,Current\n${rows.join("\n")}\n`));
    expect(r.summary.duplicateTimeCount).toBe(1);
    expect(r.summary.gapCount).toBe(1);
    expect(r.flags[21]).toBe(SampleFlag.Discontinuity);
    expect(r.summary.medianInterval_s).toBe(1);
  });
  it("range column changes and overload column", async () => {
    const r = await readAll(craft("Time (s)\tWE(1).Current (A)\tCurrent range\tCurrent overload\n0\t1e-7\t1 µA\tFalse\n1\t1e-5\t1 µA\tTrue\n2\t1e-8\t100 nA\tFalse\n"));
    expect(r.flags).toEqual([0, SampleFlag.Overload, SampleFlag.RangeChange]);
    expect(r.summary.rangeChanges).toEqual([{ time_s: 2, range: "100 nA" }]);
    expect(r.summary.overloadCount).toBe(1);
  });
  it("a reading pinned at full scale (10x a current range) is flagged Overload", async () => {
    const r = await readAll(craft("Time (s)\tWE(1).Current (A)\tCurrent range\n0\t1E-07\t1 µA\n1\t1E-05\t1 µA\n2\t-1E-05\t1 µA\n3\t9.9E-06\t1 µA\n"));
    expect(r.flags).toEqual([0, SampleFlag.Overload, SampleFlag.Overload, 0]);
  });
  it("truncated last row dropped with a warning", async () => {
    const r = await readAll(craft("Time, Current\r\n1, 2\r\n2, 3\r\n3.0e+"));
    expect(r.summary.rows).toBe(2);
    expect(r.summary.warnings).toEqual(['last row (line 4) is incomplete and was dropped: "3.0e+"']);
  });
  it("a complete last row without newline is kept", async () => {
    const r = await readAll(craft("Time, Current\n1, 2\n2, 3"));
    expect(r.current_A).toEqual([2, 3]);
  });
});

describe("input layer", () => {
  const text = "Time (s),Current (µA)\n0,1.5\n1,2.5\n";
  const expectSame = (r: Awaited<ReturnType<typeof readAll>>): void => {
    expect(r.time_s).toEqual([0, 1]);
    expect(r.current_A).toEqual([1.5e-6, 2.5e-6]);
  };
  it("gzip by magic bytes, whatever the name", async () => {
    const r = await readAll(craft(gzipSync(text), "trace.csv"));
    expect(r.info.compression).toBe("gzip");
    expectSame(r);
  });
  it("UTF-8 BOM", async () => {
    const r = await readAll(craft(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])));
    expect(r.info.encoding).toBe("utf-8 (BOM)");
    expectSame(r);
  });
  it("UTF-16LE with BOM, UTF-16BE with BOM, UTF-16LE without BOM", async () => {
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    let r = await readAll(craft(Buffer.concat([Buffer.from([0xff, 0xfe]), le])));
    expect(r.info.encoding).toBe("utf-16le (BOM)");
    expectSame(r);
    r = await readAll(craft(Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
    expect(r.info.encoding).toBe("utf-16be (BOM)");
    expectSame(r);
    r = await readAll(craft(le));
    expect(r.info.encoding).toBe("utf-16le (no BOM, from the NUL pattern)");
    expectSame(r);
  });
  it("CR-only line endings", async () => {
    const r = await readAll(craft(text.replace(/\n/g, "\r")));
    expect(r.info.encoding).toBe("utf-8, CR line endings");
    expectSame(r);
  });
  it("Latin-1 when the bytes are not UTF-8", async () => {
    const r = await readAll(craft(Buffer.from("Area = 1 cm\xb2\nTime (s),Current (\xb5A)\n0,1.5\n1,2.5\n", "latin1")));
    expect(r.info.encoding).toBe("latin-1 (bytes are not valid UTF-8)");
    expectSame(r);
  });
});
