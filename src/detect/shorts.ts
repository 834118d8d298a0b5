// Hard short (sustained conduction far above the floor) and fuse (collapse back to the floor) in one direction.
import { OVERLOAD, USABLE, type SampleRing } from "./ring.js";

export interface RawHardShort {
  start_t: number;
  end_t: number;
  /** mean excess over the floor during the short (the median from block summaries replaces it when it can) */
  meanExcess_A: number;
  floor_A: number;
  clipped: boolean;
}

export interface RawFuse {
  time_t: number;
  level_A: number;
}

/**
 * A run = samples above the hard-short threshold, dips up to `dipSamples` long forgiven.
 * A run lasting hardShortMin_s is a hard short unless it is a zero-noise flat step with no spikes
 * before it (instrument-controlled current). After a confirmed short, each collapse opens a
 * fuseMin_s window: >= 90% of its samples near the floor (or 0) = fuse; >= 90% exact zeros = the
 * instrument's output was switched off, which is reported as a warning instead.
 */
export class ShortFinder {
  hard: RawHardShort | null = null;
  fuse: RawFuse | null = null;
  readonly warnings: string[] = [];
  // fields holding doubles start as NaN (set before they are read), not 0: see SpikeFinder.evStart
  /** true while a run is open (the floor reference must not learn from it) */
  inRun = false;
  private runStartT = NaN;
  private lastAboveT = NaN;
  private below = 0;
  private firstBelowT = NaN;
  private n = 0;
  private same = 0;
  private sumStep = NaN;
  /** spikes found before this run began (a controlled step has none) */
  private spikesAtStart = 0;
  /** judged an instrument-controlled step: never a hard short */
  private runRejected = false;
  private prevX = NaN;
  private maxE = -Infinity;
  private atMax = 0;
  private overload = 0;
  private sumE = NaN;
  private runFloor = NaN;
  private controlledWarned = false;
  // fuse watch after a collapse
  private watching = false;
  private watchT = NaN;
  private watchGood = 0;
  private watchBand = 0;
  private watchZero = 0;
  private watchSum = NaN;
  private zeroWarned = false;

  constructor(
    readonly direction: 1 | -1,
    /** first sample's time: warnings quote t0-relative seconds like the rest of the result */
    private readonly t0: number,
    private readonly minDuration_s: number,
    private readonly fuseMin_s: number,
    private readonly dipSamples: number,
    /** number of spikes seen so far in this direction (a controlled step has none before it) */
    private readonly spikesBefore: () => number,
    private readonly ring: SampleRing,
    /** the input says the instrument set the current (battery cyclers): no run is ever a short */
    private readonly currentControlled = false,
  ) {}

  /** floor reference, hard-short threshold and fuse band (amperes) for the samples of the next block */
  private floor = NaN;
  private threshold = Infinity;
  private band = NaN;
  setLevels(floor: number, threshold: number, band: number): void {
    this.floor = floor;
    this.threshold = threshold;
    this.band = band;
  }

  /**
   * true when step() does nothing for a block whose usable currents lie in [xMin, xMax] (under the
   * levels of setLevels): no run open, no fuse watch, and no sample can start a run. The excess
   * direction x (x - floor) is largest at xMax (+) or xMin (-): subtraction rounds monotonically.
   */
  quietFor(xMax: number, xMin: number): boolean {
    if (this.inRun || this.watching) return false;
    const e = this.direction > 0 ? xMax - this.floor : -(xMin - this.floor);
    return !(e > this.threshold);
  }

  /**
   * Sample i (in the ring) in time order. Usable = finite and not Missing/Overflow (a pinned
   * Overload value still says the current is at least that high).
   */
  step(i: number): void {
    const ring = this.ring;
    const slot = i & ring.mask;
    const st = ring.state[slot]!;
    if (!(st & USABLE)) return;
    const x = ring.current[slot]!;
    const t = ring.time[slot]!;
    const overloadFlag = (st & OVERLOAD) !== 0;
    const floor = this.floor;
    const threshold = this.threshold;
    const band = this.band;
    const e = this.direction * (x - floor);
    if (this.inRun) {
      if (e > threshold) {
        this.lastAboveT = t;
        this.below = 0;
        this.n++;
        if (x === this.prevX) this.same++;
        this.sumStep += Math.abs(x - this.prevX);
        this.prevX = x;
        this.sumE += e;
        if (e > this.maxE) {
          this.maxE = e;
          this.atMax = 1;
        } else if (e === this.maxE) this.atMax++;
        if (overloadFlag) this.overload++;
        if (!this.hard && !this.runRejected && this.lastAboveT - this.runStartT >= this.minDuration_s) this.confirm();
      } else {
        if (++this.below === 1) this.firstBelowT = t;
        // the collapse is dated at the first sample below; the window starts there
        if (this.below > this.dipSamples) this.endRun(this.firstBelowT);
        if (this.watching) this.watchSample(x, floor, band);
      }
      return;
    }
    if (this.watching) {
      if (e > threshold) {
        // conduction resumed within the window: the short goes on
        this.watching = false;
      } else {
        this.watchSample(x, floor, band);
        if (t - this.watchT >= this.fuseMin_s) this.closeWatch();
        return;
      }
    }
    if (e > threshold) {
      this.inRun = true;
      this.runStartT = this.lastAboveT = t;
      this.below = 0;
      this.n = 1;
      this.same = 0;
      this.sumStep = 0;
      this.prevX = x;
      this.maxE = e;
      this.atMax = 1;
      this.overload = overloadFlag ? 1 : 0;
      this.sumE = e;
      this.runFloor = floor;
      this.runRejected = false;
      this.spikesAtStart = this.spikesBefore();
    }
  }

