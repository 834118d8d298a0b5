// What a Welch PSD says about a trace: spectral lines (mains), 1/f slope, white-noise density, spike-rate periodicity.
import { linearRegression } from "simple-statistics";
import type { TraceObserver } from "../analyze.js";
import type { Chunk } from "../trace.js";
import { SampleFlag } from "../trace.js";
import type { Detection } from "./types.js";
import { floorPowerOfTwo } from "./fft.js";
import { DEFAULT_SEGMENT_LENGTH, welch, welchDegreesOfFreedom, WelchAccumulator, type Psd } from "./welch.js";
import { DOUBLE_ZERO } from "./double.js";

export interface SpectralLine {
  /** peak frequency refined by a parabola through the log PSD of the three top bins */
  frequency_hz: number;
  /** line power above the local background, A^2 (a sine of amplitude a has a^2/2) */
  power_A2: number;
  /** amplitude of the equivalent sine, A = sqrt(2 * power) */
  amplitude_A: number;
  /** peak PSD over the local background PSD (running median), linear and in dB */
  snr: number;
  snr_dB: number;
  /** set when the line sits on a multiple of 50 or 60 Hz */
  mains: { family_hz: 50 | 60; harmonic: number } | null;
}

export interface LineOptions {
  /** minimum peak/background ratio (default 10 = 10 dB) */
  minSnr?: number;
  /** at most this many lines, strongest first (default 10) */
  maxLines?: number;
}

// the Hann main lobe is 4 bins wide: a line's power sits in its peak bin +- 2
const LOBE_BINS = 2;
// the background is the median of this many bins either side, beyond the lobe
const BACKGROUND_BINS = 8;

/** Local background: running median of the PSD, leaving out the bins of the lobe itself. */
export function psdBackground(psd: Float64Array): Float64Array {
  const n = psd.length;
  const out = new Float64Array(n);
  const window: number[] = [];
  for (let k = 0; k < n; k++) {
    window.length = 0;
    for (let j = k - LOBE_BINS - BACKGROUND_BINS; j <= k + LOBE_BINS + BACKGROUND_BINS; j++) {
      if (j < 1 || j >= n || Math.abs(j - k) <= LOBE_BINS) continue;
      window.push(psd[j]!);
    }
    window.sort((a, b) => a - b);
    out[k] = window.length === 0 ? psd[k]! : window[window.length >> 1]!;
  }
  return out;
}

/**
 * Which mains harmonic a frequency sits on, if any (tolerance: 1.5 bins or 0.5 Hz, whichever is larger).
 * 300 Hz is both 6 x 50 and 5 x 60: `prefer` settles such lines (else the closer, then 50 Hz, wins).
 */
export function mainsHarmonic(frequency_hz: number, resolution_hz: number, prefer?: 50 | 60): { family_hz: 50 | 60; harmonic: number } | null {
  const tol = Math.max(1.5 * resolution_hz, 0.5);
  const matches: { family_hz: 50 | 60; harmonic: number; off: number }[] = [];
  for (const family of [50, 60] as const) {
    const h = Math.round(frequency_hz / family);
    const off = Math.abs(frequency_hz - h * family);
    if (h >= 1 && off <= tol) matches.push({ family_hz: family, harmonic: h, off });
  }
  const best = matches.find((m) => m.family_hz === prefer) ?? matches.sort((a, b) => a.off - b.off)[0];
  return best ? { family_hz: best.family_hz, harmonic: best.harmonic } : null;
}

/** Dominant spectral lines: local maxima standing `minSnr` above the running-median background. */
export function findLines(psd: Psd, options: LineOptions = {}): SpectralLine[] {
  const minSnr = options.minSnr ?? 10;
  const maxLines = options.maxLines ?? 10;
  const p = psd.psd_A2_per_Hz;
  const bg = psdBackground(p);
  const df = psd.resolution_hz;
  const lines: SpectralLine[] = [];
  for (let k = 1; k < p.length - 1; k++) {
    const v = p[k]!;
    if (!(v >= p[k - 1]! && v > p[k + 1]!)) continue;
    const snr = bg[k]! > 0 ? v / bg[k]! : Infinity;
    if (!(snr >= minSnr)) continue;
    let power = 0;
    for (let j = Math.max(1, k - LOBE_BINS); j <= Math.min(p.length - 1, k + LOBE_BINS); j++) power += Math.max(0, p[j]! - bg[j]!) * df;
    const frequency_hz = (k + parabolicOffset(p[k - 1]!, v, p[k + 1]!)) * df;
    lines.push({
      frequency_hz,
      power_A2: power,
      amplitude_A: Math.sqrt(2 * power),
      snr,
      snr_dB: 10 * Math.log10(snr),
      mains: mainsHarmonic(frequency_hz, df),
    });
  }
  lines.sort((a, b) => b.power_A2 - a.power_A2);
  return lines.slice(0, maxLines);
}

