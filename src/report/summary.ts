// Batch summaries: one row per input file, as an aligned text table or as CSV (SI numbers, injection-safe).
import type { FileOutcome, Verdict } from "../result.js";
import { chargeSplit } from "./extras.js";
import { colorStage, palette, printable } from "./terminal.js";
import { formatCharge, formatCount, formatCurrent, formatDuration, timeDecimals } from "./units.js";

/** One file's line in a batch summary. Times in seconds since the first sample, SI units; null = not applicable. */
export interface SummaryRow {
  file: string;
  status: "ok" | "error";
  verdict: Verdict | null;
  softShortOnset_s: number | null;
  hardShort_s: number | null;
  fuse_s: number | null;
  spikes: number | null;
  /** largest spike excess over the local baseline, in the leakage direction (> 0); null when no spikes */
  maxSpike_A: number | null;
  /** non-Faradaic charge from the charge split; null when it was not computed */
  nonFaradaic_C: number | null;
  error: string | null;
  wall_s: number;
  sha256: string | null;
}

/** Column order of both the CSV and SummaryRow (scripts read the CSV header by these names). */
export const SUMMARY_COLUMNS: readonly (keyof SummaryRow)[] = [
  "file", "status", "verdict", "softShortOnset_s", "hardShort_s", "fuse_s", "spikes", "maxSpike_A",
  "nonFaradaic_C", "error", "wall_s", "sha256",
];

export function summaryRow(outcome: FileOutcome): SummaryRow {
  if (outcome.status === "error") {
    return {
      file: outcome.file, status: "error", verdict: null, softShortOnset_s: null, hardShort_s: null, fuse_s: null,
      spikes: null, maxSpike_A: null, nonFaradaic_C: null, error: outcome.error, wall_s: outcome.wall_s, sha256: outcome.sha256,
    };
  }
  const r = outcome.result;
  return {
    file: outcome.file,
    status: "ok",
    verdict: r.verdict,
    softShortOnset_s: r.transitions.softShortOnset_s,
    hardShort_s: r.transitions.hardShort_s,
    fuse_s: r.transitions.fuse_s,
    spikes: r.spikes.length,
    maxSpike_A: r.spikes.length ? r.spikes.reduce((m, s) => Math.max(m, s.peak_A), -Infinity) : null,
    // what left the floor: charge while the trace was quiescent is offset, drift and noise, not a short
    nonFaradaic_C: nonFaradaicOf(chargeSplit(r.charge)),
    error: null,
    wall_s: outcome.wall_s,
    sha256: outcome.sha256,
  };
}

const TABLE_HEAD = ["file", "verdict", "onset", "hard short", "fuse", "spikes", "max spike", "non-Faradaic", "wall"];
// numbers read best right-aligned; file and verdict left
const RIGHT_ALIGNED = new Set([2, 3, 4, 5, 6, 7, 8]);

/** Aligned text table with human units, one line per file in the given order, ending in a newline. */
export function formatSummaryTable(rows: readonly SummaryRow[], opts: { color: boolean }): string {
  const c = palette(opts.color);
  // one resolution for the whole table (about 4 significant digits of its latest time), so columns line up
  const latest = Math.max(0, ...rows.flatMap((r) => [r.softShortOnset_s, r.hardShort_s, r.fuse_s]).filter((t): t is number => t !== null && Number.isFinite(t)));
  const decimals = timeDecimals(latest * 10);
  const time = (t: number | null): string => (t === null ? "-" : `${t.toFixed(decimals)} s`);
  const cells = rows.map((r) =>
    r.status === "error"
      ? [printable(r.file), "error", "", "", "", "", "", "", formatDuration(r.wall_s)]
      : [
          printable(r.file), r.verdict ?? "-", time(r.softShortOnset_s), time(r.hardShort_s), time(r.fuse_s),
          r.spikes === null ? "-" : formatCount(r.spikes), r.maxSpike_A === null ? "-" : formatCurrent(r.maxSpike_A),
          r.nonFaradaic_C === null ? "-" : formatCharge(r.nonFaradaic_C), formatDuration(r.wall_s),
        ],
  );
  const widths = TABLE_HEAD.map((h, k) => Math.max(h.length, ...cells.map((row) => row[k]!.length)));
  const line = (row: string[], paint?: (k: number, padded: string) => string): string =>
    row
      .map((cell, k) => {
        const padded = RIGHT_ALIGNED.has(k) ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!);
        return paint ? paint(k, padded) : padded;
      })
      .join("  ")
      .trimEnd();
  const out = [line(TABLE_HEAD, (_k, p) => c.bold(p))];
  rows.forEach((r, index) => {
    // padding is applied before colouring so escape codes never disturb the alignment
    out.push(
      line(cells[index]!, (k, padded) =>
        k !== 1 ? padded : r.status === "error" ? c.red(padded) : r.verdict ? colorStage(c, r.verdict, padded) : padded,
      ),
    );
    // an error message would wreck the columns: it goes on its own indented line
    if (r.status === "error") out.push(`  error: ${printable(r.error ?? "")}`);
  });
  return out.join("\n") + "\n";
}

/** CSV: header + one row per file, SI numbers as JS prints them, RFC 4180 quoting, LF line ends. */
export function formatSummaryCsv(rows: readonly SummaryRow[]): string {
  const lines = [SUMMARY_COLUMNS.join(",")];
  for (const r of rows) lines.push(SUMMARY_COLUMNS.map((k) => csvCell(r[k])).join(","));
  return lines.join("\n") + "\n";
}

// a cell a spreadsheet would read as a formula (OWASP list, plus the full-width forms some spreadsheets accept)
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
// a plain decimal number, possibly negative: harmless, and it must stay a number in the spreadsheet
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One CSV cell: null -> empty, numbers as JS prints them (non-finite -> empty), text quoted and guarded. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function nonFaradaicOf(split: ReturnType<typeof chargeSplit>): number | null {
  if (split === null) return null;
  return split.nonFaradaicSinceOnset_C ?? split.nonFaradaic_C;
}
