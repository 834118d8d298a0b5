// Instrument-controlled current (cyclers, galvanostatic steps): the timeline stays quiescent.
import type { Detection } from "./types.js";

/**
 * Steps and rests set by the instrument are programmed, not shorts or fuses: reporting them would be
 * a false claim, so no transition, spike or burst is reported and a warning says why. The noise
 * floor is still reported.
 */
export function withoutShortDetection(d: Detection): Detection {
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
      `current is set by the instrument (cycler or galvanostatic steps): steps and rests are not shorts, so no short detection was done${found}`,
    ],
  };
}