// vertex of the parabola through log PSD of three bins, in bins from the middle one (|offset| <= 0.5)
function parabolicOffset(a: number, b: number, c: number): number {
  if (!(a > 0 && b > 0 && c > 0)) return 0;
  const la = Math.log(a), lb = Math.log(b), lc = Math.log(c);
  const den = la - 2 * lb + lc;
  if (den === 0) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (la - lc)) / den));
}

/** Bins within a line's lobe (plus one) are left out of slope and density fits. */
function lineMask(psd: Psd, lines: SpectralLine[]): Uint8Array {
  const mask = new Uint8Array(psd.psd_A2_per_Hz.length);
  for (const line of lines) {
    const k = Math.round(line.frequency_hz / psd.resolution_hz);
    for (let j = k - LOBE_BINS - 1; j <= k + LOBE_BINS + 1; j++) if (j >= 0 && j < mask.length) mask[j] = 1;
  }
  return mask;
}

/** Default corner between the 1/f part and the flat part: a tenth of the Nyquist frequency. */
export function defaultCorner_hz(psd: Psd): number {
  return psd.sampleRate_hz / 20;
}

export interface FlickerSlope {
  /** exponent b of PSD ~ f^b (about -1 for 1/f noise, 0 for white noise) */
  slope: number;
  fitFrom_hz: number;
  fitTo_hz: number;
  bins: number;
}

/** Least-squares slope of log10 PSD vs log10 f over (0, corner], leaving out DC and line bins. */
export function flickerSlope(psd: Psd, corner_hz = defaultCorner_hz(psd), lines: SpectralLine[] = []): FlickerSlope | null {
  const mask = lineMask(psd, lines);
  const points: [number, number][] = [];
  let from = Infinity, to = 0;
  for (let k = 1; k < psd.frequency_hz.length; k++) {
    const f = psd.frequency_hz[k]!;
    if (f > corner_hz) break;
    const v = psd.psd_A2_per_Hz[k]!;
    if (mask[k] || !(v > 0)) continue;
    points.push([Math.log10(f), Math.log10(v)]);
    from = Math.min(from, f);
    to = Math.max(to, f);
  }
  if (points.length < 3) return null;
  return { slope: linearRegression(points).m, fitFrom_hz: from, fitTo_hz: to, bins: points.length };
}

export interface NoiseDensity {
  /** sqrt of the median PSD of the flat part, A/sqrt(Hz); white noise of sigma at rate fs gives sigma/sqrt(fs/2) */
  density_A_per_rtHz: number;
  from_hz: number;
  to_hz: number;
  bins: number;
}

/**
 * White-noise density: the median PSD between the corner and 0.8 x Nyquist (above it the
 * instrument's anti-alias filter rolls off), line bins left out, corrected for the median of a
 * chi-square with the Welch degrees of freedom (median/mean = (1 - 2/(9 nu))^3).
 */
export function noiseDensity(psd: Psd, corner_hz = defaultCorner_hz(psd), lines: SpectralLine[] = []): NoiseDensity | null {
  const mask = lineMask(psd, lines);
  const top = 0.8 * (psd.sampleRate_hz / 2);
  const values: number[] = [];
  let from = Infinity, to = 0;
  for (let k = 1; k < psd.frequency_hz.length; k++) {
    const f = psd.frequency_hz[k]!;
    if (f <= corner_hz || f > top || mask[k]) continue;
    values.push(psd.psd_A2_per_Hz[k]!);
    from = Math.min(from, f);
    to = Math.max(to, f);
  }
  if (values.length < 3) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  const median = values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  const nu = welchDegreesOfFreedom(psd.segments);
  const medianOverMean = Math.pow(1 - 2 / (9 * nu), 3);
  return { density_A_per_rtHz: Math.sqrt(median / medianOverMean), from_hz: from, to_hz: to, bins: values.length };
}

