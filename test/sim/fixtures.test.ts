import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CSV_HEADER, MAX_ROW_BYTES, formatRows, timeDecimals } from "../../src/sim/csv.js";
import { createSimulation } from "../../src/sim/index.js";
import type { SimTruth } from "../../src/sim/types.js";

const dir = new URL("../../fixtures/", import.meta.url);
const FIXTURES = ["latp-fuse", "llzto-negative", "hybrid-stable", "lgps-soft"];

describe("committed fixtures are exactly what the simulator writes", () => {
  for (const name of FIXTURES) {
    it(name, () => {
      const truth = JSON.parse(readFileSync(new URL(`${name}.truth.json`, dir), "utf8")) as SimTruth;
      const sim = createSimulation(truth.spec);
      expect(JSON.parse(JSON.stringify(sim.truth))).toEqual(truth);
      const parts: Buffer[] = [Buffer.from(CSV_HEADER)];
      const buf = Buffer.alloc(4096 * MAX_ROW_BYTES);
      for (const c of sim.chunks(4096)) parts.push(Buffer.from(buf.subarray(0, formatRows(c, timeDecimals(truth.spec.rate_hz), buf))));
      const csv = readFileSync(new URL(`${name}.csv`, dir));
      expect(csv.length).toBeLessThan(1_000_000);
      expect(Buffer.concat(parts).equals(csv)).toBe(true);
    });
  }
});
