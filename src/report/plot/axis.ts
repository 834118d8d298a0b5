// Axis scales and ticks for plots: round steps (1-2-5), a unit chosen for the data, decade ticks for |I|.
import { currentScale, formatCurrent } from "../units.js";

export interface Tick {
  value: number;
  label: string;
}

export interface Axis {
  lo: number;
  hi: number;
  ticks: Tick[];
  /** unit shown in the axis title, e.g. "nA", "s"; "" for a log axis whose ticks carry their own unit */
  unit: string;
  log: boolean;
}

/** A round step (1, 2 or 5 x 10^n) giving about `target` intervals over `span`. */
export function niceStep(span: number, target = 5): number {
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/** Tick values at multiples of `step` within [lo, hi]. */
function ticksAt(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9; k++) out.push(k * step === 0 ? 0 : k * step);
  return out;
}

/** Decimals needed to print multiples of `step` (in display units) without rounding them together. */
function decimalsFor(step: number): number {
  return Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
}

/** Linear current axis over [lo_A, hi_A], ticks at round values in one unit (pA/nA/uA/...). */
export function currentAxis(lo_A: number, hi_A: number, target = 5): Axis {
  if (!(hi_A > lo_A)) {
    const pad = Math.max(Math.abs(lo_A) * 0.1, 1e-12);
    lo_A -= pad;
    hi_A += pad;
  }
  // the range stays where the data are (no empty margins up to the next round number); ticks fall inside
  const step = niceStep(hi_A - lo_A, target);
  const lo = lo_A;
  const hi = hi_A;
  const { factor, unit } = currentScale(Math.max(Math.abs(lo), Math.abs(hi)));
  const dec = decimalsFor(step / factor);
  const ticks = ticksAt(lo, hi, step).map((v) => ({ value: v, label: (v / factor).toFixed(dec) }));
  return { lo, hi, ticks, unit, log: false };
}

/** Log |I| axis over whole decades; each tick names its unit ("1 pA", "10 nA"). */
export function logCurrentAxis(lo_A: number, hi_A: number): Axis {
  const lo = 10 ** Math.floor(Math.log10(Math.max(lo_A, 1e-18)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(hi_A, lo_A, 1e-18)));
  if (hi <= lo) hi = lo * 10;
  const decades = Math.round(Math.log10(hi / lo));
  // label every decade while they fit, else every second or third one
  const every = Math.max(1, Math.ceil(decades / 6));
  const ticks: Tick[] = [];
  for (let d = 0; d <= decades; d += every) {
    const v = lo * 10 ** d;
    ticks.push({ value: v, label: formatCurrent(v, 1).replace(/\.0 /, " ") });
  }
  return { lo, hi, ticks, unit: "", log: true };
}

/** The time unit for a span: ms below 2 s, s below 10 min, min below 2 h, else h. */
export function timeUnit(span_s: number): { factor: number; unit: string } {
  if (span_s < 2) return { factor: 1e-3, unit: "ms" };
  if (span_s < 600) return { factor: 1, unit: "s" };
  if (span_s < 7200) return { factor: 60, unit: "min" };
  return { factor: 3600, unit: "h" };
}

/** Time axis over [lo_s, hi_s] exactly (the trace fills the width), ticks at round values inside. */
export function timeAxis(lo_s: number, hi_s: number, target = 5): Axis {
  if (!(hi_s > lo_s)) hi_s = lo_s + 1e-3;
  const { factor, unit } = timeUnit(hi_s - lo_s);
  const step = niceStep((hi_s - lo_s) / factor, target);
  const dec = decimalsFor(step);
  const ticks = ticksAt(lo_s / factor, hi_s / factor, step).map((v) => ({ value: v * factor, label: v.toFixed(dec) }));
  return { lo: lo_s, hi: hi_s, ticks, unit, log: false };
}

/** A time in a given unit with about four significant digits and no exponent: "182.3", "0.0125". */
export function formatTimeIn(t_s: number, unit: { factor: number; unit: string }): string {
  const v = t_s / unit.factor;
  const a = Math.abs(v);
  const dec = a === 0 ? 1 : Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(a))));
  return `${v.toFixed(dec)} ${unit.unit}`;
}
