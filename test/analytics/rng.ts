// Seeded random numbers for the analytics tests (mulberry32; Box-Muller for Gaussians).

export function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
