// Random mutations of valid files: a valid trace or an InputError, never another exception or a hang.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { craft, readAll } from "./helpers.js";

const SEEDS: Buffer[] = [
  Buffer.from("Time (s),Current (A)\n0,1e-9\n0.001,2e-9\n0.002,NaN\n0.003,-4e-9\n"),
  Buffer.from("EC-Lab ASCII FILE\nNb header lines : 4\n\nmode\ttime/s\tI/mA\tI Range\n2\t1,5\t2,5E-003\t41\n2\t2,0\t3,5E-003\t42\n"),
  Buffer.from("EXPLAIN\nTAG\tCHRONOA\nCURVE\tTABLE\t2\n\tPt\tT\tVf\tIm\tOver\n\t#\ts\tV vs. Ref.\tA\tbits\n\t0\t0\t0.5\t1E-9\t...\n\t1\t1\t0.5\t2E-9\t.i.\n"),
  Buffer.from("Time, Notes, Channel A Current\n0, Time units = Milliseconds, 0\n0, , 1e-12\n100, , 2e-12\n"),
  Buffer.from('"\\t.Model","\\t2450",,\n,,,\nIndex,Time (s),Voltage (V),Current (A)\n1,0,0,-4E-09\n2,1.0,0,-5E-09\n'),
  Buffer.from("Elapsed,I (nA)\n00:00:01.5,1\n00:00:02.5,2\n"),
  Buffer.from("Time (s)\tCurrent (µA)\r\n0\t1,5\r\n1\t2,5\r\n", "latin1"),
];

// small real exports join the seeds when the shared folder is present
const REAL = fileURLToPath(new URL("../../../shared/real/", import.meta.url));
for (const name of ["gamry-chronoa-de.dta", "protochips-electrical.csv", "dens-digiheater.dens", "keithley-kickstart-diode-rev.csv", "dens-impulse-metadata.log"]) {
  if (existsSync(REAL + name)) SEEDS.push(readFileSync(REAL + name));
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("dup" as const), at: fc.nat(), len: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ unit: "grapheme", maxLength: 8 }) }),
  fc.record({ kind: fc.constant("byte" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

function apply(buf: Buffer, muts: { kind: string; [k: string]: unknown }[]): Buffer {
  let b = Buffer.from(buf);
  for (const m of muts) {
    const at = (Number(m.at ?? 0) % (b.length + 1)) | 0;
    if (m.kind === "cut") b = b.subarray(0, at);
    else if (m.kind === "dup") b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + Number(m.len)), b.subarray(at)]);
    else if (m.kind === "swap" && b.length > 1) {
      const i = Number(m.a) % b.length;
      const j = Number(m.b) % b.length;
      [b[i], b[j]] = [b[j]!, b[i]!];
    } else if (m.kind === "insert") b = Buffer.concat([b.subarray(0, at), Buffer.from(String(m.text)), b.subarray(at)]);
    else if (m.kind === "byte" && b.length > 0) b[at % b.length] = Number(m.value);
  }
  return b;
}

describe("mutated inputs", () => {
  it("are read or refused with an InputError, nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), async (seed, muts, gz) => {
        let bytes = apply(SEEDS[seed]!, muts);
        if (gz) bytes = gzipSync(bytes);
        const f = craft(bytes);
        try {
          const r = await readAll(f, { chunkSize: 3 });
          expect(r.summary.rows).toBe(r.time_s.length);
          expect(r.summary.rows).toBeGreaterThan(0);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.message).not.toContain("\n");
        }
      }),
      { numRuns: 300 },
    );
  }, 30000);
});
