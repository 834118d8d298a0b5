// The bias (voltage) column beside the current: was the bias held, or swept (voltammetry, I-V sweeps)?
import { readCell, CellKind } from "./numbers.js";
import type { ColumnInfo } from "./types.js";

/** What the body read of the bias column (ParseSummary.bias). */
export interface BiasSummary {
  /** the column read (name as written) */
  column: string;
  /** samples whose bias was read: every one of the first FULL_SAMPLES, then one in STRIDE */
  samplesRead: number;
  min_V: number;
  max_V: number;
  /** median |change| between consecutive bias readings */
  medianStep_V: number;
  /** times the bias turned back by at least REVERSAL_SHARE of its range so far (cyclic sweeps, pulse trains) */
  reversals: number;
  /** the bias moves on most readings over a wide range and turns back: cyclic (voltammogram, I-V loops, pulses) */
  swept: boolean;
  /** the bias moves on most readings over a wide range in one direction (a ramp): detection runs, with a warning */
  ramped: boolean;
}

/** samples whose bias is read one by one; later, one in STRIDE (the cost stays a few % of parsing) */
export const FULL_SAMPLES = 4096;
export const STRIDE = 64;
/** a bias that never spans this much is held, whatever its steps (volts) */
export const SWEPT_MIN_RANGE_V = 0.05;
/** a sweep moves by at least this share of its range between most readings (held bias: noise or 0) */
export const SWEPT_MIN_STEP_SHARE = 1 / 5000;
/** a turn back by this share of the range seen so far is a reversal (noise on a held or ramped bias is not) */
export const REVERSAL_SHARE = 0.25;

// |step| histogram: 10 bins per decade from 1e-9 V to 1e3 V, so the median needs no sample store
const BIN_LO = -9;
const BINS_PER_DECADE = 10;
const NBINS = (3 - BIN_LO) * BINS_PER_DECADE;

/** Should the body read this sample's bias? (by sample index, so every input path reads the same ones) */
export function readsBiasAt(sampleIndex: number): boolean {
  return sampleIndex < FULL_SAMPLES || sampleIndex % STRIDE === 0;
}

/** Samples from sampleIndex on, in a row, whose bias is not read (0 when this one's is). */
export function samplesWithoutBiasRead(sampleIndex: number): number {
  if (sampleIndex < FULL_SAMPLES) return 0;
  const r = sampleIndex % STRIDE;
  return r === 0 ? 0 : STRIDE - r;
}

/**
 * The column that carries the bias of the chosen current: the same channel's voltage ("Channel A
 * Voltage" for "Channel A Current"), else the applied / control / signal column (the set value,
 * free of measurement noise), else the only voltage column. Null when there is none or it is ambiguous.
 */
export function chooseBiasColumn(columns: ColumnInfo[], current: ColumnInfo): ColumnInfo | null {
  const volts = columns.filter((c) => c.role === "voltage");
  if (volts.length === 0) return null;
  const channel = /\b(channel\s*\w+|ch\s*\d+|smu\s*\w+)\b/i.exec(current.name)?.[1]?.toLowerCase();
  if (channel) {
    const same = volts.find((c) => c.name.toLowerCase().includes(channel));
    if (same) return same;
  }
  const applied = volts.find((c) => /applied|control|set|source|program|^sig$|^e ?app|^vsig/i.test(c.name.trim()));
  if (applied) return applied;
  return volts.length === 1 ? volts[0]! : null;
}

/** Volts per unit of the column ("mV" -> 1e-3); anything else is read as volts. */
export function voltScale(unit: string | null): number {
  return unit !== null && /^mv$/i.test(unit.trim()) ? 1e-3 : 1;
}

export class BiasTracker {
  private readonly hist = new Uint32Array(NBINS + 1);
  private zeros = 0;
  private steps = 0;
  private last = NaN;
  private min = Infinity;
  private max = -Infinity;
  private read = 0;
  /** direction of travel (+1 up, -1 down, 0 not yet) and the extreme reached in it */
  private dir = 0;
  private extreme = NaN;
  private reversals = 0;

  constructor(
    readonly column: ColumnInfo,
    private readonly scale: number,
    private readonly decimalMark: "." | ",",
  ) {}

  /** One bias cell, as text (both the fast and the per-row path hand over the same text). */
  cell(text: string): void {
    const c = readCell(text, this.decimalMark);
    if (c.kind !== CellKind.Number) return;
    const v = c.value * this.scale;
    this.read++;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (v === v && this.last === this.last) {
      const d = Math.abs(v - this.last);
      this.steps++;
      if (d === 0) this.zeros++;
      else this.hist[Math.max(0, Math.min(NBINS, Math.floor((Math.log10(d) - BIN_LO) * BINS_PER_DECADE)))]!++;
    }
    this.last = v;
    this.turns(v);
  }

  /** Count reversals with a hysteresis of REVERSAL_SHARE of the range so far (at least SWEPT_MIN_RANGE_V). */
  private turns(v: number): void {
    const band = REVERSAL_SHARE * Math.max(this.max - this.min, SWEPT_MIN_RANGE_V);
    if (this.dir === 0) {
      if (this.extreme !== this.extreme) this.extreme = v;
      else if (Math.abs(v - this.extreme) >= band) {
        this.dir = v > this.extreme ? 1 : -1;
        this.extreme = v;
      }
      return;
    }
    if (this.dir * (v - this.extreme) > 0) this.extreme = v;
    else if (this.dir * (this.extreme - v) >= band) {
      this.reversals++;
      this.dir = -this.dir;
      this.extreme = v;
    }
  }

  summary(): BiasSummary | null {
    if (this.read === 0) return null;
    const range = this.max - this.min;
    const median = this.medianStep();
    const moving = this.steps >= 8 && range >= SWEPT_MIN_RANGE_V && median >= range * SWEPT_MIN_STEP_SHARE;
    return {
      column: this.column.name,
      samplesRead: this.read,
      min_V: this.min,
      max_V: this.max,
      medianStep_V: median,
      reversals: this.reversals,
      swept: moving && this.reversals > 0,
      ramped: moving && this.reversals === 0,
    };
  }

  /** Median |step|, to the histogram's resolution (the lower edge of its bin: conservative for "swept"). */
  private medianStep(): number {
    if (this.steps === 0) return 0;
    let left = Math.floor((this.steps - 1) / 2) + 1 - this.zeros;
    if (left <= 0) return 0;
    for (let b = 0; b <= NBINS; b++) {
      left -= this.hist[b]!;
      if (left <= 0) return 10 ** (BIN_LO + b / BINS_PER_DECADE);
    }
    return 10 ** (BIN_LO + NBINS / BINS_PER_DECADE);
  }
}
