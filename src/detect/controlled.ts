// Inputs where a short cannot be told from the instrument's programme (controlled current, swept bias): the timeline stays quiescent.
import type { Detection } from "./types.js";

/** Why short detection was not done: the instrument set the current, or the bias was swept. */
export const CURRENT_CONTROLLED = "current is set by the instrument (cycler or galvanostatic steps): steps and rests are not shorts";

const volts = (x: number): string => `${Number(x.toPrecision(3))} V`;

/** A bias swept back and forth (voltammogram, I-V loops, pulse train): the current follows it, so its rises are not shorts. */
export function sweptBiasReason(column: string, min_V: number, max_V: number, reversals: number): string {
  return `the bias ("${column}") was swept between ${volts(min_V)} and ${volts(max_V)} and turned back ${reversals} time${reversals === 1 ? "" : "s"} (a voltammogram, I-V loops or pulses), not held: the current follows the bias and its rises are not shorts`;
}

/** A bias ramped one way: detection still runs (ramp-to-failure is a real protocol), but level rises may follow the bias. */
export function rampedBiasWarning(column: string, min_V: number, max_V: number): string {
  return `the bias ("${column}") ramped between ${volts(min_V)} and ${volts(max_V)} instead of being held: a rise of the current level may follow the bias rather than a short`;
}

/**
 * Steps and rests set by the instrument, or a current that follows a swept bias, are programmed, not
 * shorts or fuses: reporting them would be a false claim, so no transition, spike or burst is
 * reported and a warning says why. The noise floor is still reported.
 */
export function withoutShortDetection(d: Detection, reason: string = CURRENT_CONTROLLED): Detection {
  const found = d.verdict === "stable" ? "" : ` (the detector alone would have said "${d.verdict}")`;
  return {
    ...d,
    verdict: "stable",
    transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null },
    phases: [{ phase: "quiescent", start_s: 0, end_s: d.duration_s }],
    spikes: [],
    bursts: [],
    hardShort: null,
    fuse: null,
    warnings: [
      ...d.warnings,
      `${reason}, so no short detection was done${found}`,
    ],
  };
}
