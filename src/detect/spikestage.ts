// One direction's spike search across the onset: strict thresholds until it is confirmed, then soft ones back to the onset.
import type { RawSpike, SpikeFinder } from "./spikes.js";

/**
 * The soft-phase thresholds are meant for the whole soft short, but the onset is only known some
 * seconds after it began (a second spike, a step that persisted), and the first spikes of a soft
 * short are its faintest. So a shadow finder runs on the soft thresholds from the start; until the
 * onset is confirmed its spikes are only held (those of the last `lookback_s`), and the strict
 * finder's spikes are the result. At confirmation the shadow's spikes since the onset replace the
 * strict finder's, and the shadow goes on alone. An onset that is never confirmed leaves the strict
 * result untouched; the result does not depend on the chunk cut (both finders see every sample).
 */
export class SpikeStage {
  private strict: SpikeFinder | null;
  /** strict spikes before the onset, once it is confirmed */
  private kept: RawSpike[] = [];
  private confirmedAt = NaN;
  private keptEnd = -Infinity;
  onSpike: ((s: RawSpike) => void) | null = null;

  constructor(
    strict: SpikeFinder,
    private readonly shadow: SpikeFinder,
    private readonly lookback_s: number,
  ) {
    this.strict = strict;
    strict.onSpike = (s) => this.onSpike?.(s);
    // before confirmation the shadow's spikes are only candidates: forget those older than the look-back
    shadow.onSpike = (s) => {
      if (this.strict) this.forget(s.end_t - this.lookback_s);
      else if (this.before(s)) shadow.spikes.pop();
      else this.onSpike?.(s);
    };
  }

  get confirmed(): boolean {
    return this.strict === null;
  }

  /** Spikes found so far, in time order (emitted ones only). */
  get spikes(): RawSpike[] {
    if (this.strict) return this.strict.spikes;
    return this.kept.length === 0 ? this.shadow.spikes : this.kept.concat(this.shadow.spikes);
  }

  /** count without building the list (hot: the short finder asks per run) */
  get count(): number {
    return this.strict ? this.strict.spikes.length : this.kept.length + this.shadow.spikes.length;
  }

  /** thresholds of the finder that reports once the onset is confirmed (the soft/strict gate) */
  get thresholds(): Float64Array {
    return this.shadow.thresholds;
  }
  set thresholds(v: Float64Array) {
    this.shadow.thresholds = v;
  }

  /**
   * The lower trigger levels of the two finders: the shadow's (its soft limits are never above the
   * strict ones), until setSigmas or a thresholds swap changes them. A sample no sum of which
   * exceeds them cannot fire either finder.
   */
  get lowestLimits(): Float64Array {
    return this.shadow.limits;
  }

  idleAt(s: number): boolean {
    return this.shadow.idleAt(s) && (this.strict?.idleAt(s) ?? true);
  }

  idleFrom(s: number): boolean {
    return this.shadow.idleFrom(s) && (this.strict?.idleFrom(s) ?? true);
  }

  seal(): void {
    this.shadow.seal();
    this.strict?.seal();
  }

  /**
   * The onset (at onset_t) is confirmed: strict spikes that start before it stay, the shadow's
   * from there on take over. A shadow event overlapping a kept one is the same excursion.
   */
  confirm(onset_t: number): void {
    const strict = this.strict;
    if (!strict) return;
    this.strict = null;
    this.confirmedAt = onset_t;
    this.kept = strict.spikes.filter((s) => s.start_t < onset_t);
    this.keptEnd = this.kept.length > 0 ? this.kept[this.kept.length - 1]!.end_t : -Infinity;
    const soft = this.shadow.spikes.filter((s) => !this.before(s));
    // a strict spike since the onset that the shadow no longer holds (older than the look-back) stays
    const overlaps = (a: RawSpike) => soft.some((b) => b.start_t <= a.end_t && a.start_t <= b.end_t);
    const from = soft.concat(strict.spikes.filter((s) => s.start_t >= onset_t && !overlaps(s))).sort((a, b) => a.start_t - b.start_t);
    this.shadow.spikes.length = 0;
    for (const s of from) {
      this.shadow.spikes.push(s);
      this.onSpike?.(s);
    }
  }

  /** a shadow spike that ended before the onset, or overlaps a kept strict one */
  private before(s: RawSpike): boolean {
    return s.end_t < this.confirmedAt || s.start_t <= this.keptEnd;
  }

  setSigmas(scale: Float64Array, sigma1: number): void {
    this.strict?.setSigmas(scale, sigma1);
    this.shadow.setSigmas(scale, sigma1);
  }

  trigger(i: number, store: Float64Array, o: number, stride: number, run: number): void {
    this.strict?.trigger(i, store, o, stride, run);
    this.shadow.trigger(i, store, o, stride, run);
  }

  /** the shadow first: when the strict finder's spike confirms the onset, both have seen sample s */
  consume(s: number): void {
    this.shadow.consume(s);
    this.strict?.consume(s);
  }

  /** the shadow first: its last spike must be a candidate when the strict finder's last one confirms the onset */
  flush(): void {
    this.shadow.flush();
    this.strict?.flush();
  }

  private forget(before_t: number): void {
    const a = this.shadow.spikes;
    let k = 0;
    while (k < a.length && a[k]!.end_t < before_t) k++;
    if (k > 0) a.splice(0, k);
  }
}
