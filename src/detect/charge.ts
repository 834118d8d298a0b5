// Charge split: how much of the charge passed a Faradaic process could have carried, and the non-Faradaic excess.
import type { TraceObserver } from "../analyze.js";
import type { PhaseName } from "../result.js";
import type { Chunk } from "../trace.js";
import { type ArrayCarver, carvedKernel } from "../wasm.js";
import { DEFAULT_PARAMS } from "./params.js";
import { Thinning } from "./thinning.js";
import type { Detection } from "./types.js";

/** Charge integrals in the leakage direction (positive = charge moved the way the leakage flows). */
export interface ChargeTotals {
  /** net charge passed, p * integral of I dt (p = polarity), coulombs */
  total_C: number;
  /**
   * the part a Faradaic process could carry: sum over 1 s windows of clamp(p * mean I, -Fmax, +Fmax) * dt.
   * The clamp acts on the window mean, not on single samples: per-sample clamping would turn 0.5 nA of
   * zero-mean noise into "non-Faradaic charge" on a trace that never leaves the floor.
   */
  faradaic_C: number;
  /** total - faradaic: integral of the current beyond +-Fmax */
  nonFaradaic_C: number;
}

export interface ChargeSplit extends ChargeTotals {
  faradaicMax_A: number;
  /** time left out of the integrals: intervals touching a flagged sample or crossing a gap */
  excluded_s: number;
  byPhase: (ChargeTotals & { phase: PhaseName; start_s: number; end_s: number })[];
  /** from the soft-short onset to the hard short (or to the end of the trace when none); null without an onset */
  untilHardShort: (ChargeTotals & { from_s: number; to_s: number; reachedHardShort: boolean }) | null;
  /**
   * from the soft-short onset to the end of the trace: the charge that left the noise floor; null when
   * the trace never did (then every coulomb above is floor offset, drift and noise, not a short)
   */
  sinceOnset: (ChargeTotals & { from_s: number; to_s: number }) | null;
}

// Samples whose value is not a measurement (Missing, Overflow, Overload) carry no charge in the
// intervals either side of them. One checkpoint of the running integrals every 128 samples: phase
// boundaries are interpolated between checkpoints. Past MAX_CHECKPOINTS (33.5 M samples) every other
// checkpoint is dropped and the spacing doubles, so memory stays at most 6.3 MB however long the trace
// (it was 24 bytes per 128 samples: 25 MB of the peak RSS on the 2 GB bench trace, issue #5).
const CHECKPOINT_EVERY = 128;
/** checkpoints kept at most (a power of two, so the thinned spacing stays a power of two) */
export const MAX_CHECKPOINTS = 1 << 18;
/** samples the kernel takes per call */
const PIECE = 65536;

interface ChargeExports {
  chargeSettings(faradaicMax_A: number): void;
  chargePush(T: number, I: number, F: number, n: number, cp: number): number;
  closeWindow(): void;
  chargeQ(): number;
  chargeF(): number;
  chargeExcluded(): number;
  chargeLastT(): number;
  chargeCheckpointEvery: { value: number };
  chargeFaradaicWindow_s: { value: number };
}

/** The kernel's arrays, in one fixed order: room for PIECE samples and their checkpoints. */
function carve(heap: ArrayCarver) {
  const cps = Math.ceil(PIECE / CHECKPOINT_EVERY) + 1;
  return { T: heap.f64(PIECE), I: heap.f64(PIECE), F: heap.u8(PIECE), cp: heap.f64(3 * cps) };
}

/** A kernel instance of its own (its integrals are its globals) with room for PIECE samples and their checkpoints. */
function chargeKernel() {
  const { exports, arrays } = carvedKernel<ChargeExports, ReturnType<typeof carve>>("detect", carve);
  // the kernel's loop has the two figures built in (constants fold away there): a build that disagrees
  // with this module would space the checkpoints or the windows otherwise, so it is refused
  const every = exports.chargeCheckpointEvery.value;
  const window_s = exports.chargeFaradaicWindow_s.value;
  if (every !== CHECKPOINT_EVERY || window_s !== FARADAIC_WINDOW_s) {
    throw new Error(`dist/wasm/detect.wasm integrates charge with checkpoints every ${every} samples and ${window_s} s windows, ` +
      `src/detect/charge.ts with ${CHECKPOINT_EVERY} and ${FARADAIC_WINDOW_s}: run \`npm run build\``);
  }
  return { exports, ...arrays };
}
/** window over which the current is averaged before the Faradaic bound is applied, seconds */
export const FARADAIC_WINDOW_s = 1;

