// Soft-short onset in one direction: a persistent baseline step above the floor, or a spike rate noise cannot make.
import type { BlockLog } from "./blocks.js";
import { DOUBLE_ZERO } from "./double.js";

/**
 * Evidence, never a lone alarm:
 *  - step: the running baseline stays > onsetStep_sigma above the floor for onsetPersist_s; its
 *    start is back-dated to the change point: the first block of the elevated run whose rise
 *    exceeds half the rise at confirmation. A step alone (an autorange offset, drift) is not an onset:
 *    at least one spike must follow its start.
 *  - rate: a second spike within onsetRateWindow_s of the previous one (with the default k noise
 *    makes ~0.01 spikes per hour, so two in a minute are not noise). Onset = the earlier spike's
 *    start, or the step's start when a step is under way and began before it.
 */
export class OnsetFinder {
  onset_t = NaN;
  private lowT = NaN;
  private lastJ = 0;
  private lastRise = DOUBLE_ZERO;
  private lastFloor = DOUBLE_ZERO;
  private stepFloor = DOUBLE_ZERO;
  /** finished persistent steps [start, end] (few: each lasted onsetPersist_s) */
  private readonly steps: Array<[number, number]> = [];
  private stepActive = false;
  private stepStart = NaN;
  private prevSpikeStart = NaN;
  private prevSpikePeak = NaN;
  private lastSpikePeak = NaN;
  /** called once when the onset is confirmed (the spike finder switches to the soft thresholds) */
  onConfirm: (() => void) | null = null;

  constructor(
    readonly direction: 1 | -1,
    private readonly step_sigma: number,
    private readonly persist_s: number,
    private readonly rateWindow_s: number,
    /** block summaries (baselines) for back-dating a step */
    private readonly blocks: BlockLog,
    /** a step smaller than this (the Faradaic bound) is not an electronic short, however many sigma */
    private readonly minStep_A = 0,
  ) {}

  get confirmed(): boolean {
    return !Number.isNaN(this.onset_t);
  }

  /** One block: its start time, its baseline, the floor reference and the local sigma. */
  block(j: number, tStart: number, tEnd: number, baseline: number, floorNow: number, sigma: number): void {
    // once a step is under way it is measured from the floor it left: the floor reference may
    // slowly take a small step in (it follows drift), but the step is still there
    const floor = this.stepActive ? this.stepFloor : floorNow;
    const rise = this.direction * (baseline - floor);
    const step = Math.max(this.step_sigma * sigma, this.minStep_A);
    this.lastJ = j;
    this.lastRise = rise;
    this.lastFloor = floor;
    if (!(rise > step / 2) || !(sigma > 0)) {
      if (this.stepActive) this.steps.push([this.stepStart, tStart]);
      this.lowT = NaN;
      this.stepActive = false;
      return;
    }
    if (Number.isNaN(this.lowT)) this.lowT = tStart;
    if (!this.stepActive && rise > step && tEnd - this.lowT >= this.persist_s) {
      this.stepActive = true;
      this.stepFloor = floor;
      this.stepStart = this.backDate(j, rise, floor);
      if (!this.confirmed && this.lastSpikePeak >= this.stepStart) this.confirm(this.stepStart);
    }
  }

  spike(start_t: number, peak_t: number): void {
    this.lastSpikePeak = peak_t;
    if (!this.confirmed) {
      // date the step from the present rise: drift before a step must not pull the onset early
      if (this.stepActive && this.stepStart <= peak_t) this.confirm(this.backDate(this.lastJ, this.lastRise, this.lastFloor));
      else if (peak_t - this.prevSpikePeak <= this.rateWindow_s) {
        this.confirm(this.stepActive && this.stepStart < this.prevSpikeStart ? this.stepStart : this.prevSpikeStart);
      }
    }
    this.prevSpikeStart = start_t;
    this.prevSpikePeak = peak_t;
  }

  /**
   * The change point: walking back from block j through the elevated run, the first block whose
   * rise is above half the present rise. Slow drift before a step lifts the baseline a little, and
   * half the threshold would date the onset to the start of that drift; half the step does not.
   */
  private backDate(j: number, rise: number, floor: number): number {
    const B = this.blocks;
    const m = B.mask;
    // no further back than the log's ring holds (55 min of blocks by default): beyond it the onset is
    // dated to the oldest block held
    const oldest = B.oldest + 1;
    let k = j;
    while (k >= oldest && B.tStart[(k - 1) & m]! >= this.lowT && this.direction * (B.baseline[(k - 1) & m]! - floor) > rise / 2) k--;
    return B.tStart[k & m]!;
  }

  /** Start of the persistent step under way at time t, if any (a hard short that arrives unannounced). */
  stepUnderway(t: number): number {
    for (const [a, b] of this.steps) if (a <= t && t <= b) return a;
    if (this.stepActive && this.stepStart <= t) return this.stepStart;
    return NaN;
  }

  private confirm(t: number): void {
    this.onset_t = t;
    this.onConfirm?.();
  }
}
