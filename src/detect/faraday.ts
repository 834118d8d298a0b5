// Faradaic current implied by the plated Li seen on TEM frames (area vs time), set against the measured current.
import { SampleFlag, type Chunk } from "../trace.js";
import { DOUBLE_ZERO } from "./double.js";

/** Faraday constant, C/mol (CODATA 2018, exact) */
export const FARADAY_C_PER_MOL = 96485.33212;
/** Li: molar mass 6.94 g/mol, density 0.534 g/cm^3, one electron per atom */
export const LITHIUM = { molarMass_kg_per_mol: 6.94e-3, density_kg_per_m3: 534, electrons: 1 } as const;

export type Geometry =
  | { shape: "slab"; thickness_m: number }
  | { shape: "hemisphere" }
  | { shape: "sphere" };

/**
 * Volume of Li from its projected area. Slab: V = A * T. Hemisphere on the electrode (footprint
 * A = pi r^2): V = 2/3 pi r^3. Sphere (projected disc A = pi r^2): V = 4/3 pi r^3.
 */
export function volumeFromArea(area_m2: number, g: Geometry): number {
  if (g.shape === "slab") return area_m2 * g.thickness_m;
  const r = Math.sqrt(Math.max(0, area_m2) / Math.PI);
  const v = (4 / 3) * Math.PI * r ** 3;
  return g.shape === "sphere" ? v : v / 2;
}

/** Moles of Li in a volume: N = rho V / M. */
export function molesFromVolume(volume_m3: number): number {
  return (LITHIUM.density_kg_per_m3 * volume_m3) / LITHIUM.molarMass_kg_per_mol;
}

export interface AreaPoint { time_s: number; area_m2: number }

export interface PlatedPoint extends AreaPoint {
  volume_m3: number;
  moles_mol: number;
  /** n F N: charge a Faradaic process needs to plate this much Li */
  charge_C: number;
}

export interface FaradayInterval {
  start_s: number;
  end_s: number;
  /** n F (N1 - N0) / (t1 - t0): the forward difference, i.e. the mean Faradaic current over the interval */
  faradaic_A: number;
  /** mean measured current over the interval (charge / duration), null without a trace or outside it */
  measured_A: number | null;
  /** 1 - faradaic / measured, both in the measured current's direction; null when not measured or zero */
  nonFaradaicShare: number | null;
}

export interface FaradayResult {
  geometry: Geometry;
  constants: { faraday_C_per_mol: number; molarMass_kg_per_mol: number; density_kg_per_m3: number; electrons: number };
  points: PlatedPoint[];
  intervals: FaradayInterval[];
  /** over the whole span measured by both */
  total: {
    start_s: number;
    end_s: number;
    faradaic_C: number;
    measured_C: number | null;
    nonFaradaicShare: number | null;
  };
  /** +1 or -1: the direction of the measured charge (plating is compared in that direction) */
  currentSign: 1 | -1 | null;
}

function share(faradaic: number, measured: number | null, sign: 1 | -1): number | null {
  if (measured === null || measured === 0) return null;
  return 1 - faradaic / (sign * measured);
}

/**
 * Faradaic current from area points (sorted by time, as read), and with `measuredCharge_C[i]` (the
 * measured charge between point i and i+1, null where not covered) the non-Faradaic share.
 */
