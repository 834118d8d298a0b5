// Every real instrument export in ../shared/real: read with the right columns, units, rows and end values, or refused clearly.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readAll } from "./helpers.js";

const REAL = fileURLToPath(new URL("../../../shared/real/", import.meta.url));
const present = existsSync(REAL);
if (!present) console.warn(`[conformance] SKIPPED: ${REAL} is absent (a clone outside the workplace); real-file conformance not checked`);

interface Expect {
  format: string;
  time: string;
  timeUnit: string;
  current: string;
  currentUnit: string;
  rows: number;
  first: [number, number];
  last: [number, number];
  candidates?: string[];
  more?: (r: Awaited<ReturnType<typeof readAll>>) => void;
}

const EXPECTED: Record<string, Expect | { refuse: RegExp }> = {
  "eclab-ca.mpt": {
    format: "eclab-mpt", time: "time/s", timeUnit: "s", current: "I/mA", currentUnit: "mA", rows: 721,
    first: [1.088742284907824e5, 1.8604061e-2 / 1e3], last: [1.520742269261391e5, 2.765074e-6 / 1e3],
    more: (r) => {
      expect(r.info.encoding).toMatch(/latin-1/);
      expect(r.info.headerLine).toBe(68);
    },
  },
  "eclab-ca-decimalcomma.mpt": {
    format: "eclab-mpt", time: "time/s", timeUnit: "s", current: "<I>/mA", currentUnit: "mA", rows: 80,
    first: [2.065059947832196e1, 9.693702445496222e-3 / 1e3], last: [6.299353971363016e2, 1.332343220587126e-2 / 1e3],
    more: (r) => expect(r.info.decimalMark).toBe(","),
  },
  "gamry-chronoa.dta": {
    format: "gamry-dta", time: "T", timeUnit: "s", current: "Im", currentUnit: "A", rows: 10,
    first: [0, -2.34197e-8], last: [270, 3e-9],
    more: (r) => {
      expect(r.info.headerLine).toBe(65);
      expect(r.summary.overloadCount).toBe(0);
    },
  },
  "gamry-chronoa-de.dta": {
    format: "gamry-dta", time: "T", timeUnit: "s", current: "Im", currentUnit: "A", rows: 10,
    first: [0, -2e-8], last: [270, 3e-9], more: (r) => expect(r.info.decimalMark).toBe(","),
  },
  "protochips-electrical.csv": {
    format: "protochips-csv", time: "Time", timeUnit: "ms", current: "Channel A Current", currentUnit: "A", rows: 154,
    first: [0, -6.91414e-13], last: [15276 / 1e3, 0], candidates: ["Channel B Current"],
    more: (r) => {
      expect(r.info.metadata["Time units"]).toBe("Milliseconds");
      expect(r.info.delimiter).toBe("comma+space");
    },
  },
  "dens-digiheater.dens": {
    format: "dens-digiheater", time: "time", timeUnit: "s", current: "Iheat[mA]", currentUnit: "mA", rows: 7,
    first: [13 * 3600 + 54 * 60 + 37.68, 0.267806 / 1e3], last: [13 * 3600 + 54 * 60 + 39.66, 0.961052 / 1e3],
    more: (r) => expect(r.info.timeFormat).toMatch(/clock time without date/),
  },
  "dens-impulse-synchronized.csv": {
    format: "dens-impulse", time: "Experiment time", timeUnit: "s", current: "Channel#1", currentUnit: "A", rows: 775,
    first: [7.787, 2.73e-10], last: [403.662, 1.86e-10], candidates: ["Channel#2", "Channel#3", "Channel#4"],
  },
  "dens-impulse-metadata.log": { refuse: /: a DENSsolutions Impulse metadata sidecar \(key, value lines\), not a current trace/ },
  "keithley-kickstart-diode-rev.csv": {
    format: "keithley-kickstart", time: "Time (s)", timeUnit: "s", current: "Current (A)", currentUnit: "A", rows: 101,
    first: [0, -3.99e-9], last: [106.932769, -6.89e-9], more: (r) => expect(r.info.headerLine).toBe(36),
  },
  "keithley-2450-stream.txt": {
    format: "delimited", time: "Time", timeUnit: "s", current: "Current", currentUnit: "A", rows: 550,
    first: [0, -3.044e-3], last: [NaN, 2.741e-3],
    more: (r) => {
      expect(r.summary.nonMonotonicCount).toBe(21);
      expect(r.info.assumptions).toContain('current unit A assumed: column "Current" gives none');
      // time made continuous: strictly increasing over all 22 sweeps
      expect(r.time_s.every((t, k) => k === 0 || t > r.time_s[k - 1]!)).toBe(true);
    },
  },
  "chi612e-it-truncated.txt": {
    format: "chi-txt", time: "Time/sec", timeUnit: "s", current: "Current/A", currentUnit: "A", rows: 46483,
    first: [0.1, 3.151e-6], last: [4650, 2.503e-6],
    more: (r) => {
      expect(r.summary.duplicateTimeCount).toBe(32833);
      expect(r.summary.gapCount).toBe(0);
      expect(r.summary.warnings).toContain('last row (line 46612) is incomplete and was dropped: "4.651e+"');
    },
  },
  "labview-electrometer-pA.lvm": {
    format: "labview-log", time: "ti_201202_000", timeUnit: "s", current: "14_201202_000", currentUnit: "A", rows: 4237,
    first: [0, 6.809415e-12], last: [847.190234, 1.794851e-11], candidates: ["28_201202_000", "78_201202_000", "92_201202_000"],
  },
  "axon-atf-18702001-step.atf": {
    format: "axon-atf", time: "Time (s)", timeUnit: "s", current: "Trace #1 (pA)", currentUnit: "pA", rows: 20000,
    first: [0, -10.498 / 1e12], last: [0.99995, -11.7187 / 1e12], candidates: ["Trace #2 (pA)", "Trace #3 (pA)"],
  },
  "pec-sbt-test25205.csv": {
    format: "pec-csv", time: "Total Time (Hours in hh:mm:ss.xxx)", timeUnit: "s", current: "Current (A)", currentUnit: "A", rows: 489,
    first: [0.002, 0], last: [19 * 3600 + 41 * 60 + 58.98, 0],
    more: (r) => {
      expect(r.info.currentControlled).toBe(true);
      expect(r.current_A.filter((i) => i === 0).length).toBe(484);
    },
  },
  "maccor-export-ctrlchars.txt": {
    format: "maccor-txt", time: "TestTime", timeUnit: "min", current: "Current [A]", currentUnit: "A", rows: 7446,
    first: [0, 0], last: [3809.841833 * 60, -0.00016037],
    more: (r) => {
      expect(r.info.currentControlled).toBe(true);
      expect(r.current_A.filter((i) => i < 0).length).toBeGreaterThan(3000);
      expect(r.current_A.filter((i) => i === 0).length).toBeGreaterThanOrEqual(361);
    },
  },
  "autolab-nova-cv-tab.txt": {
    format: "autolab-nova", time: "Time (s)", timeUnit: "s", current: "WE(1).Current (A)", currentUnit: "A", rows: 506,
    first: [42.680145892243, -1.009521484375e-7], last: [52.697325866952, -1.2713623046875e-7],
  },
};

