// Layout + user overrides -> the chosen columns, units and time format (every guess stated).
import { InputError } from "../errors.js";
import { currentScore, isOverloadColumn, isRangeColumn, isVoltageColumn, splitNameUnit, timeScore } from "./columns.js";
import { chooseBiasColumn, voltScale } from "./bias.js";
import { delimiterLabel, isBlankRow, splitFields, type Delimiter } from "./fields.js";
import type { Head, Layout } from "./layout.js";
import { CellKind, readCell } from "./numbers.js";
import { numericTime, sniffTextualTime, type TimeFormat } from "./timefmt.js";
import type { ColumnInfo, CurrentUnit, InputInfo, ParseOptions, TimeUnit } from "./types.js";
import { currentUnitOf, scaleOf, timeUnitOf, type Scale } from "./units.js";

/** Everything the body reader needs to turn rows into samples. */
export interface BodyPlan {
  delimiter: Delimiter;
  decimalMark: "." | ",";
  dataLine: number;
  /** null: time from the row index and rate_hz */
  timeIndex: number | null;
  currentIndex: number;
  time: TimeFormat | null;
  rate_hz: number | null;
  /** numeric time column unit -> seconds (identity for textual times) */
  timeScale: Scale;
  /** current unit -> amperes */
  currentScale: Scale;
  rangeIndex?: number;
  overloadIndex?: number;
  overloadTest?: (cell: string) => boolean;
  signFromMode?: { index: number; sign: (cell: string) => number | null };
  skipRow?: (fields: string[]) => boolean;
  /** minimum fields a complete row has (to spot a truncated last row) */
  minFields: number;
  /** the bias (voltage) column read beside the current, to tell a held bias from a sweep */
  bias?: { column: ColumnInfo; scale: number };
}

function findColumn(file: string, names: string[], spec: string, what: string): number {
  if (/^\d+$/.test(spec.trim())) {
    const k = Number(spec) - 1;
    if (k < 0 || k >= names.length) throw new InputError(file, `${what} column ${spec} does not exist: the file has ${names.length} columns`);
    return k;
  }
  const want = spec.trim().toLowerCase();
  let k = names.findIndex((n) => n.trim() === spec.trim());
  if (k < 0) k = names.findIndex((n) => n.trim().toLowerCase() === want);
  if (k < 0) k = names.findIndex((n) => splitNameUnit(n).base === want);
  if (k < 0) throw new InputError(file, `no ${what} column "${spec}"; columns are: ${names.map((n) => JSON.stringify(n)).join(", ")}`);
  return k;
}

function genericOverload(cell: string): boolean {
  const c = cell.trim().toLowerCase();
  if (c === "" || c === "0" || c === "false" || c === "no" || c === "off" || c === "none" || /^\.+$/.test(c)) return false;
  return true;
}

/** Sample rows from the head (first data rows, skipping blank and metadata rows). */
function sampleRows(head: Head, layout: Layout, n: number): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const end = head.complete && !head.lastLineTerminated ? head.lines.length - 1 : head.lines.length;
  for (let i = layout.dataLine - 1; i < end && out.length < n; i++) {
    const f = splitFields(head.lines[i]!, layout.delimiter);
    if (isBlankRow(f) || layout.skipRow?.(f)) continue;
    out.push({ fields: f, line: i + 1 });
  }
  return out;
}