/**
 * Parallel arrays of (time, integral of I, integral of clamped I) at checkpoints, growing up to `cap`
 * entries and then thinned (src/detect/thinning.ts).
 */
export class Checkpoints {
  t = new Float64Array(0);
  q = new Float64Array(0);
  f = new Float64Array(0);
  n = 0;
  private readonly thinning = new Thinning();

  constructor(private readonly cap = MAX_CHECKPOINTS) {
    // sized by the method that grows them: a field V8 has only seen written once is taken for a
    // constant, and the code that relied on that was thrown away at the first growth (issue #5)
    this.grow(Math.min(1024, cap));
  }

  /** one offered checkpoint in `stride` is kept (1 until the first thinning) */
  get stride(): number {
    return this.thinning.stride;
  }

  /** Offer a checkpoint; `last` (the end of the trace) is kept whatever the stride. */
  add(t: number, q: number, f: number, last = false): void {
    // a time reset would unsort the checkpoints: keep them monotone so the lookup stays a bisection
    if (this.n > 0 && t < this.t[this.n - 1]!) return;
    const th = this.thinning;
    if (!th.offer() && !last) return;
    if (this.n === this.t.length) {
      if (this.n < this.cap) this.grow(Math.min(2 * this.n, this.cap));
      else this.n = th.thin([this.t, this.q, this.f], this.n);
      if (!th.keepsCurrent() && !last) return;
    }
    this.t[this.n] = t; this.q[this.n] = q; this.f[this.n] = f;
    this.n++;
  }

  /** the columns to n checkpoints, the first ones kept */
  private grow(n: number): void {
    const grow = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    this.t = grow(this.t); this.q = grow(this.q); this.f = grow(this.f);
  }

  /** running integrals at absolute time `time`, linear between checkpoints */
  at(time: number): [number, number] {
    return integralsAt(this, time);
  }

  /** the checkpoints as columns (views of the arrays, not copies: taken once the integration has ended) */
  columns(): CheckpointColumns {
    return { t: this.t, q: this.q, f: this.f, n: this.n };
  }
}

/** Checkpoints as parallel columns: time, integral of I, integral of clamped I, and how many. */
export interface CheckpointColumns {
  t: Float64Array;
  q: Float64Array;
  f: Float64Array;
  n: number;
}

/** The running integrals at absolute time `time`, linear between checkpoints. */
function integralsAt(c: CheckpointColumns, time: number): [number, number] {
  const { t, q, f, n } = c;
  if (n === 0) return [0, 0];
  if (time <= t[0]!) return [0, 0];
  if (time >= t[n - 1]!) return [q[n - 1]!, f[n - 1]!];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (t[mid]! <= time) lo = mid; else hi = mid; }
  const span = t[hi]! - t[lo]!;
  const w = span > 0 ? (time - t[lo]!) / span : 0;
  return [q[lo]! + w * (q[hi]! - q[lo]!), f[lo]! + w * (f[hi]! - f[lo]!)];
}

/**
 * The integrals at the end of the input, as plain data: all a ChargeSplit is made from. On a parse
 * worker the integrator runs beside the parser and only this crosses to the detector's thread.
 */
export interface ChargeState {
  /** integral of I dt over the usable intervals, coulombs (not yet signed by the polarity) */
  q_C: number;
  /** the Faradaic part of it (closed 1 s windows, clamped), coulombs */
  f_C: number;
  excluded_s: number;
  checkpoints: CheckpointColumns;
}

/**
 * Streams the trapezoid integrals of I and of clamp(I, -Fmax, +Fmax) over the actual time steps.
 * An interval [k-1, k] counts when both samples are usable, sample k does not follow a gap, and
 * dt > 0 (duplicate stamps and time resets contribute nothing).
 */
export class ChargeIntegrator {
  private readonly kernel = chargeKernel();
  private readonly checkpoints: Checkpoints;