export interface SpikePeriodicity {
  spikes: number;
  /** counts are binned at this width; the count series is 2^m bins long */
  binWidth_s: number;
  bins: number;
  /** strongest frequency in the periodogram of the counts, and its period */
  peakFrequency_hz: number;
  period_s: number;
  /** Fisher's g = peak ordinate / sum of ordinates, and its p-value under "no periodicity" */
  fisherG: number;
  p_value: number;
  /** p_value < 0.01 (a periodicity is a claim: the bar is set high) */
  periodic: boolean;
}

/**
 * Is the spike rate periodic? Spike counts in 2^m equal bins over [start, end] (m chosen so there are
 * about four bins per spike, 32..1024 bins), mean removed, Hann-windowed periodogram, Fisher's g test
 * over the non-DC ordinates (p ~ M (1 - g)^(M-1), accurate where it matters, p < 0.1).
 */
export function spikeRatePeriodicity(peakTimes_s: readonly number[], start_s: number, end_s: number): SpikePeriodicity | null {
  const span = end_s - start_s;
  const inside = peakTimes_s.filter((t) => t >= start_s && t <= end_s);
  if (inside.length < 8 || !(span > 0)) return null;
  const bins = Math.min(1024, Math.max(32, floorPowerOfTwo(4 * inside.length)));
  const binWidth = span / bins;
  const counts = new Float64Array(bins);
  for (const t of inside) counts[Math.min(bins - 1, Math.floor((t - start_s) / binWidth))]! += 1;
  const psd = welch(counts, 1 / binWidth, bins);
  if (!psd) return null;
  const ordinates = psd.psd_A2_per_Hz;
  // the DC bin and its Hann neighbour carry the removed mean's leakage; the Nyquist bin is excluded too
  let sum = 0, peak = 0, peakK = 2;
  for (let k = 2; k < ordinates.length - 1; k++) {
    sum += ordinates[k]!;
    if (ordinates[k]! > peak) { peak = ordinates[k]!; peakK = k; }
  }
  if (!(sum > 0)) return null;
  const m = ordinates.length - 3;
  const g = peak / sum;
  const p = Math.min(1, m * Math.pow(1 - g, m - 1));
  const f = psd.frequency_hz[peakK]!;
  return { spikes: inside.length, binWidth_s: binWidth, bins, peakFrequency_hz: f, period_s: 1 / f, fisherG: g, p_value: p, periodic: p < 0.01 };
}

export interface SpectrumSummary {
  sampleRate_hz: number;
  segmentLength: number;
  segments: number;
  resolution_hz: number;
  corner_hz: number;
  lines: SpectralLine[];
  /** strongest mains family present, or null */
  mains_hz: 50 | 60 | null;
  flicker: FlickerSlope | null;
  noiseDensity: NoiseDensity | null;
}

/** Lines, 1/f slope and white-noise density of one PSD. */
export function summarizeSpectrum(psd: Psd, options: LineOptions & { corner_hz?: number } = {}): SpectrumSummary {
  const lines = findLines(psd, options);
  const corner = options.corner_hz ?? defaultCorner_hz(psd);
  // the family is decided by the lines only one family explains, then shared harmonics follow it
  const power = { 50: 0, 60: 0 };
  for (const l of lines) {
    const a = mainsHarmonic(l.frequency_hz, psd.resolution_hz, 50), b = mainsHarmonic(l.frequency_hz, psd.resolution_hz, 60);
    if (a && b && a.family_hz !== b.family_hz) continue;
    if (l.mains) power[l.mains.family_hz] += l.power_A2;
  }
  const mains_hz = power[50] === 0 && power[60] === 0 ? null : power[50] >= power[60] ? 50 : 60;
  if (mains_hz !== null) for (const l of lines) l.mains = mainsHarmonic(l.frequency_hz, psd.resolution_hz, mains_hz);
  return {
    sampleRate_hz: psd.sampleRate_hz,
    segmentLength: psd.segmentLength,
    segments: psd.segments,
    resolution_hz: psd.resolution_hz,
    corner_hz: corner,
    lines,
    mains_hz,
    flicker: flickerSlope(psd, corner, lines),
    noiseDensity: noiseDensity(psd, corner, lines),
  };
}

