// The detector's public face: push chunks in sample order, then finish() once.
import type { Chunk } from "../trace.js";
import type { DetectorParams } from "./params.js";
import type { Burst, FuseInfo, HardShortInfo, NoiseFloor, Phase, Spike, Transitions, Verdict } from "../result.js";

export interface Detection {
  sampleCount: number;
  /** first to last sample time */
  duration_s: number;
  /** median sample rate from the actual time steps */
  sampleRate_hz: number;
  /** time of the first sample on the file's axis; every *_s below is relative to it */
  t0_s: number;
  polarity: 1 | -1;
  noise: NoiseFloor;
  verdict: Verdict;
  transitions: Transitions;
  phases: Phase[];
  spikes: Spike[];
  bursts: Burst[];
  hardShort: HardShortInfo | null;
  fuse: FuseInfo | null;
  warnings: string[];
  /** parameters with every null default resolved to the value used */
  parameters: DetectorParams;
  /** further analyses (escalation statistics, charge split, ...) keyed by name */
  extras: Record<string, unknown>;
}

export interface Detector {
  /** samples in time order; the result must not depend on how they are cut into chunks */
  push(chunk: Chunk): void;
  finish(): Detection;
}
