// Spike events in one leakage direction: multi-scale triggers, hysteresis, one event per excursion, charge over actual dt.
import type { SampleRing } from "./ring.js";
import { DOUBLE_ZERO } from "./double.js";

/** a tail is never merged over more than this, seconds */
const MAX_TAIL_S = 0.1;
/** between events, a stretch whose mean excess is at most this (sigma) is back at the baseline: no tail */
const BASELINE_MEAN_SIGMA = 0.5;

/** A finished excursion, absolute times on the file's axis (converted to t0-relative at the end). */
export interface RawSpike {
  start_t: number;
  peak_t: number;
  end_t: number;
  peak_A: number;
  charge_C: number;
  /** excess at the last sample above the release level: high means the event stopped abruptly (no tail) */
  endExcess_A: number;
  /** peak in units of the width-1 noise sigma when the event closed */
  peak_sigma: number;
}

/**
 * Triggers look back (a width-w boxcar that fires marks its w samples), so events are assembled
 * `delay` samples behind the newest sample: by then every window that could cover a sample is known.
 */
export class SpikeFinder {
  readonly spikes: RawSpike[] = [];
  /** thresholds in sigma of each width's boxcar mean; swapped for the soft-phase ladder after onset */
  get thresholds(): Float64Array {
    return this.thr;
  }
  set thresholds(v: Float64Array) {
    this.thr = v;
    this.updateLimits();
  }
  private thr: Float64Array;
  /** per width, the trigger level in amperes (threshold x sigma x sqrt(w)): fixed per block, so not recomputed per sample */
  readonly limits: Float64Array;
  private readonly sqrtW: Float64Array;
  private readonly widths: Int32Array;
  /** for a window starting at ring slot p: the last index of the latest firing window that starts there */
  private readonly coverEnd: Float64Array;
  /** last sample index covered by a firing window (-Infinity: none yet) */
  private coveredTo = -Infinity;
  /** ring slots whose coverEnd is set (>= 0): firing windows not yet consumed */
  private covers = 0;
  /** the last closed event, held until the next one shows whether it was a tail fragment */
  private pending: RawSpike | null = null;
  /** an artefact since the pending event: nothing after it may merge into it */
  private sealed = false;
  /** last sample index at which each width fired */
  private readonly lastFire: Float64Array;
  private active = false;
  // the open event (set when it opens, read only while it is open). Fields holding doubles start
  // as doubles (NaN, -Infinity), not 0: V8 stores a field that starts as a small integer in another
  // layout, and the two finders switching layout at different times (the first event of each
  // direction) sent the optimised hot loop back to the interpreter once per block
  private evStart = NaN;
  private evEnd = NaN;
  private evPeak = NaN;
  private evPeakT = NaN;
  private evCharge = NaN;
  private evLast = NaN;
  private gap = 0;
  private gapCharge = NaN;
  /** sample indices: the open event's first and last, the pending event's last, the newest consumed */
  private evStartS = NaN;
  private evEndS = NaN;
  private pendingEndS = NaN;
  private lastS = NaN;
  /** called with each finished spike (onset logic) */
  onSpike: ((s: RawSpike) => void) | null = null;

  constructor(
    readonly direction: 1 | -1,
    widths: number[],
    thresholds: number[],
    private readonly ring: SampleRing,
    private readonly kRelease: number,
    private readonly mergeGap: number,
    private readonly minWidth_s: number,
    private readonly dtNominal_s: number,
    /** this many samples back at the baseline between two events: the second is no tail of the first (0: off) */
    private readonly splitDip = 0,
    /** ... if its peak reaches this many sigma */
    private readonly splitRise_sigma = Infinity,
  ) {
    this.widths = Int32Array.from(widths);
    this.sqrtW = Float64Array.from(widths, (w) => Math.sqrt(w));
    this.thr = Float64Array.from(thresholds);
    this.limits = new Float64Array(widths.length);
    this.scaleSigma = new Float64Array(widths.length);
    this.coverEnd = new Float64Array(ring.mask + 1).fill(-1);
    this.lastFire = new Float64Array(widths.length).fill(-Infinity);
  }

