// The reader interface: each vendor module sniffs the head and describes the layout it found.
import type { Delimiter } from "./fields.js";

/** The head of the input as text lines (index 0 = line 1). */
export interface Head {
  file: string;
  lines: string[];
  /** true when the head holds the whole input (so its last line is the real last line) */
  complete: boolean;
  /** false when the input's last line has no line terminator (only meaningful when complete) */
  lastLineTerminated: boolean;
}

/** What a reader module found; turned into a body plan by resolve.ts (columns, units, overrides). */
export interface Layout {
  /** reader module name, e.g. "delimited", "eclab-mpt" */
  format: string;
  delimiter: Delimiter;
  decimalMark: "." | ",";
  /** 1-based line of the column-header row, null when there is none */
  headerLine: number | null;
  /** 1-based line where sample rows start (blank and bare-delimiter rows are skipped anyway) */
  dataLine: number;
  /** column names as written ("" for unnamed) */
  names: string[];
  /** unit text per column from a units row or metadata, overriding what the name says */
  unitsRow?: (string | null)[];
  /** module's choice of columns (0-based); otherwise chosen by name */
  timeIndex?: number | null;
  currentIndex?: number;
  /** ordered current-like columns (module's view); otherwise by name */
  currentIndices?: number[];
  /** fixed units decided by the module (metadata, vendor convention), with the reason */
  timeUnit?: { unit: string; why: string };
  currentUnit?: { unit: string; why: string };
  /** per-row overload flag column and how to read it */
  overloadIndex?: number;
  overloadTest?: (cell: string) => boolean;
  rangeIndex?: number;
  /** unsigned current with direction in a mode column (battery cyclers) */
  signFromMode?: { index: number; sign: (cell: string) => number | null; why: string };
  /** rows that are not samples (metadata rows inside the data), skipped without a warning */
  skipRow?: (fields: string[]) => boolean;
  metadata: Record<string, string>;
  assumptions: string[];
  currentControlled: boolean;
}

/** A vendor module: claims a head it recognises (or refuses it with an InputError). */
export interface FormatReader {
  name: string;
  sniff(head: Head): Layout | null;
}
