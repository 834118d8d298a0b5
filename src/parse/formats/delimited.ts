// Generic delimited text: finds the column-header row by content, the delimiter and the decimal mark.
// Vendor modules reuse findTable() and decorate its layout.
import { currentScore, splitNameUnit, timeScore } from "../columns.js";
import { isBlankRow, splitFields, type Delimiter } from "../fields.js";
import type { FormatReader, Head, Layout } from "../layout.js";
import { CellKind, readCell } from "../numbers.js";
import { sniffTextualTime } from "../timefmt.js";
import { currentUnitOf, timeUnitOf } from "../units.js";

const DELIMITERS: Delimiter[] = ["\t", ";", ",", "whitespace"];
/** how many lines of the head may hold a preamble before the header */
const MAX_HEADER_SEARCH = 5000;
const DATA_PROBE = 8;

/** Where the table sits: the layout fields every reader shares, plus a few split data rows for sniffing. */
export type TableFound = Pick<Layout, "delimiter" | "decimalMark" | "headerLine" | "dataLine" | "names" | "unitsRow"> & {
  sample: string[][];
};

function numericIn(cell: string, mark: "." | ","): boolean {
  const k = readCell(cell, mark).kind;
  return k === CellKind.Number;
}

/** Comma-delimited files may pad with a space after each comma (Protochips, CHI). */
function refineComma(lines: string[]): Delimiter {
  const withComma = lines.filter((l) => l.includes(","));
  if (withComma.length === 0) return ",";
  const padded = withComma.filter((l) => /, /.test(l) && !/,[^ ]/.test(l.replace(/,,+/g, ",")));
  return padded.length >= withComma.length * 0.8 ? ", " : ",";
}

function decideDecimal(rows: string[][], delimiter: Delimiter): "." | "," {
  if (delimiter === "," || delimiter === ", ") return ".";
  let comma = 0;
  let dot = 0;
  for (const r of rows) {
    for (const c of r) {
      if (/^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/.test(c)) comma++;
      else if (/^[+-]?(?:\d*\.\d+|\d+\.)(?:[eE][+-]?\d+)?$/.test(c)) dot++;
    }
  }
  return comma > dot ? "," : ".";
}

function isUnitWord(c: string): boolean {
  const t = c.trim();
  return t === "#" || t === "bits" || timeUnitOf(t) !== null || currentUnitOf(t) !== null || /^(V|mV|V vs\. Ref\.|C|Ohm|ohm|W|°C|degC|K|%)$/.test(t);
}

/** A units-only row: every non-empty field is a unit word (Gamry units row, PalmSens "s,µA"). */
export function isUnitsRow(fields: string[]): boolean {
  const f = fields.filter((c) => c !== "");
  return f.length >= 1 && f.every(isUnitWord) && f.some((c) => timeUnitOf(c) !== null || currentUnitOf(c) !== null);
}

/** Next data rows after `from` (0-based index), skipping blank and bare-delimiter rows. */
function probeRows(lines: string[], from: number, delimiter: Delimiter): { rows: string[][]; first: number } {
  const rows: string[][] = [];
  let first = -1;
  for (let j = from; j < lines.length && rows.length < DATA_PROBE; j++) {
    const f = splitFields(lines[j]!, delimiter);
    if (isBlankRow(f)) continue;
    if (first < 0) first = j;
    rows.push(f);
  }
  return { rows, first };
}

function cellIsTime(c: string, mark: "." | ","): boolean {
  return numericIn(c, mark) || sniffTextualTime([c]) !== null;
}

