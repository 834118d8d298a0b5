// Report rows shared by the HTML tests: a fuse run under a hostile file name, a stable run, a failed file.
import type { ReportRow } from "../../src/report/html/report.js";
import { renderTraceSvg } from "../../src/report/plot/trace-svg.js";
import { craftFuse, resultWithEnvelope } from "./craft.js";

/** Markup in a file name: must show as text, never run (the browser test watches window.__xss). */
export const HOSTILE = `<img src=x onerror="window.__xss=1">.csv`;

export function sampleRows(): ReportRow[] {
  const fuse = resultWithEnvelope(craftFuse(60, 1000), `runs/${HOSTILE}`);
  const stable = resultWithEnvelope(craftFuse(60, 1000), "runs/hybrid.csv");
  const stableResult = {
    ...stable.result, verdict: "stable" as const, spikes: [], bursts: [], hardShort: null, fuse: null,
    transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null },
    phases: [{ phase: "quiescent" as const, start_s: 0, end_s: 60 }],
  };
  // parser facts and warnings come from the file too: column names can hold markup
  fuse.result.warnings = [`column "<b onmouseover=alert(2)>I</b>" has 3 NaN rows`];
  fuse.result.input = {
    file: fuse.result.file, format: "delimited", encoding: "utf-8", compression: "none", delimiter: ",", decimalMark: ".",
    headerLine: 1, columns: [], timeColumn: { index: 0, name: "Time (s)", unit: "s", role: "time" },
    currentColumn: { index: 1, name: "<svg onload=alert(3)>", unit: "A", role: "current" }, currentCandidates: [],
    timeUnit: "s", currentUnit: "A", timeFormat: "number", rate_hz: null, assumptions: [], currentControlled: false, metadata: {},
    summary: {
      rows: 60001, skippedRows: 0, missingCount: 0, overflowCount: 0, overloadCount: 0, duplicateTimeCount: 0,
      nonMonotonicCount: 0, gapCount: 0, rangeChanges: [], firstTime_s: 0, lastTime_s: 60, warnings: [],
    },
  };
  return [
    { status: "ok", file: fuse.result.file, result: fuse.result, thumbnailSvg: renderTraceSvg(fuse.result, fuse.envelope, { thumbnail: true }) },
    { status: "ok", file: stableResult.file, result: stableResult, thumbnailSvg: renderTraceSvg(stableResult, stable.envelope, { thumbnail: true }) },
    { status: "error", file: "runs/=cmd|' /C calc'!A0.csv", error: "runs/=cmd|' /C calc'!A0.csv: no numeric column <script>" },
  ];
}