export function resolve(head: Head, layout: Layout, options: ParseOptions, io: { encoding: string; compression: "none" | "gzip" }): { info: InputInfo; plan: BodyPlan } {
  const file = head.file;
  const names = layout.names;
  const parsed = names.map(splitNameUnit);
  const unitText = (k: number): string | null => layout.unitsRow?.[k] ?? parsed[k]?.unit ?? null;
  const assumptions = [...layout.assumptions];
  const rows = sampleRows(head, layout, 50);
  if (rows.length === 0) {
    throw new InputError(file, layout.headerLine !== null ? `header only: no data rows after the column header on line ${layout.headerLine}` : "no data rows", layout.headerLine ?? undefined);
  }
  const nCols = Math.max(names.length, ...rows.map((r) => r.fields.length));
  const numericCol = (k: number): boolean => rows.some((r) => readCell(r.fields[k] ?? "", layout.decimalMark).kind === CellKind.Number);

  // current column
  const scored = parsed.map((p, k) => ({ k, s: currentScore(p.base) })).filter((x) => x.s > 0);
  const byName = [...scored.filter((x) => x.s >= 3), ...scored.filter((x) => x.s < 3)].map((x) => x.k);
  const currentLike = layout.currentIndices ?? byName;
  let currentIndex: number;
  if (options.currentCol !== undefined) currentIndex = findColumn(file, names, options.currentCol, "current");
  else if (layout.currentIndex !== undefined) currentIndex = layout.currentIndex;
  else if (currentLike.length > 0) currentIndex = currentLike[0]!;
  else if (layout.headerLine === null || names.every((n) => /^column \d+$/.test(n))) {
    currentIndex = nCols >= 2 ? 1 : 0;
    assumptions.push(`no column names: column ${currentIndex + 1} taken as current`);
  } else {
    throw new InputError(file, `no current column found among ${names.filter((n) => n).map((n) => JSON.stringify(n)).join(", ")} (use --current-col)`, layout.headerLine ?? undefined);
  }
  if (!numericCol(currentIndex)) {
    throw new InputError(file, `no numeric data in current column "${names[currentIndex] ?? `column ${currentIndex + 1}`}"`, rows[0]!.line);
  }
  const candidates = currentLike.filter((k) => k !== currentIndex).map((k) => names[k]!);
  if (options.currentCol === undefined && candidates.length > 0) {
    assumptions.push(`current column "${names[currentIndex]}" chosen (the first current-like one); others: ${candidates.map((c) => `"${c}"`).join(", ")} (choose with --current-col)`);
  }

  // time column
  let timeIndex: number | null = null;
  if (options.timeCol !== undefined) timeIndex = findColumn(file, names, options.timeCol, "time");
  else if (layout.timeIndex !== undefined) timeIndex = layout.timeIndex;
  else {
    let best = 0;
    parsed.forEach((p, k) => {
      const s = timeScore(p.base);
      // a numeric axis beats a textual one of the same rank (Impulse: "Experiment time" over "TimeStamp")
      const adj = s > 0 && numericCol(k) ? s + 0.5 : s;
      if (k !== currentIndex && adj > best) [best, timeIndex] = [adj, k];
    });
    if (timeIndex === null && (layout.headerLine === null || names.every((n) => /^column \d+$/.test(n))) && nCols >= 2 && currentIndex !== 0) {
      timeIndex = 0;
      assumptions.push("no column names: column 1 taken as time");
    }
  }
  if (timeIndex === currentIndex) throw new InputError(file, "time and current columns are the same column");
  let rate_hz: number | null = null;
  if (options.rate_hz !== undefined && options.timeCol === undefined) {
    if (timeIndex !== null) assumptions.push(`--rate ${options.rate_hz} ignored: the file has a time column "${names[timeIndex]}"`);
    else {
      if (!(options.rate_hz > 0 && Number.isFinite(options.rate_hz))) throw new InputError(file, `--rate must be a positive number of Hz, got ${options.rate_hz}`);
      rate_hz = options.rate_hz;
      assumptions.push(`no time column: time = row index / ${rate_hz} Hz (--rate)`);
    }
  }
  if (timeIndex === null && rate_hz === null) {
    throw new InputError(file, `no time column found (columns: ${names.map((n) => JSON.stringify(n)).join(", ")}); give --time-col or --rate HZ`, layout.headerLine ?? undefined);
  }

  // units and time representation
  let time: TimeFormat | null = null;
  let timeUnit: TimeUnit | null = null;
  if (timeIndex !== null) {
    const ti = timeIndex;
    const cells = rows.map((r) => r.fields[ti] ?? "").filter((c) => c.trim() !== "");
    // numbers against clock/date cells, so a footer or junk row among the first rows does not decide
    const textual = cells.filter((c) => sniffTextualTime([c]) !== null);
    const numbers = cells.filter((c) => readCell(c, layout.decimalMark).kind === CellKind.Number).length;
    const numeric = numbers > 0 && numbers >= textual.length;
    if (numeric) {
      const text = unitText(ti);
      if (options.timeUnit) timeUnit = options.timeUnit;
      else if (layout.timeUnit) {
        timeUnit = timeUnitOf(layout.timeUnit.unit);
        assumptions.push(`time unit ${timeUnit}: ${layout.timeUnit.why}`);
      } else if (text !== null) {
        timeUnit = timeUnitOf(text);
        if (!timeUnit) throw new InputError(file, `unknown time unit "${text}" in column "${names[ti]}" (use --time-unit s|ms|us|min|h)`, layout.headerLine ?? undefined);
      } else {
        timeUnit = "s";
        assumptions.push(`time unit s assumed: column "${names[ti]}" gives none`);
      }
      time = numericTime(scaleOf(timeUnit!), layout.decimalMark, timeUnit!);
    } else {
      time = sniffTextualTime(textual);
      if (!time) {
        const bad = rows.find((r) => readCell(r.fields[ti] ?? "", layout.decimalMark).kind !== CellKind.Number)!;
        throw new InputError(file, `cannot read "${bad.fields[ti] ?? ""}" in time column "${names[ti]}" as a time`, bad.line);
      }
      if (options.timeUnit) assumptions.push(`--time-unit ignored: time column "${names[ti]}" holds ${time.description}`);
      assumptions.push(...time.assumptions);
      timeUnit = "s";
    }
  }
  let currentUnit: CurrentUnit;
  const ctext = unitText(currentIndex);
  if (options.currentUnit) currentUnit = options.currentUnit;
  else if (layout.currentUnit) {
    const u = currentUnitOf(layout.currentUnit.unit);
    if (!u) throw new InputError(file, `unknown current unit "${layout.currentUnit.unit}" (use --current-unit A|mA|uA|nA|pA|fA)`);
    currentUnit = u;
    assumptions.push(`current unit ${u}: ${layout.currentUnit.why}`);
  } else if (ctext !== null) {
    const u = currentUnitOf(ctext);
    if (!u) throw new InputError(file, `unknown current unit "${ctext}" in column "${names[currentIndex]}" (use --current-unit A|mA|uA|nA|pA|fA)`, layout.headerLine ?? undefined);
    currentUnit = u;
  } else {
    currentUnit = "A";
    assumptions.push(`current unit A assumed: column "${names[currentIndex] ?? `column ${currentIndex + 1}`}" gives none`);
  }

  // flags columns
  const rangeIndex = layout.rangeIndex ?? (() => {
    const k = parsed.findIndex((p) => isRangeColumn(p.base));
    return k >= 0 ? k : undefined;
  })();
  const overloadIndex = layout.overloadIndex ?? (() => {
    const k = parsed.findIndex((p) => isOverloadColumn(p.base));
    return k >= 0 ? k : undefined;
  })();

  const role = (k: number): ColumnInfo["role"] =>
    k === timeIndex ? "time" : k === currentIndex || currentLike.includes(k) ? "current" : isVoltageColumn(parsed[k]?.base ?? "", unitText(k)) ? "voltage" : "other";
  const columns: ColumnInfo[] = [];
  for (let k = 0; k < nCols; k++) columns.push({ index: k, name: names[k] ?? "", unit: unitText(k), role: role(k) });
  const timeColumn = timeIndex !== null ? columns[timeIndex]! : null;
  const currentColumn = columns[currentIndex]!;
  const biasColumn = chooseBiasColumn(columns, currentColumn);
  if (layout.signFromMode) assumptions.push(layout.signFromMode.why);

  const info: InputInfo = {
    file,
    format: layout.format,
    encoding: io.encoding,
    compression: io.compression,
    delimiter: delimiterLabel(layout.delimiter),
    decimalMark: layout.decimalMark,
    headerLine: layout.headerLine,
    columns,
    timeColumn,
    currentColumn,
    currentCandidates: candidates,
    timeUnit,
    currentUnit,
    timeFormat: time ? time.description : `none: row index / ${rate_hz} Hz`,
    rate_hz,
    assumptions,
    currentControlled: layout.currentControlled,
    biasColumn: biasColumn?.name ?? null,
    metadata: layout.metadata,
  };
  const plan: BodyPlan = {
    delimiter: layout.delimiter,
    decimalMark: layout.decimalMark,
    dataLine: layout.dataLine,
    timeIndex,
    currentIndex,
    time,
    rate_hz,
    timeScale: time && !time.textual && timeUnit ? scaleOf(timeUnit) : { mul: 1, div: 1 },
    currentScale: scaleOf(currentUnit),
    rangeIndex,
    overloadIndex,
    overloadTest: overloadIndex !== undefined ? (layout.overloadTest ?? genericOverload) : undefined,
    signFromMode: layout.signFromMode,
    skipRow: layout.skipRow,
    minFields: Math.max(currentIndex, timeIndex ?? 0) + 1,
    bias: biasColumn ? { column: biasColumn, scale: voltScale(biasColumn.unit) } : undefined,
  };
  return { info, plan };
}
