// Readers for optional extras of the result (charge split, movie frames): checked, not trusted, since extras are untyped.

/** The `result.charge` block added by the charge observer (absent when it did not run). */
export interface ChargeSplit {
  total_C: number;
  faradaic_C: number;
  nonFaradaic_C: number;
  faradaicMax_A: number;
  /** non-Faradaic charge from the soft-short onset on; 0 when the trace never left the floor; undefined when not given */
  nonFaradaicSinceOnset_C?: number;
}

export type TransitionKey = "softShortOnset" | "hardShort" | "fuse";

/** The charge block when it has the expected shape (it is an optional extra, so it is checked, not trusted). */
export function chargeSplit(value: unknown): ChargeSplit | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const keys = ["total_C", "faradaic_C", "nonFaradaic_C", "faradaicMax_A"] as const;
  if (!keys.every((k) => typeof v[k] === "number")) return null;
  const split: ChargeSplit = { total_C: v.total_C as number, faradaic_C: v.faradaic_C as number, nonFaradaic_C: v.nonFaradaic_C as number, faradaicMax_A: v.faradaicMax_A as number };
  if (v.sinceOnset === null) split.nonFaradaicSinceOnset_C = 0;
  else if (typeof v.sinceOnset === "object" && typeof (v.sinceOnset as Record<string, unknown>).nonFaradaic_C === "number") {
    split.nonFaradaicSinceOnset_C = (v.sinceOnset as Record<string, number>).nonFaradaic_C;
  }
  return split;
}

/** The transition frames of `result.frames` (added by --frame-rate), when present and well formed. */
export function frameIndices(value: unknown): Record<TransitionKey, unknown> | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  return typeof v.frameRate_fps === "number" ? { softShortOnset: v.softShortOnset, hardShort: v.hardShort, fuse: v.fuse } : null;
}