  /**
   * Newest sample i (good, in the ring): test every width; `sums[k]` = sum of the last widths[k]
   * residuals, `run` = good samples in a row. A wide window only counts when no narrower width fired
   * inside it (otherwise its mass is the narrow spike's, and it would smear that spike's edges), and
   * its cover is trimmed to the samples above the release level.
   */
  trigger(i: number, store: Float64Array, o: number, stride: number, run: number): void {
    const ring = this.ring;
    const mask = ring.mask;
    const slot = i & mask;
    const sigma = this.sigma1;
    if (!(sigma > 0)) return;
    const sig = this.scaleSigma;
    const d = this.direction;
    const lim = this.limits;
    const last = this.lastFire;
    let narrowest = -1;
    if (d * ring.residual[slot]! > lim[0]!) {
      last[0] = i;
      narrowest = 0;
    }
    for (let k = 1; k < this.widths.length; k++) {
      const w = this.widths[k]!;
      if (run >= w && sig[k]! > 0 && d * store[k * stride + o]! > lim[k]!) {
        let explained = false;
        for (let m = 0; m < k; m++) if (last[m]! > i - w) explained = true;
        last[k] = i;
        if (!explained && narrowest < 0) narrowest = k;
      }
    }
    if (narrowest < 0) return;
    let start = i;
    let end = i;
    if (narrowest > 0) {
      const release = this.kRelease * sigma;
      const w = this.widths[narrowest]!;
      start = -1;
      for (let j = i - w + 1; j <= i; j++) {
        if (d * ring.residual[j & mask]! > release) {
          if (start < 0) start = j;
          end = j;
        }
      }
      if (start < 0) return;
    }
    const p = start & mask;
    const was = this.coverEnd[p]!;
    if (was < end) {
      if (was < 0) this.covers++;
      this.coverEnd[p] = end;
    }
  }

  /** noise of each width's boxcar (per-sample units) and the width-1 sigma, for the next block */
  private readonly scaleSigma: Float64Array;
  private sigma1 = DOUBLE_ZERO;
  setSigmas(scale: Float64Array, sigma1: number): void {
    // copied, not referenced: a field that keeps changing its array made V8 re-check (and bail out of) the hot loop
    this.scaleSigma.set(scale);
    this.sigma1 = sigma1;
    this.updateLimits();
  }

  /** the same products trigger() used to form per sample (same operand order: identical values) */
  private updateLimits(): void {
    const thr = this.thr;
    const sig = this.scaleSigma;
    this.limits[0] = thr[0]! * this.sigma1;
    for (let k = 1; k < this.limits.length; k++) this.limits[k] = thr[k]! * sig[k]! * this.sqrtW[k]!;
  }

  /**
   * true when consume(s) would only mark an artefact (seal()): no event open, sample s not covered
   * by a firing window seen so far nor by one starting at s (windows that fire later start later).
   */
  idleAt(s: number): boolean {
    return !this.active && this.coveredTo < s && this.coverEnd[s & this.ring.mask]! < 0;
  }

  /** idleAt(s') for every s' >= s, until trigger() next fires: no event open, nothing covered from s on, no window pending */
  idleFrom(s: number): boolean {
    return !this.active && this.coveredTo < s && this.covers === 0;
  }

  /** consume() of an artefact sample while idle: nothing after it may merge into the pending event */
  seal(): void {
    this.sealed = true;
  }

  /** Assemble events at the delayed sample s (its dt already in the ring). */
  consume(s: number): void {
    const ring = this.ring;
    const p = s & ring.mask;
    this.lastS = s;
    const dt_s = ring.dt[p]!;
    const ce = this.coverEnd[p]!;
    if (ce > this.coveredTo) this.coveredTo = ce;
    if (ce >= 0) this.covers--;
    this.coverEnd[p] = -1;
    if (!ring.good[p]) {
      // an artefact splits an excursion: what came before is one event, what follows another
      if (this.active) this.close();
      this.sealed = true;
      return;
    }
    const x = this.direction * ring.residual[p]!;
    const covered = this.coveredTo >= s;
    if (this.active) {
      if (covered || x > this.kRelease * ring.sigma[p]!) {
        this.evCharge += this.gapCharge + x * dt_s;
        this.gapCharge = 0;
        this.gap = 0;
        this.evEnd = ring.time[p]!;
        this.evEndS = s;
        this.evLast = x;
        if (x > this.evPeak) {
          this.evPeak = x;
          this.evPeakT = ring.time[p]!;
        }
      } else if (++this.gap > this.mergeGap) {
        this.close();
      } else {
        this.gapCharge += x * dt_s;
      }
    } else if (covered) {
      this.active = true;
      this.evStart = this.evEnd = this.evPeakT = ring.time[p]!;
      this.evStartS = this.evEndS = s;
      this.evPeak = x;
      this.evLast = x;
      this.evCharge = x * dt_s;
      this.gap = 0;
      this.gapCharge = 0;
    }
  }

