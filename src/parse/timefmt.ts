// Time cells in every representation seen (numbers, hh:mm:ss, d.hh:mm:ss, date-times) -> seconds.
import { CellKind, readCell } from "./numbers.js";
import type { Scale } from "./units.js";

/** Reads one time cell; stateful (midnight rollover), so make one per pass over the body. */
export type TimeCellReader = (cell: string) => number;

export interface TimeFormat {
  /** stated in info.timeFormat */
  description: string;
  /** true when values are clock or calendar times rather than numbers with a unit */
  textual: boolean;
  make(): TimeCellReader;
  /** guesses to report (e.g. how D/M vs M/D was decided) */
  assumptions: string[];
}

const HMS = /^(?:(\d+)\.)?(\d+):(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{1,2}(?:[.,]\d+)?))?\s*([AaPp][Mm])?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.+?))?(Z|[+-]\d{2}:?\d{2})?$/;
const YMD = /^(\d{4})[./](\d{1,2})[./](\d{1,2})(?:\s+(.+))?$/;
const ABY = /^(\d{1,2})([./-])(\d{1,2})\2('?\d{2}|\d{4})(?:\s+(.+))?$/;

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

function hmsSeconds(m: RegExpExecArray): number {
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]!.replace(",", "."));
}

function timeOfDaySeconds(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return 0;
  const m = TIME_OF_DAY.exec(text.trim());
  if (!m) return NaN;
  let h = Number(m[1]);
  const ampm = m[4]?.toUpperCase();
  if (ampm === "PM" && h < 12) h += 12;
  if (ampm === "AM" && h === 12) h = 0;
  return h * 3600 + Number(m[2]) * 60 + Number((m[3] ?? "0").replace(",", "."));
}

function year(y: string): number {
  const n = Number(y.replace("'", ""));
  return y.replace("'", "").length === 2 ? 2000 + n : n;
}

function dateSeconds(y: number, mo: number, d: number, time: string | undefined): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  return Date.UTC(y, mo - 1, d) / 1000 + timeOfDaySeconds(time);
}

/** Numbers with a unit factor (the common case). */
export function numericTime(scale: Scale, decimalMark: "." | ",", unitWord: string): TimeFormat {
  return {
    description: `number (${unitWord})`,
    textual: false,
    assumptions: [],
    make: () => (cell) => {
      const c = readCell(cell, decimalMark);
      return c.kind === CellKind.Number ? (c.value * scale.mul) / scale.div : NaN;
    },
  };
}

/** Decide a textual time representation from sample cells; null when they are not textual times. */
export function sniffTextualTime(samples: string[]): TimeFormat | null {
  const cells = samples.map(unquote).filter((s) => s !== "");
  if (cells.length === 0) return null;
  if (cells.every((c) => HMS.test(c))) {
    const hours = cells.map((c) => Number(HMS.exec(c)![2]));
    const days = cells.some((c) => HMS.exec(c)![1] !== undefined);
    const clock = !days && hours.every((h) => h < 24) && hours[0]! >= 1;
    return {
      description: days ? "d.hh:mm:ss(.fff) duration" : clock ? "hh:mm:ss(.fff) clock time without date (midnight rollover handled)" : "hh:mm:ss(.fff) elapsed time (hours may exceed 24)",
      textual: true,
      assumptions: clock ? ["time column is a clock time without a date: a backward jump of more than 12 h is taken as midnight"] : [],
      make: () => {
        let last = -Infinity;
        let day = 0;
        return (cell) => {
          const m = HMS.exec(unquote(cell));
          if (!m) return NaN;
          let v = hmsSeconds(m) + day;
          if (clock && v < last - 43200) {
            day += 86400;
            v += 86400;
          }
          last = v;
          return v;
        };
      },
    };
  }
  if (cells.every((c) => ISO.test(c))) {
    return {
      description: "ISO 8601 date-time (YYYY-MM-DD hh:mm:ss; zone offset applied when given, else read as written)",
      textual: true,
      assumptions: [],
      make: () => (cell) => {
        const m = ISO.exec(unquote(cell));
        if (!m) return NaN;
        let s = dateSeconds(Number(m[1]), Number(m[2]), Number(m[3]), m[4]);
        if (m[5] && m[5] !== "Z") {
          const z = /([+-])(\d{2}):?(\d{2})/.exec(m[5])!;
          s -= (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3]) * 60);
        }
        return s;
      },
    };
  }
  if (cells.every((c) => YMD.test(c))) {
    return {
      description: "date-time YYYY.MM.DD hh:mm:ss",
      textual: true,
      assumptions: [],
      make: () => (cell) => {
        const m = YMD.exec(unquote(cell));
        return m ? dateSeconds(Number(m[1]), Number(m[2]), Number(m[3]), m[4]) : NaN;
      },
    };
  }
  if (cells.every((c) => ABY.test(c) && !Number.isNaN(timeOfDaySeconds(ABY.exec(c)![5])))) {
    const parts = cells.map((c) => ABY.exec(c)!);
    const firstBig = parts.some((m) => Number(m[1]) > 12);
    const secondBig = parts.some((m) => Number(m[3]) > 12);
    const ampm = parts.some((m) => /[AaPp][Mm]\s*$/.test(m[5] ?? ""));
    const sep = parts[0]![2];
    let dayFirst: boolean;
    let why: string;
    if (firstBig && !secondBig) [dayFirst, why] = [true, "a first field above 12 was seen"];
    else if (secondBig && !firstBig) [dayFirst, why] = [false, "a second field above 12 was seen"];
    else if (ampm) [dayFirst, why] = [false, "ambiguous in the first rows; AM/PM clock suggests US month/day order"];
    else if (sep === ".") [dayFirst, why] = [true, "ambiguous in the first rows; dotted dates are day.month in the locales that write them"];
    else [dayFirst, why] = [true, "AMBIGUOUS in the first rows (no field above 12); day/month assumed"];
    const order = dayFirst ? `D${sep}M${sep}Y` : `M${sep}D${sep}Y`;
    return {
      description: `date-time ${order} hh:mm:ss${ampm ? " AM/PM" : ""}`,
      textual: true,
      assumptions: [`dates read as ${order}: ${why}`],
      make: () => (cell) => {
        const m = ABY.exec(unquote(cell));
        if (!m) return NaN;
        const a = Number(m[1]);
        const b = Number(m[3]);
        return dayFirst ? dateSeconds(year(m[4]!), b, a, m[5]) : dateSeconds(year(m[4]!), a, b, m[5]);
      },
    };
  }
  return null;
}
