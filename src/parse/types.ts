// The parser's public face: what a reader tells about an input, and how samples come out of it.
import type { Chunk } from "../trace.js";
import type { BiasSummary } from "./bias.js";

export type TimeUnit = "s" | "ms" | "us" | "min" | "h";
export type CurrentUnit = "A" | "mA" | "uA" | "nA" | "pA" | "fA";

export interface ParseOptions {
  /** column name or 1-based index */
  timeCol?: string;
  currentCol?: string;
  timeUnit?: TimeUnit;
  currentUnit?: CurrentUnit;
  /** sample rate when the file has no time column */
  rate_hz?: number;
  /** samples per chunk handed to the detector (results must not depend on it) */
  chunkSize?: number;
}

export interface ColumnInfo {
  /** 0-based field index */
  index: number;
  name: string;
  /** unit as read from the header/units row/metadata, or null */
  unit: string | null;
  /** what the sniffer thinks the column is */
  role: "time" | "current" | "voltage" | "other";
}

/** What was read and assumed before any sample is analysed (shown by `inspect` and in the JSON `input` block). */
export interface InputInfo {
  file: string;
  /** reader module that took the file, e.g. "delimited", "eclab-mpt", "gamry-dta" */
  format: string;
  encoding: string;
  compression: "none" | "gzip";
  delimiter: string | null;
  decimalMark: "." | ",";
  /** 1-based line of the column-header row, null when there is none */
  headerLine: number | null;
  columns: ColumnInfo[];
  timeColumn: ColumnInfo | null;
  currentColumn: ColumnInfo;
  /** other current-like columns the user could choose with --current-col */
  currentCandidates: string[];
  timeUnit: TimeUnit | null;
  currentUnit: CurrentUnit;
  /** how time values are written: plain numbers, hh:mm:ss, date-times (with the format stated) */
  timeFormat: string;
  /** sample rate given with --rate when there is no time column */
  rate_hz: number | null;
  /** every guess the reader made, in words ("current unit A assumed: no unit in header") */
  assumptions: string[];
  /**
   * true when the instrument controls the current (battery cycler steps, galvanostatic techniques):
   * steps and rests are then set by the instrument, not shorts or fuses
   */
  currentControlled: boolean;
  /** the voltage column read as the bias (held or swept: ParseSummary.bias), null when there is none */
  biasColumn: string | null;
  /** key/value metadata found in the preamble */
  metadata: Record<string, string>;
}

/** Counts known only after the whole body was read. */
export interface ParseSummary {
  rows: number;
  /** rows skipped (footers, junk, truncated last row), with the reason in warnings */
  skippedRows: number;
  missingCount: number;
  overflowCount: number;
  overloadCount: number;
  duplicateTimeCount: number;
  nonMonotonicCount: number;
  gapCount: number;
  rangeChanges: { time_s: number; range: string }[];
  firstTime_s: number | null;
  lastTime_s: number | null;
  /** median sampling interval from the first 1000 intervals (null when time never advances) */
  medianInterval_s?: number | null;
  /** the bias column's range and steps (null: no bias column); swept = a voltammogram or I-V sweep */
  bias?: BiasSummary | null;
  warnings: string[];
}

export interface OpenedTrace {
  info: InputInfo;
  /**
   * samples in order; each chunk is valid until the next is requested. With handOff the chunks are
   * the consumer's to keep (or to give back with recycle()), e.g. to transfer to another thread.
   */
  chunks(handOff?: boolean): AsyncGenerator<Chunk>;
  /** give a handed-off chunk's arrays back for reuse (bounded memory without allocating per chunk) */
  recycle?(chunk: Chunk): void;
  /** call after chunks() is exhausted */
  summary(): ParseSummary;
  /**
   * Only on a trace parsed on a worker with a besideParser (openTraceThreaded): what that companion
   * made of the whole input (ChunkCompanion.finish). Call after chunks() is exhausted.
   */
  besidesResult?(): unknown;
}
