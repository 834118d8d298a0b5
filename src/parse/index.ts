// STUB (replaced by the parse stage): opens a two-column numeric CSV so the pipeline runs end to end.
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import type { OpenedTrace, ParseOptions, ParseSummary } from "./types.js";
import { chunkOf } from "../trace.js";

export async function openTrace(file: string, _options: ParseOptions = {}): Promise<OpenedTrace> {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const t: number[] = [];
  const i: number[] = [];
  for (const line of lines.slice(1)) {
    const [a, b] = line.split(",").map(Number);
    t.push(a ?? NaN);
    i.push(b ?? NaN);
  }
  if (t.length === 0) throw new InputError(file, "no data rows");
  const summary: ParseSummary = {
    rows: t.length, skippedRows: 0, missingCount: 0, overflowCount: 0, overloadCount: 0,
    duplicateTimeCount: 0, nonMonotonicCount: 0, gapCount: 0, rangeChanges: [],
    firstTime_s: t[0] ?? null, lastTime_s: t[t.length - 1] ?? null, warnings: [],
  };
  const col = { index: 1, name: "I", unit: "A", role: "current" as const };
  return {
    info: {
      file, format: "stub", encoding: "utf-8", compression: "none", delimiter: ",", decimalMark: ".",
      headerLine: 1, columns: [col], timeColumn: { index: 0, name: "t", unit: "s", role: "time" },
      currentColumn: col, currentCandidates: [], timeUnit: "s", currentUnit: "A", timeFormat: "number",
      rate_hz: null, assumptions: [], metadata: {}, currentControlled: false,
    },
    async *chunks() { yield chunkOf(t, i); },
    summary: () => summary,
  };
}
