// Seeded random numbers for the analytics tests (mulberry32; Box-Muller for Gaussians).

import { mulberry32 } from "../../src/detect/random.js";

export const uniform = mulberry32;

export function gaussian(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(u() + 1e-300)) * Math.cos(2 * Math.PI * u());
}

/** Poisson arrival times at `rate_hz` over [0, span_s). */
export function poissonTimes(seed: number, rate_hz: number, span_s: number): number[] {
  const u = uniform(seed);
  const out: number[] = [];
  for (let t = -Math.log(1 - u()) / rate_hz; t < span_s; t += -Math.log(1 - u()) / rate_hz) out.push(t);
  return out;
}
