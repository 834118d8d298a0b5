// Bad input: one-line InputErrors naming the file (and line), never another exception.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { craft, errorOf } from "./helpers.js";

describe("bad input gives one exact line", () => {
  it("missing file", async () => {
    expect(await errorOf("/nonexistent/trace.csv")).toBe("/nonexistent/trace.csv: no such file");
  });
  it("a directory", async () => {
    expect(await errorOf("/tmp")).toBe("/tmp: is a directory, not a trace file");
  });
  it("empty file", async () => {
    const f = craft("");
    expect(await errorOf(f)).toBe(`${f}: empty file`);
  });
  it("blank lines only", async () => {
    const f = craft("\n\r\n  \n");
    expect(await errorOf(f)).toBe(`${f}: empty file (only blank lines)`);
  });
  it("header only", async () => {
    const f = craft("Time (s),Current (A)\n");
    expect(await errorOf(f)).toBe(`${f}:1: header only: no data rows after the column header on line 1`);
  });
  it("no numeric column", async () => {
    const f = craft("name,colour\nfoo,red\nbar,blue\n");
    expect(await errorOf(f)).toMatch(new RegExp(`^${f}: no table of time and current found: `));
  });
  it("a delimiter that yields one column", async () => {
    const f = craft("Time (s)|Current (A)\n0|1e-9\n1|2e-9\n");
    expect(await errorOf(f)).toMatch(new RegExp(`^${f}: no table of time and current found`));
  });
  it("a current column with text only", async () => {
    const f = craft("Time (s),Current (A)\n0,abc\n1,def\n");
    expect(await errorOf(f)).toMatch(/no table of time and current found|no numeric data in current column/);
  });
  it("unknown current unit names file, line and unit", async () => {
    const f = craft("Time (s),Current (furlongs)\n0,1\n1,2\n");
    expect(await errorOf(f)).toBe(`${f}:1: unknown current unit "furlongs" in column "Current (furlongs)" (use --current-unit A|mA|uA|nA|pA|fA)`);
  });
  it("unknown time unit", async () => {
    const f = craft("Time (fortnights),Current (A)\n0,1\n1,2\n");
    expect(await errorOf(f)).toBe(`${f}:1: unknown time unit "fortnights" in column "Time (fortnights)" (use --time-unit s|ms|us|min|h)`);
  });
  it("no time column and no --rate", async () => {
    const f = craft("Current (nA)\n1\n2\n3\n");
    expect(await errorOf(f)).toBe(`${f}:1: no time column found (columns: "Current (nA)"); give --time-col or --rate HZ`);
  });
  it("binary data", async () => {
    const f = craft(Buffer.from([0x51, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x10, 0x11, 0x12]));
    expect(await errorOf(f)).toBe(`${f}: not a text trace (binary data: NUL bytes)`);
  });
  it("control-byte soup", async () => {
    const b = Buffer.alloc(4000);
    for (let k = 0; k < b.length; k++) b[k] = (k * 7919) % 31 === 0 ? 65 : 1 + ((k * 13) % 8);
    const f = craft(b);
    expect(await errorOf(f)).toMatch(new RegExp(`^${f}: not a text trace \\(binary data: \\d+ control bytes in the first 4000 bytes\\)$`));
  });
  it("a 50 MB line", async () => {
    const f = craft("Time (s),Current (A)\n0,1\n1," + "9".repeat(50 * 1024 * 1024) + "\n2,3\n");
    expect(await errorOf(f)).toBe(`${f}:3: line longer than 1048576 bytes: not a line-oriented trace`);
  }, 20000);
  it("truncated gzip", async () => {
    const gz = gzipSync(Buffer.from("Time (s),Current (A)\n" + Array.from({ length: 5000 }, (_, k) => `${k},${k * 1e-9}`).join("\n")));
    const f = craft(gz.subarray(0, gz.length - 200), "cut.csv.gz");
    expect(await errorOf(f)).toMatch(new RegExp(`^${f}: truncated or corrupt gzip data \\(unexpected end of file\\)$`));
  });
  it("unknown column override", async () => {
    const f = craft("Time (s),Current (A)\n0,1\n");
    expect(await errorOf(f, { currentCol: "Im" })).toBe(`${f}: no current column "Im"; columns are: "Time (s)", "Current (A)"`);
    expect(await errorOf(f, { timeCol: "5" })).toBe(`${f}: time column 5 does not exist: the file has 2 columns`);
  });
});