// flags that make a sample unusable for a spectrum
const BAD = SampleFlag.Missing | SampleFlag.Overflow | SampleFlag.Overload;

/**
 * Feed chunks into a Welch accumulator, restarting the segment at every flagged sample or gap.
 * `keep(t)` selects the samples (e.g. one phase's time range); a skipped sample also restarts it.
 */
export class ChunkSpectrum {
  readonly welch: WelchAccumulator;
  /** samples kept (selected and unflagged) */
  kept = 0;
  /** smallest and largest step between consecutive kept samples within a run (Welch assumes they are equal) */
  dtMin_s = Infinity;
  dtMax_s = DOUBLE_ZERO;
  private lastT = NaN;
  constructor(segmentLength = DEFAULT_SEGMENT_LENGTH, private readonly keep: (time_s: number) => boolean = () => true) {
    this.welch = new WelchAccumulator(segmentLength);
  }
  push(chunk: Chunk): void {
    for (let k = 0; k < chunk.length; k++) {
      const flag = chunk.flags[k]!;
      const t = chunk.time_s[k]!;
      if (flag & SampleFlag.Discontinuity) this.interrupt();
      if (flag & BAD || !this.keep(t)) {
        this.interrupt();
        continue;
      }
      const dt = t - this.lastT;
      if (dt >= 0) { this.dtMin_s = Math.min(this.dtMin_s, dt); this.dtMax_s = Math.max(this.dtMax_s, dt); }
      this.lastT = t;
      this.kept++;
      this.welch.push(chunk.current_A, 1, k);
    }
  }
  private interrupt(): void {
    this.welch.interrupt();
    this.lastT = NaN;
  }
}

/**
 * Welch accumulators of several segment lengths side by side, for inputs whose usable length is not
 * known before the pass (stdin, phases cut by gaps): the longest length that averaged at least
 * `minSegments` segments wins, else the one with the most segments.
 */
export class MultiLengthSpectrum {
  readonly candidates: ChunkSpectrum[];
  constructor(maxSegmentLength: number, keep?: (time_s: number) => boolean, readonly minSegments = 7) {
    const lengths: number[] = [];
    for (let n = maxSegmentLength; n >= 16 && lengths.length < 5; n /= 4) lengths.push(n);
    if (lengths.length === 0) lengths.push(maxSegmentLength);
    this.candidates = lengths.map((n) => new ChunkSpectrum(n, keep));
  }
  push(chunk: Chunk): void {
    for (const c of this.candidates) c.push(chunk);
  }
  get kept(): number {
    return this.candidates[0]!.kept;
  }
  /** a note when the time steps inside runs differ by more than 10 %: frequencies are then approximate */
  irregularity(): string | null {
    const c = this.candidates[0]!;
    if (!(c.dtMax_s > 0) || c.dtMax_s <= 1.1 * c.dtMin_s) return null;
    return `irregular sampling (steps ${c.dtMin_s.toPrecision(3)} to ${c.dtMax_s.toPrecision(3)} s): the PSD assumes equal steps, frequencies are approximate`;
  }
  result(sampleRate_hz: number): Psd | null {
    const enough = this.candidates.find((c) => c.welch.segments >= this.minSegments);
    const most = [...this.candidates].sort((a, b) => b.welch.segments - a.welch.segments)[0]!;
    return (enough ?? most).welch.result(sampleRate_hz);
  }
}

/** Whole-trace spectrum as an analyze() observer: adds `spectrum` (null when shorter than one segment). */
export function spectrumObserver(segmentLength = DEFAULT_SEGMENT_LENGTH): TraceObserver {
  const acc = new ChunkSpectrum(segmentLength);
  return {
    push: (chunk) => acc.push(chunk),
    finish: (d: Detection) => {
      const psd = acc.welch.result(d.sampleRate_hz);
      return { spectrum: psd ? summarizeSpectrum(psd) : null };
    },
  };
}
