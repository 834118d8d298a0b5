// The simulator's public face: labelled synthetic traces in the paper's shapes, in memory or streamed.
import type { Chunk } from "../trace.js";
import { planTrace, type Plan } from "./plan.js";
import { renderChunks } from "./render.js";
import type { SimSpec, SimTrace, SimTruth } from "./types.js";

export type { SimSpec, SimTrace, SimTruth, SimScenario, TruthSpike, SpikeShape, Arrivals } from "./types.js";
export { planTrace, OVERFLOW_VALUE } from "./plan.js";

export interface Simulation {
  truth: SimTruth;
  plan: Plan;
  sampleCount: number;
  /** the samples, in chunks of at most blockSize; arrays are reused between chunks */
  chunks(blockSize?: number): Generator<Chunk>;
}

/** Plan a trace; samples are produced lazily, chunk by chunk (any length in bounded memory). */
export function createSimulation(spec: SimSpec): Simulation {
  const plan = planTrace(spec);
  return {
    truth: plan.truth,
    plan,
    sampleCount: plan.truth.sampleCount,
    chunks: (blockSize = 65536) => renderChunks(plan, blockSize),
  };
}

/** A whole labelled trace in memory (tests, the eval harness). Same seed -> identical arrays. */
export function simulateTrace(spec: SimSpec): SimTrace {
  const sim = createSimulation(spec);
  const n = sim.sampleCount;
  const time_s = new Float64Array(n);
  const current_A = new Float64Array(n);
  const flags = new Uint8Array(n);
  let k = 0;
  for (const c of sim.chunks(65536)) {
    time_s.set(c.time_s.subarray(0, c.length), k);
    current_A.set(c.current_A.subarray(0, c.length), k);
    flags.set(c.flags.subarray(0, c.length), k);
    k += c.length;
  }
  if (k !== n) throw new Error(`simulator produced ${k} samples, planned ${n}`);
  return { time_s, current_A, flags, truth: sim.truth };
}