  private confirm(): void {
    // a set-point, not a noisy conduction: sample-to-sample changes under 0.1 % of the level (a
    // cycler's constant-current step; a real short carries the meter's noise, >= ~0.3 %), or at
    // least half the steps exactly repeating with no spikes before (a clipped short has them)
    const meanStep = this.n > 1 ? this.sumStep / (this.n - 1) : 0;
    const repeats = this.n > 1 && this.same >= 0.5 * (this.n - 1);
    const smooth = this.n > 1 && !repeats && meanStep < 1e-3 * (this.sumE / this.n);
    if (this.currentControlled || ((smooth || repeats) && this.spikesAtStart === 0)) {
      this.runRejected = true;
      if (!this.controlledWarned) {
        this.controlledWarned = true;
        this.warnings.push(
          `flat step at a constant current with (near) zero noise from t=${(this.runStartT - this.t0).toFixed(3)} s (instrument-controlled current?): not treated as a hard short`,
        );
      }
      return;
    }
    this.hard = {
      start_t: this.runStartT,
      end_t: this.lastAboveT,
      meanExcess_A: this.sumE / this.n,
      floor_A: this.runFloor,
      clipped: this.overload > 0 || (this.n >= 10 && this.atMax >= 0.2 * this.n),
    };
  }

  private endRun(t: number): void {
    this.inRun = false;
    this.recheck();
    const h = this.hard;
    if (!h || this.fuse) return;
    if (h.start_t === this.runStartT || this.runStartT - h.end_t <= this.fuseMin_s) {
      // the confirmed run itself, or conduction resumed soon after a collapse: one hard short
      if (h.start_t === this.runStartT) {
        h.meanExcess_A = this.sumE / this.n;
        h.clipped = h.clipped || this.overload > 0 || (this.n >= 10 && this.atMax >= 0.2 * this.n);
      }
      h.end_t = this.lastAboveT;
    }
    this.watching = true;
    this.watchT = t;
    this.watchGood = this.watchBand = this.watchZero = 0;
    this.watchSum = 0;
  }

  private watchSample(x: number, floor: number, band: number): void {
    this.watchGood++;
    if (Math.abs(x - floor) <= band || Math.abs(x) <= band) this.watchBand++;
    if (x === 0) this.watchZero++;
    this.watchSum += x;
  }

  private closeWatch(): void {
    this.watching = false;
    if (!this.hard || this.fuse || this.watchGood === 0) return;
    if (this.watchZero >= 0.9 * this.watchGood) {
      if (!this.zeroWarned) {
        this.zeroWarned = true;
        this.warnings.push(
          `current went to exactly 0 at t=${(this.watchT - this.t0).toFixed(3)} s after the hard short (instrument output off or rest step?): not treated as a fuse`,
        );
      }
      return;
    }
    if (this.watchBand >= 0.9 * this.watchGood) this.fuse = { time_t: this.watchT, level_A: this.watchSum / this.watchGood };
  }

  /**
   * The confirmed run, judged again over its whole length (the confirmation saw only its first
   * hardShortMin_s): a smooth set-point after all is dropped.
   */
  private recheck(): void {
    const h = this.hard;
    if (!h || h.start_t !== this.runStartT || this.fuse || this.n < 2 || this.spikesAtStart > 0) return;
    if (this.sumStep / (this.n - 1) < 1e-3 * (this.sumE / this.n) && this.same < 0.5 * (this.n - 1)) {
      this.hard = null;
      this.runRejected = true;
      this.warnings.push(
        `flat step at a constant current with (near) zero noise from t=${(this.runStartT - this.t0).toFixed(3)} s (instrument-controlled current?): not treated as a hard short`,
      );
    }
  }

  /** End of trace: a run still open at the end keeps its end; an unfinished watch is no fuse. */
  flush(): void {
    if (this.inRun) this.recheck();
    if (this.inRun && this.hard && this.hard.start_t === this.runStartT) {
      this.hard.end_t = this.lastAboveT;
      this.hard.meanExcess_A = this.sumE / this.n;
    }
  }
}
