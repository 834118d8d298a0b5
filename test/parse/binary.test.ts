import { existsSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { craft, errorOf } from "./helpers.js";

describe("binary files users hand over instead of a text export", () => {
  const cases: [string, Buffer, string][] = [
    ["book.xlsx", Buffer.from("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "latin1"), "a ZIP container (an .xlsx/.ods workbook, or a .zip archive): export the sheet as CSV, or unzip it"],
    ["run.mpr", Buffer.from("BIO-LOGIC MODULAR FILE\x1a\x00\x00\x00\x01", "latin1"), "an EC-Lab binary .mpr file: export it as text (.mpt) from EC-Lab"],
    ["log.tdms", Buffer.from("TDSm\x0e\x00\x00\x00\x69\x12", "latin1"), "a LabVIEW TDMS file: export the channel as text (CSV or LVM)"],
    ["data.h5", Buffer.from("\x89HDF\r\n\x1a\n\x00\x00", "latin1"), "an HDF5 file: export time and current as CSV"],
    ["cell.abf", Buffer.from("ABF2\x00\x00\x00\x02", "latin1"), "an Axon binary ABF file: export it as ATF (text) from Clampfit"],
    ["old.xls", Buffer.from("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "latin1"), "an OLE2 container (an .xls workbook?): export the sheet as CSV"],
  ];
  for (const [name, bytes, what] of cases) {
    it(`${name}: one line saying what it is and what to export instead`, async () => {
      const f = craft(bytes, name);
      expect(await errorOf(f)).toBe(`${f}: not a text trace: ${what}`);
    });
  }
});

describe("a refused file is released at once", () => {
  it.skipIf(!existsSync("/proc/self/fd"))("no descriptor is left open after an error in the middle of a big file's body", async () => {
    const row = (k: number) => `${(k * 1e-3).toFixed(3)},${(1e-10 * ((k * 7919) % 13)).toExponential(3)}\n`;
    let body = "t,I\n";
    for (let k = 0; k < 20000; k++) body += row(k);
    body += "x".repeat(3 * 1024 * 1024) + "\n";
    for (let k = 20000; k < 400000; k++) body += row(k);
    // plain and gzip (random-ish rows keep the .gz well over one read of 1 MiB)
    for (const [name, bytes] of [["long-line.csv", Buffer.from(body)], ["long-line.csv.gz", gzipSync(body)]] as const) {
      const f = craft(bytes, name);
      const before = readdirSync("/proc/self/fd").length;
      expect(await errorOf(f)).toMatch(new RegExp(`${name.replaceAll(".", "\\.")}:20002: line longer than 1048576 bytes: not a line-oriented trace$`));
      expect(readdirSync("/proc/self/fd").length, name).toBe(before);
    }
  });

  // a batch over an archive of refused files must not hold a descriptor per file until the GC runs
  const fdDir = "/proc/self/fd";
  it.skipIf(!existsSync(fdDir))("no descriptor is left open after a binary file bigger than the sniffed head", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024);
    big.write("PK\x03\x04", 0, "latin1");
    const f = craft(big, "archive.zip");
    const before = readdirSync(fdDir).length;
    expect(await errorOf(f)).toMatch(/not a text trace: a ZIP container/);
    expect(readdirSync(fdDir).length).toBe(before);
  });
});