export function faradayAnalysis(points: readonly AreaPoint[], g: Geometry, measuredCharge_C: readonly (number | null)[] | null = null): FaradayResult {
  const n = LITHIUM.electrons;
  const plated: PlatedPoint[] = points.map((p) => {
    const volume_m3 = volumeFromArea(p.area_m2, g);
    const moles_mol = molesFromVolume(volume_m3);
    return { ...p, volume_m3, moles_mol, charge_C: n * FARADAY_C_PER_MOL * moles_mol };
  });
  const measuredTotal = measuredCharge_C?.reduce<number>((a, q) => a + (q ?? 0), 0) ?? null;
  const sign: 1 | -1 | null = measuredCharge_C === null ? null : (measuredTotal ?? 0) < 0 ? -1 : 1;
  const intervals: FaradayInterval[] = [];
  for (let i = 0; i + 1 < plated.length; i++) {
    const a = plated[i]!, b = plated[i + 1]!;
    const dt = b.time_s - a.time_s;
    const faradaic_A = (b.charge_C - a.charge_C) / dt;
    const q = measuredCharge_C?.[i] ?? null;
    const measured_A = q === null ? null : q / dt;
    intervals.push({ start_s: a.time_s, end_s: b.time_s, faradaic_A, measured_A, nonFaradaicShare: share(faradaic_A, measured_A, sign ?? 1) });
  }
  // the total runs over the intervals the trace covers (all of them without a trace)
  const covered = intervals.filter((_, i) => measuredCharge_C === null || measuredCharge_C[i] !== null);
  const faradaic_C = covered.reduce((acc, iv) => acc + iv.faradaic_A * (iv.end_s - iv.start_s), 0);
  return {
    geometry: g,
    constants: {
      faraday_C_per_mol: FARADAY_C_PER_MOL, molarMass_kg_per_mol: LITHIUM.molarMass_kg_per_mol,
      density_kg_per_m3: LITHIUM.density_kg_per_m3, electrons: n,
    },
    points: plated,
    intervals,
    total: {
      start_s: covered[0]?.start_s ?? NaN,
      end_s: covered[covered.length - 1]?.end_s ?? NaN,
      faradaic_C,
      measured_C: measuredTotal,
      nonFaradaicShare: share(faradaic_C, measuredTotal, sign ?? 1),
    },
    currentSign: sign,
  };
}

const UNUSABLE = SampleFlag.Missing | SampleFlag.Overflow | SampleFlag.Overload;

/**
 * Measured charge between consecutive query times (seconds since the trace's first sample), by the
 * trapezoid rule with the current interpolated linearly to each query time. Flagged samples are skipped
 * (the current is interpolated across them). Intervals not inside the trace get null.
 */
export class ChargeBetweenTimes {
  private readonly at: (number | null)[];
  private next = 0;
  private first = NaN;
  private q = DOUBLE_ZERO;
  private prevT = NaN;
  private prevI = NaN;

  constructor(private readonly times_s: readonly number[]) {
    this.at = times_s.map(() => null);
  }

  push(chunk: Chunk): void {
    for (let k = 0; k < chunk.length; k++) {
      const i = chunk.current_A[k]!;
      if (chunk.flags[k]! & UNUSABLE || !Number.isFinite(i)) continue;
      if (Number.isNaN(this.first)) this.first = chunk.time_s[k]!;
      const t = chunk.time_s[k]! - this.first;
      if (Number.isNaN(this.prevT)) {
        while (this.next < this.times_s.length && this.times_s[this.next]! < t) this.next++;
        if (this.next < this.times_s.length && this.times_s[this.next] === t) this.at[this.next++] = 0;
      } else if (t > this.prevT) {
        const dt = t - this.prevT;
        while (this.next < this.times_s.length && this.times_s[this.next]! <= t) {
          const tau = this.times_s[this.next]! - this.prevT;
          const iTau = this.prevI + ((i - this.prevI) * tau) / dt;
          this.at[this.next++] = this.q + 0.5 * (this.prevI + iTau) * tau;
        }
        this.q += 0.5 * (this.prevI + i) * dt;
      }
      if (!(t < this.prevT)) { this.prevT = t; this.prevI = i; }
    }
  }

  /** charge between query time j and j+1, for j = 0 .. n-2 */
  result(): (number | null)[] {
    const out: (number | null)[] = [];
    for (let j = 0; j + 1 < this.at.length; j++) {
      const a = this.at[j], b = this.at[j + 1];
      out.push(a === null || b === null ? null : b! - a!);
    }
    return out;
  }
}
