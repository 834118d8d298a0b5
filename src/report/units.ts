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
