// Spikes of the soft short: arrivals, amplitude growth, shapes on the slot grid, and their exact excess and charge.
import type { Rng } from "./random.js";
import type { SimSpec, SpikeShape } from "./types.js";

export interface PlannedSpike {
  shape: SpikeShape;
  /** first slot of the excursion */
  start: number;
  peak: number;
  /** last slot at or above 1 sigma (the truth's end_s) */
  end: number;
  /** first slot after the rendered excursion (the tail is drawn down to 0.01 sigma) */
  renderEnd: number;
  amp_A: number;
  riseSlots: number;
  /** per-slot decay factor of the exponential tail */
  decay: number;
}

const MIN_SIGMA = 3;
const MAX_SIGMA = 2000;

/** Where the soft short lies, in seconds and slots, and which slot ranges are dropouts. */
export interface SoftShortWindow {
  onset_s: number;
  onset: number;
  softEnd_s: number;
  /** no spike may still be drawn at or after this slot */
  lastSlot: number;
  sigma: number;
  inGap: (a: number, b: number) => boolean;
}

/**
 * Spikes at a constant mean rate (Poisson, or clusters of ~4 at the same mean rate) whose amplitude
 * follows the growth clock from 3-5 to 200-2000 sigma, never overlapping: the next one starts only
 * after the previous tail is below 0.01 sigma plus max(3 samples, 5 ms). A spike touching a gap is dropped.
 */
export function planSpikes(rng: Rng, spec: SimSpec, w: SoftShortWindow): PlannedSpike[] {
  const { onset_s, onset, softEnd_s, lastSlot, sigma, inGap } = w;
  const rate = spec.rate_hz;
  const spikes: PlannedSpike[] = [];
  const clock = growthClock(rng, onset_s, softEnd_s);
  const rateSpikes = Math.min(spec.spikeRate_hz ?? rng.logBetween(0.5, 3), rate / 20);
  const a0 = spec.ampStartSigma ?? rng.between(3, 5);
  const a1 = spec.ampEndSigma ?? rng.logBetween(200, 2000);
  const arrivals = spec.arrivals ?? "poisson";
  const clusterMean = 4;
  const gapSlots = Math.max(3, Math.round(5e-3 * rate));
  let t = onset_s + rng.between(0.05, 0.5);
  let nextFree = onset + 1;
  let inCluster = 0;
  while (true) {
    const shape = pickShape(rng, spec.spikeShape);
    const p = clock(t);
    let m = a0 * Math.pow(a1 / a0, p) * Math.exp(0.35 * rng.normal());
    if (m < MIN_SIGMA) m = (MIN_SIGMA * MIN_SIGMA) / m; // reflect in log space: no pile-up at 3 sigma
    if (m > MAX_SIGMA) m = (MAX_SIGMA * MAX_SIGMA) / m;
    const sp = shapeSpike(rng, shape, Math.max(nextFree, Math.round(t * rate)), m * sigma, sigma, rate);
    if (sp.renderEnd > lastSlot) break;
    if (!inGap(sp.start, sp.renderEnd + 1)) {
      spikes.push(sp);
      nextFree = sp.renderEnd + gapSlots;
    }
    // next arrival: Poisson at a constant mean rate, or clusters of ~4 close spikes at the same mean rate
    if (arrivals === "clustered") {
      if (inCluster > 0) {
        inCluster--;
        t += rng.exponential(Math.min(0.08, 0.25 / rateSpikes));
      } else {
        inCluster = Math.floor(rng.exponential(clusterMean - 1));
        t += rng.exponential(clusterMean / rateSpikes);
      }
    } else {
      t += rng.exponential(1 / rateSpikes);
    }
    t = Math.max(t, nextFree * (1 / rate));
  }
  return spikes;
}

function pickShape(rng: Rng, shape: SimSpec["spikeShape"]): SpikeShape {
  if (shape && shape !== "mixed") return shape;
  const u = rng.uniform();
  return u < 0.6 ? "exponential" : u < 0.85 ? "square" : "single";
}

/** One spike on the slot grid, its peak exactly on a sample. */
function shapeSpike(rng: Rng, shape: SpikeShape, start: number, amp_A: number, sigma: number, rate: number): PlannedSpike {
  const m = amp_A / sigma;
  if (shape === "exponential") {
    const riseSlots = Math.round(rng.logBetween(0.1e-3, 2e-3) * rate);
    const tauSlots = rng.logBetween(2e-3, 40e-3) * rate;
    const peak = start + riseSlots;
    return {
      shape, start, peak, amp_A, riseSlots, decay: Math.exp(-1 / tauSlots),
      end: peak + Math.floor(tauSlots * Math.log(m)),
      renderEnd: peak + Math.ceil(tauSlots * Math.log(m / 0.01)) + 1,
    };
  }
  if (shape === "square") {
    const w = Math.max(1, Math.round(rng.logBetween(3e-3, 60e-3) * rate));
    return { shape, start, peak: start + Math.floor((w - 1) / 2), end: start + w - 1, renderEnd: start + w, amp_A, riseSlots: 0, decay: 1 };
  }
  return { shape, start, peak: start, end: start, renderEnd: start + 1, amp_A, riseSlots: 0, decay: 0 };
}

/** Excess of a planned spike at slot j (0 outside it). */
export function spikeValue(s: PlannedSpike, j: number): number {
  if (j < s.start || j >= s.renderEnd) return 0;
  if (s.shape === "square" || s.shape === "single") return s.amp_A;
  if (j < s.peak) return (s.amp_A * (j - s.start + 1)) / (s.riseSlots + 1);
  return s.amp_A * Math.pow(s.decay, j - s.peak);
}

/** Sum of the rendered excess over the spike's slots (amperes x slots): the sample-sum charge / dt. */
export function spikeCharge(s: PlannedSpike): number {
  if (s.shape !== "exponential") return s.amp_A * (s.renderEnd - s.start);
  const L = s.renderEnd - s.peak;
  const tail = s.decay < 1 ? (s.amp_A * (1 - Math.pow(s.decay, L))) / (1 - s.decay) : s.amp_A * L;
  return (s.amp_A * s.riseSlots) / 2 + tail;
}

/**
 * Li growth is stochastic: stretches of stagnation and acceleration. The clock maps time to progress
 * in [0, 1] across the soft short; spike amplitude grows with progress, not with time.
 */
function growthClock(rng: Rng, t0: number, t1: number): (t: number) => number {
  const knots: number[] = [t0];
  const speeds: number[] = [];
  const cum: number[] = [0];
  let t = t0;
  while (t < t1) {
    const dur = Math.min(t1 - t, rng.exponential((t1 - t0) / 6));
    const speed = rng.pick([0.15, 1, 1, 2.5]);
    t += dur;
    knots.push(t);
    speeds.push(speed);
    cum.push(cum[cum.length - 1]! + dur * speed);
  }
  const total = cum[cum.length - 1]! || 1;
  return (x: number) => {
    if (x <= t0) return 0;
    if (x >= t1) return 1;
    let i = 0;
    while (i < speeds.length - 1 && knots[i + 1]! <= x) i++;
    return (cum[i]! + (x - knots[i]!) * speeds[i]!) / total;
  };
}