  /** checkpointCap: checkpoints kept before thinning (tests use small ones) */
  constructor(readonly faradaicMax_A: number, checkpointCap = MAX_CHECKPOINTS) {
    this.checkpoints = new Checkpoints(checkpointCap);
    this.kernel.exports.chargeSettings(faradaicMax_A);
  }

  /**
   * The running integrals over the chunk's samples: the kernel's loop (src/detect/wasm/charge.ts)
   * over copies of the samples in its memory, PIECE at a time.
   */
  push(chunk: Chunk): void {
    const { exports, T, I, F, cp } = this.kernel;
    for (let k = 0; k < chunk.length; k += PIECE) {
      const n = Math.min(PIECE, chunk.length - k);
      T.set(chunk.time_s.subarray(k, k + n));
      I.set(chunk.current_A.subarray(k, k + n));
      F.set(chunk.flags.subarray(k, k + n));
      const made = exports.chargePush(T.byteOffset, I.byteOffset, F.byteOffset, n, cp.byteOffset);
      for (let c = 0; c < made; c++) this.checkpoints.add(cp[3 * c]!, cp[3 * c + 1]!, cp[3 * c + 2]!);
    }
  }

  /** Close the last window and keep the end as a checkpoint: the integrals of the whole input (call once, after the last push). */
  state(): ChargeState {
    const k = this.kernel.exports;
    k.closeWindow();
    const q = k.chargeQ();
    const f = k.chargeF();
    if (Number.isFinite(k.chargeLastT())) this.checkpoints.add(k.chargeLastT(), q, f, true);
    return { q_C: q, f_C: f, excluded_s: k.chargeExcluded(), checkpoints: this.checkpoints.columns() };
  }

  finish(d: Detection): ChargeSplit {
    return chargeSplit(this.state(), this.faradaicMax_A, d);
  }
}

/** Integrals between two absolute times, in the leakage direction given by `polarity`. */
function between(c: CheckpointColumns, from_abs_s: number, to_abs_s: number, polarity: 1 | -1): ChargeTotals {
  const [q0, f0] = integralsAt(c, from_abs_s);
  const [q1, f1] = integralsAt(c, to_abs_s);
  return totals(polarity * (q1 - q0), polarity * (f1 - f0));
}

/** The `charge` block of the result from the integrals of the whole input and the detection's phases. */
export function chargeSplit(s: ChargeState, faradaicMax_A: number, d: Detection): ChargeSplit {
  const p = d.polarity;
  const abs = (t: number): number => d.t0_s + t;
  const c = s.checkpoints;
  const onset = d.transitions.softShortOnset_s;
  const hard = d.transitions.hardShort_s;
  const to_s = hard ?? d.duration_s;
  return {
    ...totals(p * s.q_C, p * s.f_C),
    faradaicMax_A,
    excluded_s: s.excluded_s,
    byPhase: d.phases.map((ph) => ({
      phase: ph.phase, start_s: ph.start_s, end_s: ph.end_s, ...between(c, abs(ph.start_s), abs(ph.end_s), p),
    })),
    untilHardShort: onset === null ? null : {
      from_s: onset, to_s, reachedHardShort: hard !== null, ...between(c, abs(onset), abs(to_s), p),
    },
    sinceOnset: onset === null ? null : {
      from_s: onset, to_s: d.duration_s, ...between(c, abs(onset), abs(d.duration_s), p),
    },
  };
}

function totals(total_C: number, faradaic_C: number): ChargeTotals {
  return { total_C, faradaic_C, nonFaradaic_C: total_C - faradaic_C };
}

/** The `charge` block of the result. */
export function chargeObserver(faradaicMax_A = DEFAULT_PARAMS.faradaicMax_A): TraceObserver {
  const integrator = new ChargeIntegrator(faradaicMax_A);
  return {
    push: (chunk) => integrator.push(chunk),
    finish: (d) => ({ charge: integrator.finish(d) }),
  };
}

/**
 * The `charge` block from integrals worked out elsewhere (a parse worker, detect/besideparser.ts):
 * it takes no chunks itself; `state` is asked for once the input has ended.
 */
export function chargeObserverFrom(state: () => ChargeState, faradaicMax_A = DEFAULT_PARAMS.faradaicMax_A): TraceObserver {
  return {
    push: () => {},
    finish: (d) => ({ charge: chargeSplit(state(), faradaicMax_A, d) }),
  };
}
