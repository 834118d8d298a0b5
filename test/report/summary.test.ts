import { describe, expect, it } from "vitest";
import { csvCell, formatSummaryCsv, formatSummaryTable, summaryRow, type SummaryRow } from "../../src/report/summary.js";
import type { FileOutcome } from "../../src/result.js";
import { fuseResult, stableResult } from "./results.js";

const SHA = "ab".repeat(32);
const outcomes: FileOutcome[] = [
  { status: "ok", file: "fixtures/latp-fuse.csv", wall_s: 0.25, sha256: SHA,
    result: fuseResult({ charge: { total_C: 1.2e-6, faradaic_C: 4e-8, nonFaradaic_C: 1.16e-6, faradaicMax_A: 1e-10 } }) },
  { status: "ok", file: "fixtures/hybrid-stable.csv", wall_s: 1.5, sha256: null, result: stableResult() },
  { schemaVersion: 1, status: "error", file: "broken.csv", error: "broken.csv:3: no numeric current column", wall_s: 0.002, sha256: SHA },
];

describe("summaryRow", () => {
  it("takes transitions, spike count, largest spike and non-Faradaic charge from the result", () => {
    expect(summaryRow(outcomes[0]!)).toEqual({
      file: "fixtures/latp-fuse.csv", status: "ok", verdict: "fuse", softShortOnset_s: 182.3, hardShort_s: 355,
      fuse_s: 361.2, spikes: 20, maxSpike_A: 310e-9, nonFaradaic_C: 1.16e-6, error: null, wall_s: 0.25, sha256: SHA,
    });
    expect(summaryRow(outcomes[1]!)).toMatchObject({ verdict: "stable", spikes: 0, maxSpike_A: null, nonFaradaic_C: null });
  });

  it("records a failure with its message and nulls elsewhere", () => {
    expect(summaryRow(outcomes[2]!)).toEqual({
      file: "broken.csv", status: "error", verdict: null, softShortOnset_s: null, hardShort_s: null, fuse_s: null,
      spikes: null, maxSpike_A: null, nonFaradaic_C: null, error: "broken.csv:3: no numeric current column",
      wall_s: 0.002, sha256: SHA,
    });
  });
});

describe("formatSummaryTable", () => {
  const rows = outcomes.map(summaryRow);
  it("aligns one line per file in input order, human units, errors on their own line", () => {
    expect(formatSummaryTable(rows, { color: false })).toBe(
      [
        "file                        verdict    onset  hard short     fuse  spikes  max spike  non-Faradaic    wall",
        "fixtures/latp-fuse.csv      fuse     182.3 s     355.0 s  361.2 s      20     310 nA        1.2 uC  250 ms",
        "fixtures/hybrid-stable.csv  stable         -           -        -       0          -             -   1.5 s",
        "broken.csv                  error                                                                   2.0 ms",
        "  error: broken.csv:3: no numeric current column",
        "",
      ].join("\n"),
    );
  });

  it("colours verdicts only when asked, without moving the columns", () => {
    const plain = formatSummaryTable(rows, { color: false });
    const coloured = formatSummaryTable(rows, { color: true });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toContain("\u001b[35mfuse   \u001b[39m");
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain);
  });
});

describe("formatSummaryCsv", () => {
  it("writes the header and SI numbers as JS prints them", () => {
    const csv = formatSummaryCsv(outcomes.map(summaryRow));
    expect(csv).toBe(
      [
        "file,status,verdict,softShortOnset_s,hardShort_s,fuse_s,spikes,maxSpike_A,nonFaradaic_C,error,wall_s,sha256",
        `fixtures/latp-fuse.csv,ok,fuse,182.3,355,361.2,20,3.1e-7,0.00000116,,0.25,${SHA}`,
        "fixtures/hybrid-stable.csv,ok,stable,,,,0,,,,1.5,",
        `broken.csv,error,,,,,,,,broken.csv:3: no numeric current column,0.002,${SHA}`,
        "",
      ].join("\n"),
    );
  });

  it("guards against formula injection but leaves negative numbers alone", () => {
    const row: SummaryRow = {
      file: "=HYPERLINK(\"http://x\",\"click\").csv", status: "error", verdict: null, softShortOnset_s: -1.5,
      hardShort_s: null, fuse_s: null, spikes: null, maxSpike_A: null, nonFaradaic_C: null,
      error: "@SUM(1+1)", wall_s: 0.1, sha256: null,
    };
    const [, line] = formatSummaryCsv([row]).split("\n");
    expect(line).toBe(`"'=HYPERLINK(""http://x"",""click"").csv",error,,-1.5,,,,,,'@SUM(1+1),0.1,`);
    expect(csvCell("+1")).toBe("+1".replace("+", "'+"));
    expect(csvCell("-2.5e-9")).toBe("-2.5e-9");
    expect(csvCell("-cmd|' /C calc'!A0")).toBe("'-cmd|' /C calc'!A0");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    expect(csvCell("\uff1d1+1")).toBe("'\uff1d1+1");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(NaN)).toBe("");
  });

  it("quotes per RFC 4180: commas, quotes, line breaks", () => {
    expect(csvCell('a,b "c"\nd')).toBe('"a,b ""c""\nd"');
    expect(csvCell("plain.csv")).toBe("plain.csv");
    expect(csvCell(null)).toBe("");
  });
});

describe("summary table times", () => {
  it("share one resolution: about four significant digits of the latest transition", () => {
    const base = summaryRow(outcomes[0]!);
    const early = { ...base, softShortOnset_s: 19.328, hardShort_s: 61.784, fuse_s: 75.548 };
    expect(formatSummaryTable([early], { color: false }).split("\n")[1]).toContain("19.3 s      61.8 s  75.5 s");
    const brief = { ...base, softShortOnset_s: 0.1234, hardShort_s: 0.25, fuse_s: 0.4 };
    expect(formatSummaryTable([brief], { color: false }).split("\n")[1]).toContain("0.123 s     0.250 s  0.400 s");
  });

  it("counts non-Faradaic charge from the onset on: 0 for a trace that never left the floor", async () => {
    const { stableResult } = await import("./results.js");
    const stable = stableResult({ charge: { total_C: 11e-9, faradaic_C: 1e-9, nonFaradaic_C: 10e-9, faradaicMax_A: 1e-10, sinceOnset: null } });
    expect(summaryRow({ status: "ok", file: stable.file, result: stable, wall_s: 0.1, sha256: null }).nonFaradaic_C).toBe(0);
    const fuse = fuseResult({ charge: { total_C: 2e-6, faradaic_C: 1e-8, nonFaradaic_C: 1.99e-6, faradaicMax_A: 1e-10, sinceOnset: { nonFaradaic_C: 1.9e-6 } } });
    expect(summaryRow({ status: "ok", file: fuse.file, result: fuse, wall_s: 0.1, sha256: null }).nonFaradaic_C).toBe(1.9e-6);
  });
});