/** Does a header at line index i, split by d, have current (and time) columns backed by data rows? */
function tryHeader(lines: string[], i: number, d: Delimiter, requireCurrentName: boolean, single = false): TableFound | null {
  const names = single ? [lines[i]!.trim()] : splitFields(lines[i]!, d);
  if (!single && names.filter((n) => n !== "").length < 2) return null;
  if (names.some((n) => n !== "" && numericIn(n, "."))) return null;
  // cheap refusal before probing the rows below (most preamble lines end here)
  const hasCurrentName = (ns: string[]): boolean => ns.some((n) => currentScore(splitNameUnit(n).base) > 0);
  if (requireCurrentName && !hasCurrentName(names) && !(d === "whitespace" && hasCurrentName(lines[i]!.trim().split(/ {2,}|\t+/)))) return null;
  let after = i + 1;
  let unitsRow: (string | null)[] | undefined;
  let probe = probeRows(lines, after, d);
  if (probe.rows[0] && isUnitsRow(probe.rows[0])) {
    unitsRow = probe.rows[0].map((u) => (u === "" ? null : u));
    after = probe.first + 1;
    probe = probeRows(lines, after, d);
  }
  // whitespace splits names like "Current (nA)": aligned headers separate names by 2+ spaces or a tab
  if (d === "whitespace" && probe.rows[0] && probe.rows[0].length !== names.length) {
    const aligned = lines[i]!.trim().split(/ {2,}|\t+/);
    if (aligned.length !== probe.rows[0].length) return null;
    names.splice(0, names.length, ...aligned);
  }
  const parsed = names.map(splitNameUnit);
  const ci = parsed.findIndex((p) => currentScore(p.base) > 0);
  if (requireCurrentName && ci < 0) return null;
  if (probe.rows.length === 0) return { delimiter: d, decimalMark: ".", headerLine: i + 1, dataLine: lines.length + 1, names, unitsRow, sample: [] };
  const mark = decideDecimal(probe.rows, d);
  // without a current-like name (module picks the columns), any numeric column backs the header
  const col = ci >= 0 ? ci : Math.max(0, (probe.rows[0] ?? []).findIndex((c) => numericIn(c, mark)));
  const ti = parsed.map((p) => timeScore(p.base)).reduce((b, s, k, a) => (s > (a[b] ?? 0) ? k : b), -1);
  // the first data row must read as numbers where the chosen columns are
  if (single && probe.rows.some((r) => r.length !== 1)) return null;
  // the first row below the header must be a sample row (a number, NaN or empty where the current is)
  const kindAt = (r: string[]): number => readCell(r[col] ?? "", mark).kind;
  const first = kindAt(probe.rows[0]!);
  if (first !== CellKind.Number && first !== CellKind.NaN && first !== CellKind.Empty) return null;
  if (!probe.rows.slice(0, 3).some((r) => kindAt(r) === CellKind.Number)) return null;
  if (ti >= 0 && !probe.rows.slice(0, 3).some((r) => r.length > ti && cellIsTime(r[ti]!, mark))) return null;
  return { delimiter: d, decimalMark: mark, headerLine: i + 1, dataLine: probe.first + 1, names, unitsRow, sample: probe.rows };
}

/** Headerless numeric table: the first line that splits into numbers, followed by like lines. */
function tryHeaderless(lines: string[], i: number, d: Delimiter): TableFound | null {
  if (i >= lines.length) return null;
  const f = splitFields(lines[i]!, d);
  if (f.length === 0 || isBlankRow(f)) return null;
  const probe = probeRows(lines, i, d);
  const mark = decideDecimal(probe.rows, d);
  const n = f.length;
  if (!probe.rows.every((r) => r.length === n && r.every((c) => c === "" || numericIn(c, mark)))) return null;
  if (!f.every((c) => numericIn(c, mark))) return null;
  return { delimiter: d, decimalMark: mark, headerLine: null, dataLine: i + 1, names: f.map((_, k) => `column ${k + 1}`), sample: probe.rows };
}

/** Locate the table: a header row with a current-like name backed by data rows (or a units-only or headerless table). */
export function findTable(head: Head, opts: { headerAt?: number; requireCurrentName?: boolean; from?: number } = {}): TableFound | null {
  const lines = head.lines;
  const requireCurrentName = opts.requireCurrentName ?? true;
  const range = opts.headerAt !== undefined ? [opts.headerAt - 1] : [...Array(Math.min(lines.length, MAX_HEADER_SEARCH)).keys()].slice(opts.from ?? 0);
  for (const i of range) {
    const line = lines[i];
    if (line === undefined || line.trim() === "") continue;
    for (const d of DELIMITERS) {
      if (d !== "whitespace" && !line.includes(d)) continue;
      const found = tryHeader(lines, i, d, requireCurrentName);
      if (found) {
        if (d === ",") found.delimiter = refineComma([line, ...lines.slice(found.dataLine - 1, found.dataLine + 4)]);
        return found;
      }
    }
    // a one-column trace ("Current (nA)" over numbers; needs --rate)
    const one = tryHeader(lines, i, ",", requireCurrentName, true);
    if (one) return one;
    // units-only header row ("s,µA") directly above numbers
    for (const d of DELIMITERS) {
      const f = splitFields(line, d);
      if (f.length >= 2 && isUnitsRow(f) && f.every((c) => c !== "")) {
        const next = tryHeaderless(lines, i + 1, d);
        if (next) {
          const names = f.map((u) => (timeUnitOf(u) ? `time (${u})` : currentUnitOf(u) ? `current (${u})` : `(${u})`));
          return { ...next, headerLine: i + 1, names, delimiter: d === "," ? refineComma(lines.slice(i, i + 5)) : d };
        }
      }
    }
  }
  if (opts.headerAt !== undefined) return null;
  // no named header anywhere: a bare numeric table from the first line
  for (let i = 0; i < Math.min(lines.length, 50); i++) {
    if (lines[i]!.trim() === "") continue;
    for (const d of DELIMITERS) {
      if (d !== "whitespace" && !lines[i]!.includes(d)) continue;
      const t = tryHeaderless(lines, i, d);
      if (t && t.names.length >= 1) return d === "," ? { ...t, delimiter: refineComma(lines.slice(i, i + 5)) } : t;
    }
    const single = tryHeaderless(lines, i, "whitespace");
    if (single) return single;
    break;
  }
  return null;
}

