// Unit words as instruments write them -> the SI factor softshort works in (seconds, amperes).
import type { CurrentUnit, TimeUnit } from "./types.js";

const TIME_UNITS: Record<string, TimeUnit> = {
  s: "s", sec: "s", secs: "s", second: "s", seconds: "s",
  ms: "ms", msec: "ms", millisecond: "ms", milliseconds: "ms",
  us: "us", "µs": "us", "μs": "us", usec: "us", microsecond: "us", microseconds: "us",
  min: "min", mins: "min", minute: "min", minutes: "min",
  h: "h", hr: "h", hrs: "h", hour: "h", hours: "h",
};

const CURRENT_UNITS: Record<string, CurrentUnit> = {
  a: "A", amp: "A", amps: "A", ampere: "A", amperes: "A",
  ma: "mA", milliamps: "mA", milliampere: "mA",
  ua: "uA", "µa": "uA", "μa": "uA", microamps: "uA",
  na: "nA", nanoamps: "nA",
  pa: "pA", picoamps: "pA",
  fa: "fA",
};

export const TIME_FACTOR: Record<TimeUnit, number> = { s: 1, ms: 1e-3, us: 1e-6, min: 60, h: 3600 };
export const CURRENT_FACTOR: Record<CurrentUnit, number> = { A: 1, mA: 1e-3, uA: 1e-6, nA: 1e-9, pA: 1e-12, fA: 1e-15 };

/**
 * A unit conversion as multiply-then-divide with exact constants: 2.5 nA is 2.5 / 1e9 (correctly
 * rounded, = 2.5e-9) where 2.5 * 1e-9 would give 2.4999999999999998e-9.
 */
export interface Scale {
  mul: number;
  div: number;
}

const SUBMULTIPLE: Record<string, number> = { ms: 1e3, us: 1e6, mA: 1e3, uA: 1e6, nA: 1e9, pA: 1e12, fA: 1e15 };

export function scaleOf(unit: TimeUnit | CurrentUnit): Scale {
  const div = SUBMULTIPLE[unit];
  if (div !== undefined) return { mul: 1, div };
  return { mul: unit in TIME_FACTOR ? TIME_FACTOR[unit as TimeUnit] : CURRENT_FACTOR[unit as CurrentUnit], div: 1 };
}

export function timeUnitOf(word: string): TimeUnit | null {
  return TIME_UNITS[word.trim().toLowerCase()] ?? TIME_UNITS[word.trim()] ?? null;
}

export function currentUnitOf(word: string): CurrentUnit | null {
  // case matters for the prefix only in principle ("MA" would be mega); instruments never write mega-amps
  return CURRENT_UNITS[word.trim().toLowerCase()] ?? null;
}

export function isTimeUnit(u: string): u is TimeUnit {
  return u in TIME_FACTOR;
}

export function isCurrentUnit(u: string): u is CurrentUnit {
  return u in CURRENT_FACTOR;
}

/** A current with its unit, e.g. a range label "1 µA" or "100 nA" -> amperes; null if it is not one. */
export function parseCurrentQuantity(text: string): number | null {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Zµμ]+)\s*$/.exec(text);
  if (!m) return null;
  const unit = currentUnitOf(m[2]!);
  return unit ? Number(m[1]) * CURRENT_FACTOR[unit] : null;
}
