// Spike thresholds per boxcar scale, chosen from the sample rate so pure Gaussian noise stays below a false-spike budget.
import { gaussianUpperQuantile } from "./stats.js";

/** Boxcar widths in samples: powers of 4 up to ~0.25 s of samples and at most 64 (1/f keeps longer sums honest only with a longer baseline). */
export function defaultBoxcarWidths(rate_hz: number): number[] {
  const widths = [1];
  const maxW = Math.min(64, Math.floor(0.25 * rate_hz));
  for (let w = 4; w <= maxW; w *= 4) widths.push(w);
  return widths;
}

/**
 * Threshold (in sigma of the boxcar mean) per width. A width-w sum has ~rate/w independent tries per
 * second; the budget is split evenly over the widths (Bonferroni), so the total noise-only rate is
 * at most `perHour` (exceedances over-count excursions, which only adds margin).
 */
export function scaleThresholds(rate_hz: number, widths: number[], perHour: number): number[] {
  return widths.map((w) => {
    const tries = (3600 * Math.max(rate_hz, 1e-9)) / w;
    return gaussianUpperQuantile(perHour / widths.length / tries);
  });
}

/** A user-fixed k for width 1 scales the automatic ladder so the wider widths keep their relative margin. */
export function fixedThresholds(k: number, auto: number[]): number[] {
  const base = auto[0]!;
  return auto.map((kw) => (k * kw) / base);
}
