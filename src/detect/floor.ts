// The quiescent floor reference: a causal median of past quiet baselines that hard shorts and spike trains cannot pull up.
import { SortedWindow } from "./stats.js";

const CAPACITY = 256;

/**
 * A block's baseline joins the history only while no hard-short run is open and it lies within
 * 4 sigma of the current floor, so slow drift is followed but a short or an onset step is not.
 * A level that stays outside the gate for floorReacquire_s (a new range offset, a long soft-short
 * step) becomes the new floor. A current-range change starts a new history (the floor changes with
 * the range).
 */
export class FloorReference {
  level = NaN;
  sigma = 0;
  /** the last CAPACITY accepted baselines and sigmas, kept sorted: a median per add is O(1) */
  private readonly values = new SortedWindow(CAPACITY);
  private readonly sigmas = new SortedWindow(CAPACITY);
  private readonly scratch = new Float64Array(CAPACITY);
  private readonly every: number;
  private tick = 0;
  private rejectSince = NaN;
  private segment = 0;

  constructor(window_s: number, private readonly reacquire_s: number, block_s: number) {
    this.every = Math.max(1, Math.ceil(window_s / block_s / CAPACITY));
  }

  block(baseline: number, sigma: number, tStart: number, segment: number, mixed: boolean, shortRunning: boolean): void {
    if (segment !== this.segment) {
      this.segment = segment;
      this.values.clear();
      this.sigmas.clear();
    }
    if (mixed || !Number.isFinite(baseline) || shortRunning) return;
    const s = Number.isFinite(sigma) ? sigma : 0;
    if (this.values.n === 0) {
      this.reset(baseline, s);
      return;
    }
    if (Math.abs(baseline - this.level) <= 4 * this.sigma) {
      this.rejectSince = NaN;
      if (++this.tick % this.every === 0) this.add(baseline, s);
      return;
    }
    if (Number.isNaN(this.rejectSince)) this.rejectSince = tStart;
    else if (tStart - this.rejectSince >= this.reacquire_s) this.reset(baseline, s);
  }

  private reset(baseline: number, sigma: number): void {
    this.values.clear();
    this.sigmas.clear();
    this.tick = 0;
    this.rejectSince = NaN;
    this.add(baseline, sigma);
  }

  private add(baseline: number, sigma: number): void {
    this.values.push(baseline);
    this.sigmas.push(sigma);
    this.level = this.values.exactMedian(this.scratch);
    this.sigma = this.sigmas.exactMedian(this.scratch);
  }
}
