import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { craft, readAll } from "./helpers.js";

/** A Neware-style export: cycle rows, ",step" rows and ",,record" rows, told apart by leading empty fields. */
function neware(): string {
  const rows = [
    "Cycle ID,Cap_Chg(mAh),Cap_DChg(mAh),Specific Capacity-Chg(mAh/g),Chg/DChg Efficiency(%)",
    ",Step ID,Step Name,Step Time(h:min:s.ms),Capacity(mAh),Energy(mWh)",
    ",,Record ID,Time(h:min:s.ms),Voltage(V),Current(mA),Temperature(?),Capacity(mAh),Energy(mWh),Realtime",
  ];
  let rec = 1;
  let t = 0;
  const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}.000`;
  for (let cycle = 1; cycle <= 2; cycle++) {
    rows.push(`${cycle},12.3,11.9,120.0,96.7`);
    const steps: [string, number][] = [["Rest", 0], ["CC_Chg", 500], ["Rest", 0], ["CC_DChg", -500]];
    steps.forEach(([name, mA], k) => {
      rows.push(`,${k + 1},${name},${hms(3000)},1.0,2.0`);
      for (let r = 0; r < 5; r++, rec++, t += 600) rows.push(`,,${rec},${hms(t)},3.5,${mA.toFixed(4)},25.0,0.1,0.2,2021-05-11 15:40:00`);
    });
  }
  return rows.join("\r\n") + "\r\n";
}

describe("hierarchical cycler exports", () => {
  it("only the header's level (2 leading empty fields) are samples; the file is current-controlled", async () => {
    const tr = await readAll(craft(neware(), "neware.csv"));
    expect(tr.time_s).toHaveLength(40);
    expect(tr.time_s[0]).toBe(0);
    expect(tr.time_s[39]).toBe(39 * 600);
    expect(tr.current_A.slice(0, 10)).toEqual([0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(tr.summary.nonMonotonicCount).toBe(0);
    expect(tr.info.currentControlled).toBe(true);
    expect(tr.info.assumptions).toContain("hierarchical export: only rows with 2 leading empty fields (the header's level) are samples; cycle/step summary rows are skipped");
    const r = await analyze(craft(neware(), "neware2.csv"));
    expect(r.verdict).toBe("stable");
    expect(r.transitions).toEqual({ softShortOnset_s: null, hardShort_s: null, fuse_s: null });
  });

  it("a pandas index column (unnamed first header field, filled rows) is not a hierarchy", async () => {
    const rows = [",t,I"];
    for (let k = 0; k < 50; k++) rows.push(`${k},${(k * 0.1).toFixed(1)},${k % 2 ? "1e-9" : "-1e-9"}`);
    const tr = await readAll(craft(rows.join("\n") + "\n", "pandas.csv"));
    expect(tr.time_s).toHaveLength(50);
    expect(tr.info.currentControlled).toBe(false);
    expect(tr.info.assumptions.some((a) => a.startsWith("hierarchical"))).toBe(false);
  });

  it("an Arbin-style step index column marks a cycler", async () => {
    const rows = ["Data_Point,Test_Time(s),Step_Time(s),Cycle_Index,Step_Index,Current(A),Voltage(V)"];
    for (let k = 0; k < 50; k++) rows.push(`${k + 1},${k * 10},${k * 10},1,${k < 25 ? 1 : 2},${k < 25 ? "0.1" : "0"},3.7`);
    const tr = await readAll(craft(rows.join("\n") + "\n", "arbin.csv"));
    expect(tr.info.currentControlled).toBe(true);
    expect(tr.info.assumptions).toContain('a battery-cycler programme column ("step_index"): the instrument sets the current');
  });
});
