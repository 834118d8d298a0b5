// Seeded random numbers for the simulator: xoshiro128** (32-bit integer ops only) so a seed gives the same trace on every machine.

/** splitmix32 step: spreads a seed into well-mixed state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;

/**
 * One independent stream per (seed, stream) pair: the planner, the white noise and the artefacts each
 * draw from their own stream, so switching a nuisance on never reshuffles the spikes.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream = 0) {
    // fold a full double seed (e.g. 2**40 + 7) into 32 bits without losing the high part
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / TWO_POW_32) >>> 0;
    const st = { s: (lo ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(stream + 1, 0x165667b1)) | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** next 32-bit unsigned integer */
  nextU32(): number {
    const b = this.b;
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** uniform in [0, 1) */
  uniform(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** uniform in [lo, hi) */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** log-uniform in [lo, hi): equal weight per decade */
  logBetween(lo: number, hi: number): number {
    return lo * Math.exp(Math.log(hi / lo) * this.uniform());
  }

  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.uniform());
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.uniform())]!;
  }

  /** exponential with the given mean (Poisson inter-arrival times) */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** standard normal (Box-Muller; the second value of each pair is kept for the next call) */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u = 1 - this.uniform(); // (0, 1]: log never sees 0
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const phi = 2 * Math.PI * v;
    this.spare = r * Math.sin(phi);
    this.hasSpare = true;
    return r * Math.cos(phi);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
