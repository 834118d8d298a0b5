// Human units for text, tables and plot axes: SI inside, nA/pA/ms outside.

const CURRENT_PREFIXES: [number, string][] = [
  [1, "A"], [1e-3, "mA"], [1e-6, "uA"], [1e-9, "nA"], [1e-12, "pA"], [1e-15, "fA"],
];
const TIME_UNITS: [number, string][] = [[3600, "h"], [60, "min"], [1, "s"], [1e-3, "ms"], [1e-6, "us"]];

/** The current unit whose scale keeps |value| in [1, 1000) (smallest: fA). */
export function currentScale(value_A: number): { factor: number; unit: string } {
  const a = Math.abs(value_A);
  for (const [factor, unit] of CURRENT_PREFIXES) if (a >= factor * 0.9995) return { factor, unit };
  return { factor: 1e-15, unit: "fA" };
}

/** "3.0 nA", "310 nA", "1.2 uA": about `digits` significant digits, never exponent notation. */
export function formatCurrent(value_A: number, digits = 2): string {
  if (!Number.isFinite(value_A)) return String(value_A);
  if (value_A === 0) return "0 A";
  const { factor, unit } = currentScale(value_A);
  return `${formatNumber(value_A / factor, digits)} ${unit}`;
}

/** "1.20 nC" style charge with the same prefixes as current. */
export function formatCharge(value_C: number, digits = 2): string {
  return formatCurrent(value_C, digits).replace(/A$/, "C");
}

/** Seconds as a duration: "350 ms", "6.2 s", "12.5 min", "3.10 h". */
export function formatDuration(value_s: number, digits = 2): string {
  if (!Number.isFinite(value_s)) return String(value_s);
  if (value_s === 0) return "0 s";
  const a = Math.abs(value_s);
  for (const [factor, unit] of TIME_UNITS) {
    if (unit === "h" && a < 2 * 3600) continue;
    if (unit === "min" && a < 10 * 60) continue;
    if (a >= factor * 0.9995) return `${formatNumber(value_s / factor, digits)} ${unit}`;
  }
  return `${formatNumber(value_s / 1e-6, digits)} us`;
}

/** A number with at least one decimal below 100 and `digits` significant digits, no exponent. */
export function formatNumber(x: number, digits = 2): string {
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toString();
  const decimals = Math.max(1, digits - 1 - Math.floor(Math.log10(Math.max(a, 1e-300))));
  return x.toFixed(Math.min(decimals, 6));
}

/** Thin space (U+2009): groups thousands in counts without looking like a field separator. */
export const THIN_SPACE = "\u2009";

/** An integer count with thousands grouped by thin spaces: 400001 -> "400 001". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(Math.round(n)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
  return n < 0 ? `-${grouped}` : grouped;
}

/** A sample rate with three significant digits: "1.00 kHz", "20.0 kHz", "250 Hz". */
export function formatRate(value_hz: number): string {
  if (!Number.isFinite(value_hz)) return String(value_hz);
  if (value_hz === 0) return "0 Hz";
  const a = Math.abs(value_hz);
  const [factor, unit] = a >= 999.5e3 ? [1e6, "MHz"] : a >= 999.5 ? [1e3, "kHz"] : [1, "Hz"];
  const scaled = value_hz / factor;
  // toPrecision switches to exponent notation below 1e-6; rates that slow are printed plainly instead
  const text = Math.abs(scaled) < 1e-3 ? String(scaled) : scaled.toPrecision(3);
  return `${text} ${unit}`;
}

/** A current in a given unit (so related values share one unit): formatCurrentIn(0.49e-9, "nA") = "0.49 nA". */
export function formatCurrentIn(value_A: number, unit: string, digits = 2): string {
  if (!Number.isFinite(value_A)) return String(value_A);
  const entry = CURRENT_PREFIXES.find(([, u]) => u === unit);
  if (!entry) return formatCurrent(value_A, digits);
  if (value_A === 0) return `0 ${unit}`;
  return `${formatNumber(value_A / entry[0], digits)} ${unit}`;
}

/**
 * Decimals for times on a trace's own axis: about a thousandth of the trace's duration, at least one,
 * so a 400 s trace prints "182.3 s" and a 0.5 s burst at 20 kHz prints "0.1234 s"; never finer than
 * the sample period when the rate is known (a 3 ms trace at 1 kHz prints "0.003 s", not "0.003000 s").
 */
export function timeDecimals(duration_s: number, sampleRate_hz?: number): number {
  if (!(duration_s > 0) || !Number.isFinite(duration_s)) return 1;
  let decimals = Math.ceil(-Math.log10(duration_s / 1000));
  if (sampleRate_hz !== undefined && sampleRate_hz > 0 && Number.isFinite(sampleRate_hz)) {
    decimals = Math.min(decimals, Math.ceil(Math.log10(sampleRate_hz) - 1e-9));
  }
  return Math.min(6, Math.max(1, decimals));
}
