// The detector's public face: push chunks in sample order, then finish() once.
import type { Chunk } from "../trace.js";
import type { Timeline } from "../result.js";

/** The timeline plus the analyses observers add; toResult() turns it into the result object. */
export interface Detection extends Timeline {
  /** further analyses (escalation statistics, charge split, ...) keyed by name */
  extras: Record<string, unknown>;
}

export interface Detector {
  /** samples in time order; the result must not depend on how they are cut into chunks */
  push(chunk: Chunk): void;
  /** `noShortDetection`: a reason known only at the end of the input (a swept bias) to report no short */
  finish(options?: { noShortDetection?: string }): Detection;
}
