import { existsSync, readdirSync } from "node:fs";
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
