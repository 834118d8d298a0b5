// Charge split: how much of the charge passed a Faradaic process could have carried, and the non-Faradaic excess.
import type { TraceObserver } from "../analyze.js";
import type { PhaseName } from "../result.js";
import { SampleFlag, type Chunk } from "../trace.js";
import { DEFAULT_PARAMS } from "./params.js";
import type { Detection } from "./types.js";

/** Charge integrals in the leakage direction (positive = charge moved the way the leakage flows). */
export interface ChargeTotals {
  /** net charge passed, p * integral of I dt (p = polarity), coulombs */
  total_C: number;
  /**
   * the part a Faradaic process could carry: sum over 1 s windows of clamp(p * mean I, -Fmax, +Fmax) * dt.
   * The clamp acts on the window mean, not on single samples: per-sample clamping would turn 0.5 nA of
   * zero-mean noise into "non-Faradaic charge" on a trace that never leaves the floor.
   */
  faradaic_C: number;
  /** total - faradaic: integral of the current beyond +-Fmax */
  nonFaradaic_C: number;
}

export interface ChargeSplit extends ChargeTotals {
  faradaicMax_A: number;
  /** time left out of the integrals: intervals touching a flagged sample or crossing a gap */
  excluded_s: number;
  byPhase: (ChargeTotals & { phase: PhaseName; start_s: number; end_s: number })[];
  /** from the soft-short onset to the hard short (or to the end of the trace when none); null without an onset */
  untilHardShort: (ChargeTotals & { from_s: number; to_s: number; reachedHardShort: boolean }) | null;
  /**
   * from the soft-short onset to the end of the trace: the charge that left the noise floor; null when
   * the trace never did (then every coulomb above is floor offset, drift and noise, not a short)
   */
  sinceOnset: (ChargeTotals & { from_s: number; to_s: number }) | null;
}

// samples whose value is not a measurement; the intervals either side of them carry no charge
const UNUSABLE = SampleFlag.Missing | SampleFlag.Overflow | SampleFlag.Overload;
// one checkpoint of the running integrals every this many samples: phase boundaries are interpolated
// between checkpoints, so memory is 24 bytes per 128 samples
const CHECKPOINT_EVERY = 128;
/** window over which the current is averaged before the Faradaic bound is applied, seconds */
export const FARADAIC_WINDOW_s = 1;

/** Growable parallel arrays of (time, integral of I, integral of clamped I) at checkpoints. */
class Checkpoints {
  t = new Float64Array(1024);
  q = new Float64Array(1024);
  f = new Float64Array(1024);
  n = 0;
  add(t: number, q: number, f: number): void {
    // a time reset would unsort the checkpoints: keep them monotone so the lookup stays a bisection
    if (this.n > 0 && t < this.t[this.n - 1]!) return;
    if (this.n === this.t.length) {
      const grow = (a: Float64Array) => { const b = new Float64Array(a.length * 2); b.set(a); return b; };
      this.t = grow(this.t); this.q = grow(this.q); this.f = grow(this.f);
    }
    this.t[this.n] = t; this.q[this.n] = q; this.f[this.n] = f;
    this.n++;
  }
  /** running integrals at absolute time `time`, linear between checkpoints */
  at(time: number): [number, number] {
    const { t, q, f, n } = this;
    if (n === 0) return [0, 0];
    if (time <= t[0]!) return [0, 0];
    if (time >= t[n - 1]!) return [q[n - 1]!, f[n - 1]!];
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (t[mid]! <= time) lo = mid; else hi = mid; }
    const span = t[hi]! - t[lo]!;
    const w = span > 0 ? (time - t[lo]!) / span : 0;
    return [q[lo]! + w * (q[hi]! - q[lo]!), f[lo]! + w * (f[hi]! - f[lo]!)];
  }
}

/**
 * Streams the trapezoid integrals of I and of clamp(I, -Fmax, +Fmax) over the actual time steps.
 * An interval [k-1, k] counts when both samples are usable, sample k does not follow a gap, and
 * dt > 0 (duplicate stamps and time resets contribute nothing).
 */
export class ChargeIntegrator {
  private q = 0;
  /** Faradaic integral of the windows already closed */
  private f = 0;
  /** the open averaging window: its index, charge and counted time */
  private window = NaN;
  private windowQ = 0;
  private windowDt = 0;
  private firstT = NaN;
  private excluded = 0;
  private prevT = NaN;
  private prevI = NaN;
  private prevUsable = false;
  private seen = 0;
  private lastT = NaN;
  private readonly checkpoints = new Checkpoints();

  constructor(readonly faradaicMax_A: number) {}

