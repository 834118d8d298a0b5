// Crafted traces for detector tests: seeded Gaussian noise on a uniform time axis, plus a runner over chunk sizes.
import { createDetector } from "../../src/detect/index.js";
import type { DetectorParams } from "../../src/detect/params.js";
import type { Detection } from "../../src/detect/types.js";
import { chunked } from "../../src/trace.js";
import { mulberry32 } from "../../src/detect/random.js";

/** mulberry32 -> Box-Muller: cheap, seeded, identical on every machine */
export function gaussian(seed: number): () => number {
  const uni = mulberry32(seed);
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = uni();
    const v = uni();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export interface Crafted {
  time_s: Float64Array;
  current_A: Float64Array;
  flags: Uint8Array;
}

/** n samples at rate_hz of N(baseline, sigma) */
export function noiseTrace(n: number, rate_hz: number, sigma_A: number, seed: number, baseline_A = 0): Crafted {
  const g = gaussian(seed);
  const time_s = new Float64Array(n);
  const current_A = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time_s[i] = i / rate_hz;
    current_A[i] = baseline_A + sigma_A * g();
  }
  return { time_s, current_A, flags: new Uint8Array(n) };
}

export function detect(tr: Crafted, params: Partial<DetectorParams> = {}, chunk = 65536): Detection {
  const d = createDetector(params);
  for (const c of chunked(tr.time_s, tr.current_A, chunk, tr.flags)) d.push(c);
  return d.finish();
}
