// One crafted file per vendor module (runs without ../shared): the module claims it and applies its convention.
import { describe, expect, it } from "vitest";
import { SampleFlag } from "../../src/trace.js";
import { craft, errorOf, readAll } from "./helpers.js";

describe("vendor modules", () => {
  it("eclab-mpt: header line from 'Nb header lines', decimal comma, I Range changes", async () => {
    const r = await readAll(craft(Buffer.from("EC-Lab ASCII FILE\nNb header lines : 5\n\nChronoamperometry / Chronocoulometry\nmode\ttime/s\t<I>/mA\tI Range\t\n2\t1,5\t2,5E-003\t41\t\n2\t2,0\t3,5E-003\t42\t\n", "latin1")));
    expect(r.info.format).toBe("eclab-mpt");
    expect(r.info.headerLine).toBe(5);
    expect(r.time_s).toEqual([1.5, 2]);
    expect(r.current_A).toEqual([2.5e-6, 3.5e-6]);
    expect(r.flags).toEqual([0, SampleFlag.RangeChange]);
    expect(r.info.metadata.technique).toBe("Chronoamperometry / Chronocoulometry");
  });
  it("gamry-dta: CURVE TABLE count ignored, units row, Over bits flag Overload", async () => {
    const r = await readAll(craft("EXPLAIN\nTAG\tCHRONOA\nNOTES\tNOTES\t1\t&Notes...\n\tfree text that starts with a tab\nCURVE\tTABLE\t5258\n\tPt\tT\tVf\tIm\tOver\n\t#\ts\tV vs. Ref.\tA\tbits\n\t0\t0\t0.5\t1E-9\t.....\n\t1\t30\t0.5\t2E-9\t..i..\n"));
    expect(r.info.format).toBe("gamry-dta");
    expect(r.info.currentColumn.name).toBe("Im");
    expect(r.info.currentColumn.unit).toBe("A");
    expect(r.time_s).toEqual([0, 30]);
    expect(r.flags).toEqual([0, SampleFlag.Overload]);
    expect(r.info.metadata.TAG).toBe("CHRONOA");
  });
  it("gamry-dta: a second CURVE table is read on, its title rows skipped, time made continuous", async () => {
    const r = await readAll(craft("EXPLAIN\nTAG\tCHRONOA\nCURVE\tTABLE\t2\n\tPt\tT\tVf\tIm\n\t#\ts\tV\tA\n\t0\t0\t0.5\t1E-9\n\t1\t1\t0.5\t2E-9\nCURVE2\tTABLE\t2\n\tPt\tT\tVf\tIm\n\t#\ts\tV\tA\n\t0\t0\t0.5\t3E-9\n\t1\t1\t0.5\t4E-9\n"));
    expect(r.current_A).toEqual([1e-9, 2e-9, 3e-9, 4e-9]);
    expect(r.time_s).toEqual([0, 1, 2, 3]);
    expect(r.summary.skippedRows).toBe(3);
    expect(r.summary.nonMonotonicCount).toBe(1);
  });
  it("protochips-csv: metadata rows give ms and A and are not samples", async () => {
    const r = await readAll(craft("Time, Notes, Channel A Current, Channel B Current\n0, Time units = Milliseconds, 0, 0\n0, Current units = Amps, 0, 0\n0, , 1e-12, 0\n250, , 2e-12, 0\n"));
    expect(r.info.format).toBe("protochips-csv");
    expect(r.time_s).toEqual([0, 0.25]);
    expect(r.current_A).toEqual([1e-12, 2e-12]);
    expect(r.summary.duplicateTimeCount).toBe(0);
  });
  it("axon-atf: records skipped, the pA sweeps offered, the (A) signal not", async () => {
    const r = await readAll(craft('ATF\t1.0\n2\t3\n"AcquisitionMode=Episodic"\n"Comment="\n"Time (s)"\t"Trace #1 (pA)"\t"Trace #1 (A)"\n0\t-10.5\t-1.03\n5e-5\t-11.25\t-1.04\n'));
    expect(r.info.format).toBe("axon-atf");
    expect(r.current_A).toEqual([-10.5e-12, -11.25e-12]);
    expect(r.info.currentCandidates).toEqual([]);
    expect(r.info.metadata.AcquisitionMode).toBe("Episodic");
  });
  it("labview-log: cryptic names, units stated, range column of the chosen channel", async () => {
    const r = await readAll(craft("ti_201202_000\t14_201202_000\t28_201202_000\t14_Qr_201202_000\r\n0.0\t1E-12\t2E-12\t1E-9\r\n0.2\t3E-12\t4E-12\t1E-8\r\n"));
    expect(r.info.format).toBe("labview-log");
    expect(r.info.currentColumn.name).toBe("14_201202_000");
    expect(r.info.currentCandidates).toEqual(["28_201202_000"]);
    expect(r.flags).toEqual([0, SampleFlag.RangeChange]);
    expect(r.info.assumptions).toContain("current unit A: no units in the file; numeric-named channels (ion currents) read as amperes");
  });
  it("maccor-txt: TestTime minutes checked against DPT Time, sign from Md", async () => {
    const text = "Name:\tcell\nRec\tTestTime\tCurrent [A]\tMd\tDPT Time\t\n\n1\t0.0\t0.001\tC\t5/11/2021 3:40:24 PM\t\n2\t1.0\t0.001\tD\t5/11/2021 3:41:24 PM\t\n3\t2.0\t0\tR\t5/11/2021 3:42:24 PM\t\n";
    const r = await readAll(craft(text));
    expect(r.info.format).toBe("maccor-txt");
    expect(r.info.timeUnit).toBe("min");
    expect(r.time_s).toEqual([0, 60, 120]);
    expect(r.current_A).toEqual([0.001, -0.001, 0]);
    expect(r.info.currentControlled).toBe(true);
  });
  it("dens-impulse: Experiment time over the TimeStamp clock, Channel#n as currents; sidecar refused", async () => {
    const r = await readAll(craft("TimeStamp,Experiment time,MixValve,Channel#1,Channel#2\n13:40:26.849,7.787,0; 0; 0,2.73E-10,2.21E-09\n13:40:27.350,8.288,0; 0; 0,2.74E-10,2.66E-09\n"));
    expect(r.info.format).toBe("dens-impulse");
    expect(r.info.timeColumn?.name).toBe("Experiment time");
    expect(r.current_A).toEqual([2.73e-10, 2.74e-10]);
    const side = craft("Experiment date, 06-08-2021\nExperiment duration, 00.00:06:45.416\nMassSpec channel 1, 28 (Nitrogen)\n");
    expect(await errorOf(side)).toBe(`${side}: a DENSsolutions Impulse metadata sidecar (key, value lines), not a current trace: open the matching "Synchronized data.csv" export`);
  });
  it("pec-csv: Key:,value preamble, hh:mm:ss totals, current-controlled", async () => {
    const r = await readAll(craft("Test:,25205\nStart Time:,01/08/2026 17:40:39\nTest,Total Time (Hours in hh:mm:ss.xxx),Step Time (Seconds),Current (A),,\n1,00:00:00.002,0.002,0,,\n1,25:00:01.000,1,-1E-06,,\n"));
    expect(r.info.format).toBe("pec-csv");
    expect(r.time_s).toEqual([0.002, 90001]);
    expect(r.current_A).toEqual([0, -1e-6]);
    expect(r.info.currentControlled).toBe(true);
  });
  it("keithley-kickstart: quoted TAB-led settings and ,,, rows before the table", async () => {
    const r = await readAll(craft('"\tCommon Settings","\t",,\n"\t...Current","\tTrue",,\n,,,\n,,,\nIndex,Time (s),Voltage (V),Current (A)\n1,0,2.95E-06,-3.99E-09\n2,1.06934,-5.00E-02,-4.78E-09\n'));
    expect(r.info.format).toBe("keithley-kickstart");
    expect(r.info.headerLine).toBe(5);
    expect(r.current_A).toEqual([-3.99e-9, -4.78e-9]);
  });
});
