// One numeric cell -> a number, with the same answer on the slow (string) and fast (byte) paths.

/** Instruments write this (Keithley, NI) when a reading overflowed. */
export const OVERFLOW_LIMIT = 9.9e37;

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export const CellKind = { Number: 0, Empty: 1, NaN: 2, Infinite: 3, Text: 4 } as const;
export type CellKind = (typeof CellKind)[keyof typeof CellKind];

export interface Cell {
  kind: CellKind;
  value: number;
}

/** Read a cell as written: decimal mark "." or ",", optional quotes and spaces around. */
export function readCell(raw: string, decimalMark: "." | ","): Cell {
  let s = raw.trim();
  if (s.length >= 2 && s.charCodeAt(0) === 34 && s.charCodeAt(s.length - 1) === 34) s = s.slice(1, -1).trim();
  if (s === "") return { kind: CellKind.Empty, value: NaN };
  if (decimalMark === ",") s = s.replace(",", ".");
  if (PLAIN.test(s)) return { kind: CellKind.Number, value: Number(s) };
  const l = s.toLowerCase();
  if (l === "nan" || l === "-nan" || l === "n/a" || l === "na" || l === "--" || l === "-") return { kind: CellKind.NaN, value: NaN };
  if (/^[+-]?(inf|infinity|∞)$/.test(l)) return { kind: CellKind.Infinite, value: l.startsWith("-") ? -Infinity : Infinity };
  return { kind: CellKind.Text, value: NaN };
}

/** True when a cell reads as a number in the given decimal style (used by sniffing). */
export function isNumeric(raw: string, decimalMark: "." | ","): boolean {
  return readCell(raw, decimalMark).kind === CellKind.Number;
}