  /** End of the trace: close whatever is open. */
  flush(): void {
    if (this.active) this.close();
    this.emit();
  }

  private close(): void {
    this.active = false;
    this.gap = 0;
    this.gapCharge = 0;
    if (!(this.evPeak > 0)) return;
    const s: RawSpike = {
      start_t: this.evStart,
      peak_t: this.evPeakT,
      end_t: this.evEnd,
      peak_A: this.evPeak,
      charge_C: this.evCharge,
      endExcess_A: this.evLast,
      peak_sigma: this.sigma1 > 0 ? this.evPeak / this.sigma1 : Infinity,
    };
    const p = this.pending;
    // a tail decays into the gap; a stretch back at the baseline and then a clear rise is a second pulse
    const back = p !== null && s.peak_sigma >= this.splitRise_sigma && this.backAtBaseline(this.pendingEndS + 1, this.evStartS - 1);
    const endS = this.evEndS;
    if (p && !this.sealed && !back && s.start_t - p.end_t <= this.tailWindow(p)) {
      // a fragment of the previous spike's decaying tail (noise dipped below the release level)
      p.end_t = s.end_t;
      this.pendingEndS = endS;
      p.endExcess_A = s.endExcess_A;
      p.charge_C += s.charge_C;
      if (s.peak_A > p.peak_A) {
        p.peak_A = s.peak_A;
        p.peak_t = s.peak_t;
        p.peak_sigma = s.peak_sigma;
      }
      return;
    }
    this.emit();
    this.pending = s;
    this.pendingEndS = endS;
    this.sealed = false;
  }

  /** samples a..b (still in the ring) number at least splitDip and their mean excess is within BASELINE_MEAN_SIGMA */
  private backAtBaseline(a: number, b: number): boolean {
    const ring = this.ring;
    // the ring runs ahead of the consumed sample by at most half its length (see SampleRing's size)
    if (this.splitDip <= 0 || b - a + 1 < this.splitDip || !(a > this.lastS - (ring.mask >> 1))) return false;
    let sum = 0;
    let n = 0;
    for (let j = a; j <= b; j++) {
      const q = j & ring.mask;
      if (!ring.good[q] || !(ring.sigma[q]! > 0)) continue;
      sum += (this.direction * ring.residual[q]!) / ring.sigma[q]!;
      n++;
    }
    return n >= this.splitDip && sum <= BASELINE_MEAN_SIGMA * n;
  }

  /**
   * How long after a spike's end a new excursion still counts as its tail: twice the decay time
   * estimated from peak -> end (an exponential falls from peak to the release level in
   * tau x ln(peak / release)). The simulator and the physics both put distinct spikes further
   * apart than that (a tail decays fully before the next spike starts).
   */
  private tailWindow(p: RawSpike): number {
    const release = this.kRelease * this.sigma1;
    // a flat top that ends abruptly (square pulse) has no tail to fragment
    if (p.endExcess_A > 3 * release) return this.mergeGap * this.dtNominal_s;
    const ratio = release > 0 ? p.peak_A / release : Infinity;
    const tau = (p.end_t - p.peak_t) / Math.log(Math.max(ratio, 2));
    return Math.max(this.mergeGap * this.dtNominal_s, Math.min(MAX_TAIL_S, 2 * tau));
  }

  private emit(): void {
    const s = this.pending;
    this.pending = null;
    if (!s) return;
    if (s.end_t - s.start_t + this.dtNominal_s < this.minWidth_s) return;
    // noise inside a faint wide event can leave a non-positive integral: fall back to peak x one sample
    if (!(s.charge_C > 0)) s.charge_C = s.peak_A * this.dtNominal_s;
    this.spikes.push(s);
    this.onSpike?.(s);
  }
}