const KV = [
  /^\s*"?\s*([^=:"\t]{1,80}?)\s*=\s*(.*?)"?\s*$/, // key = value, "Key=value"
  /^\s*([^:\t]{1,80}?)\s*:\s*,?\s*(.*?)\s*,*$/, // key : value, Key:,value
  /^\s*([^\t]{1,80}?)\t+(.*?)\s*$/, // key<TAB>value
];

/** key/value metadata from preamble lines (before the header). */
export function preambleMetadata(lines: string[], until: number, into: Record<string, string> = {}): Record<string, string> {
  for (let i = 0; i < Math.min(until, lines.length) && Object.keys(into).length < 200; i++) {
    const raw = lines[i]!.replace(/"\s*\t?/g, "").trim();
    if (raw === "") continue;
    for (const re of KV) {
      const m = re.exec(raw);
      if (m && m[1]!.trim() !== "") {
        // eslint-disable-next-line no-control-regex
        const value = m[2]!.replace(/[\x00-\x08\x0e-\x1f\x7f]/g, "").replace(/\t/g, " ").trim().slice(0, 200);
        const key = m[1]!.replace(/^\.+/, "").trim();
        if (!(key in into)) into[key] = value;
        break;
      }
    }
  }
  return into;
}

/** Leading empty fields of a row (a hierarchical export marks its levels with them). */
function leadingEmpty(fields: string[]): number {
  let k = 0;
  while (k < fields.length && fields[k]!.trim() === "") k++;
  return k;
}

/**
 * A hierarchical export (Neware: cycle rows, ",step" rows, ",,record" rows) names its record level
 * with as many leading empty fields as its records have; the other levels' rows are summaries, not
 * samples. Only when the data below the header really has rows at that depth: a pandas index column
 * (",t,I" then "0,0.1,1e-9") has an unnamed first column but filled rows.
 */
function hierarchyLevel(head: Head, t: TableFound): number {
  if (t.headerLine === null) return 0;
  const k = leadingEmpty(t.names);
  if (k === 0 || k >= t.names.length) return 0;
  const rows = head.lines.slice(t.dataLine - 1, t.dataLine + 199).map((l) => splitFields(l, t.delimiter)).filter((f) => !isBlankRow(f));
  const atDepth = rows.filter((f) => leadingEmpty(f) === k).length;
  // a summary level has its own numeric index (Neware "1,12.3,..." / ",1,Rest,..."); a table title does not (Gamry "CURVE2")
  const shallower = rows.filter((f) => {
    const e = leadingEmpty(f);
    return e < k && numericIn(f[e] ?? "", t.decimalMark);
  }).length;
  return atDepth > 0 && shallower > 0 ? k : 0;
}

/** Battery cyclers name their programme steps: such a file's current is set by the instrument. */
const CYCLER_STEP_COLUMN = /^(step ?(id|index|no\.?|number|name|type)|step_index|step_id)$/i;

export function layoutFrom(format: string, head: Head, t: TableFound): Layout {
  const depth = hierarchyLevel(head, t);
  const stepColumns = [...t.names, ...head.lines.slice(0, Math.max(0, (t.headerLine ?? 1) - 1)).flatMap((l) => splitFields(l, t.delimiter))]
    .map((n) => splitNameUnit(n).base.trim())
    .filter((n) => CYCLER_STEP_COLUMN.test(n));
  const assumptions: string[] = [];
  if (depth > 0) assumptions.push(`hierarchical export: only rows with ${depth} leading empty field${depth === 1 ? "" : "s"} (the header's level) are samples; cycle/step summary rows are skipped`);
  if (stepColumns.length > 0) assumptions.push(`a battery-cycler programme column ("${stepColumns[0]}"): the instrument sets the current`);
  return {
    format,
    delimiter: t.delimiter,
    decimalMark: t.decimalMark,
    headerLine: t.headerLine,
    dataLine: t.dataLine,
    names: t.names,
    unitsRow: t.unitsRow,
    metadata: preambleMetadata(head.lines, (t.headerLine ?? t.dataLine) - 1),
    assumptions,
    currentControlled: stepColumns.length > 0,
    ...(depth > 0 ? { skipRow: (f: string[]) => leadingEmpty(f) !== depth } : {}),
  };
}

export const delimited: FormatReader = {
  name: "delimited",
  sniff(head) {
    const t = findTable(head);
    return t ? layoutFrom("delimited", head, t) : null;
  },
};
