// Welch power spectral density, accumulated segment by segment so memory stays one segment long.
import { fftInPlace, fftPlan, isPowerOfTwo, type FftPlan } from "./fft.js";

/** One-sided PSD: frequency_hz[k] = k * resolution_hz, k = 0 .. segmentLength/2. */
export interface Psd {
  sampleRate_hz: number;
  segmentLength: number;
  /** number of (50 % overlapping, Hann-windowed) segments averaged */
  segments: number;
  resolution_hz: number;
  frequency_hz: Float64Array;
  /** A^2/Hz (integrates over frequency to the variance of the detrended segments) */
  psd_A2_per_Hz: Float64Array;
}

export const DEFAULT_SEGMENT_LENGTH = 4096;

/**
 * Streaming Welch estimator. Samples are pushed in order; `interrupt()` drops the partial segment
 * (a gap, a flagged sample, a phase boundary) so no segment straddles a discontinuity.
 * The sample rate is needed only at the end, so an observer can learn it from the detection.
 */
export class WelchAccumulator {
  readonly segmentLength: number;
  private readonly hop: number;
  private readonly plan: FftPlan;
  private readonly window: Float64Array;
  private readonly windowPower: number;
  private readonly buffer: Float64Array;
  private fill = 0;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly sumPower: Float64Array;
  private count = 0;

  constructor(segmentLength = DEFAULT_SEGMENT_LENGTH) {
    if (!isPowerOfTwo(segmentLength) || segmentLength < 8) {
      throw new Error(`Welch segment length must be a power of two >= 8, got ${segmentLength}`);
    }
    this.segmentLength = segmentLength;
    this.hop = segmentLength / 2;
    this.plan = fftPlan(segmentLength);
    // periodic Hann (as scipy.signal.welch): its 50 % overlaps sum to a constant
    this.window = new Float64Array(segmentLength);
    let u = 0;
    for (let j = 0; j < segmentLength; j++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * j) / segmentLength);
      this.window[j] = w;
      u += w * w;
    }
    this.windowPower = u;
    this.buffer = new Float64Array(segmentLength);
    this.re = new Float64Array(segmentLength);
    this.im = new Float64Array(segmentLength);
    this.sumPower = new Float64Array(segmentLength / 2 + 1);
  }

  get segments(): number {
    return this.count;
  }

  /** Append `length` consecutive samples (default: all of `values`). */
  push(values: ArrayLike<number>, length = values.length, offset = 0): void {
    for (let k = offset; k < offset + length; k++) {
      this.buffer[this.fill++] = values[k]!;
      if (this.fill === this.segmentLength) {
        this.addSegment();
        // keep the second half: the next segment overlaps this one by 50 %
        this.buffer.copyWithin(0, this.hop);
        this.fill = this.segmentLength - this.hop;
      }
    }
  }

  /** Discard the partial segment: the next sample does not follow the previous one. */
  interrupt(): void {
    this.fill = 0;
  }

  /** The averaged PSD, or null when not one full segment was seen. */
  result(sampleRate_hz: number): Psd | null {
    if (this.count === 0 || !(sampleRate_hz > 0)) return null;
    const n = this.segmentLength;
    const bins = n / 2 + 1;
    const psd = new Float64Array(bins);
    const frequency = new Float64Array(bins);
    const scale = 1 / (sampleRate_hz * this.windowPower * this.count);
    for (let k = 0; k < bins; k++) {
      // one-sided: every bin but DC and Nyquist carries its negative-frequency twin
      const twin = k === 0 || k === n / 2 ? 1 : 2;
      psd[k] = this.sumPower[k]! * scale * twin;
      frequency[k] = (k * sampleRate_hz) / n;
    }
    return {
      sampleRate_hz,
      segmentLength: n,
      segments: this.count,
      resolution_hz: sampleRate_hz / n,
      frequency_hz: frequency,
      psd_A2_per_Hz: psd,
    };
  }

  private addSegment(): void {
    const n = this.segmentLength;
    let mean = 0;
    for (let j = 0; j < n; j++) mean += this.buffer[j]!;
    mean /= n;
    // constant detrend per segment, so a baseline offset does not leak into the low bins
    for (let j = 0; j < n; j++) {
      this.re[j] = (this.buffer[j]! - mean) * this.window[j]!;
      this.im[j] = 0;
    }
    fftInPlace(this.plan, this.re, this.im);
    for (let k = 0; k <= n / 2; k++) this.sumPower[k]! += this.re[k]! * this.re[k]! + this.im[k]! * this.im[k]!;
    this.count++;
  }
}

/** Welch PSD of an in-memory series (tests, small inputs). */
export function welch(values: ArrayLike<number>, sampleRate_hz: number, segmentLength = DEFAULT_SEGMENT_LENGTH): Psd | null {
  const acc = new WelchAccumulator(segmentLength);
  acc.push(values);
  return acc.result(sampleRate_hz);
}

/**
 * Equivalent degrees of freedom of a Welch average of K Hann segments at 50 % overlap
 * (Welch 1967: nu = 2K / (1 + 2 c^2), c = 0.167 the Hann overlap correlation).
 */
export function welchDegreesOfFreedom(segments: number): number {
  return (2 * segments) / (1 + 2 * 0.167 * 0.167);
}