describe.skipIf(!present)("real instrument exports (../shared/real)", () => {
  const files = present ? readdirSync(REAL).filter((f) => f !== "MANIFEST.md") : [];
  it("has an expectation for every file in the folder", () => {
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });
  for (const [name, exp] of Object.entries(EXPECTED)) {
    it(name, async () => {
      const path = REAL + name;
      if ("refuse" in exp) {
        const err = await readAll(path).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(InputError);
        expect((err as Error).message).toMatch(exp.refuse);
        expect((err as Error).message).not.toContain("\n");
        return;
      }
      const r = await readAll(path);
      expect(r.info.format).toBe(exp.format);
      expect(r.info.timeColumn?.name).toBe(exp.time);
      expect(r.info.timeUnit).toBe(exp.timeUnit);
      expect(r.info.currentColumn.name).toBe(exp.current);
      expect(r.info.currentUnit).toBe(exp.currentUnit);
      expect(r.summary.rows).toBe(exp.rows);
      expect(r.time_s.length).toBe(exp.rows);
      const n = r.time_s.length - 1;
      expect(r.time_s[0]).toBeCloseTo(exp.first[0], 9);
      expect(r.current_A[0]).toBe(exp.first[1]);
      if (!Number.isNaN(exp.last[0])) expect(r.time_s[n]).toBeCloseTo(exp.last[0], 9);
      expect(r.current_A[n]).toBe(exp.last[1]);
      if (exp.candidates) expect(r.info.currentCandidates).toEqual(exp.candidates);
      exp.more?.(r);
    });
  }
});