  push(chunk: Chunk): void {
    const fmax = this.faradaicMax_A;
    const T = chunk.time_s;
    const I = chunk.current_A;
    const F = chunk.flags;
    // the running state in locals for the loop (same arithmetic, same order); the open window's
    // sums go back to their fields before each call that reads them, everything at the end
    let q = this.q;
    let windowQ = this.windowQ;
    let windowDt = this.windowDt;
    let excluded = this.excluded;
    let prevT = this.prevT;
    let prevI = this.prevI;
    let prevUsable = this.prevUsable;
    let seen = this.seen;
    let lastT = this.lastT;
    for (let k = 0; k < chunk.length; k++) {
      const t = T[k]!;
      const i = I[k]!;
      const flag = F[k]!;
      const tFinite = Number.isFinite(t);
      const usable = (flag & UNUSABLE) === 0 && Number.isFinite(i) && tFinite;
      if (tFinite && Number.isNaN(this.firstT)) this.firstT = t;
      if (seen > 0 && tFinite && Number.isFinite(lastT)) {
        const dt = t - lastT;
        if (dt > 0) {
          if (usable && prevUsable && (flag & SampleFlag.Discontinuity) === 0 && prevT === lastT) {
            const dq = 0.5 * (prevI + i) * dt;
            q += dq;
            // windows are fixed slices of the time axis from the first sample: chunk cuts can't move them
            const w = Math.floor((t - this.firstT) / FARADAIC_WINDOW_s);
            if (w !== this.window) {
              this.windowQ = windowQ;
              this.windowDt = windowDt;
              this.closeWindow(fmax);
              windowQ = this.windowQ;
              windowDt = this.windowDt;
              this.window = w;
            }
            windowQ += dq;
            windowDt += dt;
          } else {
            excluded += dt;
          }
        }
      }
      if (seen % CHECKPOINT_EVERY === 0 && tFinite) {
        this.windowQ = windowQ;
        this.windowDt = windowDt;
        this.checkpoints.add(t, q, this.f + this.openWindowF(fmax));
      }
      seen++;
      if (tFinite) lastT = t;
      prevUsable = usable;
      if (usable) {
        prevT = t;
        prevI = i;
      }
    }
    this.q = q;
    this.windowQ = windowQ;
    this.windowDt = windowDt;
    this.excluded = excluded;
    this.prevT = prevT;
    this.prevI = prevI;
    this.prevUsable = prevUsable;
    this.seen = seen;
    this.lastT = lastT;
  }

  /** Faradaic share of the open window: its mean current clamped to +-Fmax, times its length. */
  private openWindowF(fmax: number): number {
    if (this.windowDt <= 0) return 0;
    return Math.max(-fmax, Math.min(fmax, this.windowQ / this.windowDt)) * this.windowDt;
  }

  private closeWindow(fmax: number): void {
    this.f += this.openWindowF(fmax);
    this.windowQ = 0;
    this.windowDt = 0;
  }

  /** Integrals between two absolute times, in the leakage direction given by `polarity`. */
  between(from_abs_s: number, to_abs_s: number, polarity: 1 | -1): ChargeTotals {
    const [q0, f0] = this.checkpoints.at(from_abs_s);
    const [q1, f1] = this.checkpoints.at(to_abs_s);
    return totals(polarity * (q1 - q0), polarity * (f1 - f0));
  }

  finish(d: Detection): ChargeSplit {
    this.closeWindow(this.faradaicMax_A);
    if (Number.isFinite(this.lastT)) this.checkpoints.add(this.lastT, this.q, this.f);
    const p = d.polarity;
    const abs = (t: number): number => d.t0_s + t;
    const onset = d.transitions.softShortOnset_s;
    const hard = d.transitions.hardShort_s;
    const to_s = hard ?? d.duration_s;
    return {
      ...totals(p * this.q, p * this.f),
      faradaicMax_A: this.faradaicMax_A,
      excluded_s: this.excluded,
      byPhase: d.phases.map((ph) => ({
        phase: ph.phase, start_s: ph.start_s, end_s: ph.end_s, ...this.between(abs(ph.start_s), abs(ph.end_s), p),
      })),
      untilHardShort: onset === null ? null : {
        from_s: onset, to_s, reachedHardShort: hard !== null, ...this.between(abs(onset), abs(to_s), p),
      },
      sinceOnset: onset === null ? null : {
        from_s: onset, to_s: d.duration_s, ...this.between(abs(onset), abs(d.duration_s), p),
      },
    };
  }
}

function totals(total_C: number, faradaic_C: number): ChargeTotals {
  return { total_C, faradaic_C, nonFaradaic_C: total_C - faradaic_C };
}

/** The `charge` block of the result. */
export function chargeObserver(faradaicMax_A = DEFAULT_PARAMS.faradaicMax_A): TraceObserver {
  const integrator = new ChargeIntegrator(faradaicMax_A);
  return {
    push: (chunk) => integrator.push(chunk),
    finish: (d) => ({ charge: integrator.finish(d) }),
  };
}
