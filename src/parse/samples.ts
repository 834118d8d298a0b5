// Samples -> chunks: makes time continuous across sweep resets, counts duplicates and gaps, sets flags.
// Every decision is made per sample in file order, so results never depend on the chunk size.
import { SampleFlag, type Chunk } from "../trace.js";
import type { ParseSummary } from "./types.js";

/** Intervals used to learn the typical sampling interval before gaps can be judged. */
const MEDIAN_INTERVALS = 1000;
/** Samples held back at most while learning it (a file whose stamps barely move). */
const MAX_PENDING = 200_000;
/** A step this many times the median interval is a gap (dropout). */
export const GAP_FACTOR = 10;
const MAX_RANGE_CHANGES = 1000;
// a module-level comparator: a per-call arrow's optimised code dies with it, recompiled per file in a batch
const ascending = (a: number, b: number): number => a - b;

interface FirstSeen {
  count: number;
  line: number;
  text?: string;
}

function bump(c: FirstSeen, line: number, text?: string): void {
  if (c.count++ === 0) {
    c.line = line;
    c.text = text;
  }
}

/** bump() k times, the first of them on `line` */
function bumpBy(c: FirstSeen, k: number, line: number): void {
  if (c.count === 0) {
    c.line = line;
    c.text = undefined;
  }
  c.count += k;
}

const seen = (): FirstSeen => ({ count: 0, line: 0 });

export class SampleSink {
  readonly ready: Chunk[] = [];
  private out: Chunk;
  private lastT = NaN;
  private offset = 0;
  private dupRun = 1;
  private lastDt = 0;
  private median: number | null = null;
  private intervals: number[] = [];
  // held back until the median interval is known
  private pend = { t: [] as number[], i: [] as number[], f: [] as number[], dt: [] as number[], line: [] as number[] };
  readonly missing = seen();
  readonly overflow = seen();
  readonly overload = seen();
  readonly duplicates = seen();
  readonly backwards = seen();
  readonly gaps = seen();
  readonly ranges = seen();
  readonly skipped = seen();
  rows = 0;
  firstTime: number | null = null;
  rangeChanges: { time_s: number; range: string }[] = [];

  /**
   * handOff: chunks handed out become the consumer's (a parse worker transfers their buffers to the
   * main thread); they come back only through recycle(). Otherwise a chunk is reused as soon as the
   * consumer asks for the next one.
   */
  constructor(private readonly chunkSize: number, private readonly handOff = false, reuse: Chunk[] = []) {
    for (const c of reuse) this.recycle(c);
    this.out = this.fresh();
  }

  private free: Chunk[] = [];
  private lent: Chunk[] = [];

  /** A handed-off chunk's arrays, given back for reuse (ones of another chunk size are left to the GC). */
  recycle(chunk: Chunk): void {
    if (chunk.time_s.length === this.chunkSize) this.free.push(chunk);
  }

  /**
   * Hand out the full chunks. A consumer asks for the next chunk only when done with the previous,
   * so chunks handed out by the previous drain are reused (no allocation per chunk).
   */
  *drain(): Generator<Chunk> {
    if (!this.handOff) this.free.push(...this.lent.splice(0));
    while (this.ready.length) {
      const c = this.ready.shift()!;
      if (!this.handOff) this.lent.push(c);
      yield c;
    }
  }

  private fresh(): Chunk {
    const reuse = this.free.pop();
    if (reuse) {
      reuse.length = 0;
      return reuse;
    }
    const n = this.chunkSize;
    return { time_s: new Float64Array(n), current_A: new Float64Array(n), flags: new Uint8Array(n), length: 0 };
  }

  private emit(t: number, i: number, f: number): void {
    const o = this.out;
    o.time_s[o.length] = t;
    o.current_A[o.length] = i;
    o.flags[o.length] = f;
    if (++o.length === this.chunkSize) {
      this.ready.push(o);
      this.out = this.fresh();
    }
  }

  /** A row that is not a sample (footer, junk, unreadable time). */
  skip(line: number, text: string): void {
    bump(this.skipped, line, text);
  }

  /**
   * The sample pushRow() takes: [time, current]. The body's fast path writes the numbers straight in,
   * because doubles passed as arguments to a call that is not inlined are boxed (a heap allocation each).
   */
  readonly row = new Float64Array(2);

  push(tRaw: number, current: number, flags: number, line: number, range?: string): void {
    this.row[0] = tRaw;
    this.row[1] = current;
    this.pushRow(flags, line, range);
  }

  /** push() of the sample in `row`. */
  pushRow(flags: number, line: number, range?: string): void {
    const tRaw = this.row[0]!;
    const current = this.row[1]!;
    if (flags & SampleFlag.Missing) bump(this.missing, line);
    if (flags & SampleFlag.Overflow) bump(this.overflow, line);
    if (flags & SampleFlag.Overload) bump(this.overload, line);
    let t = tRaw + this.offset;
    let dt = NaN;
    if (this.rows === 0) this.firstTime = t;
    else if (t < this.lastT) {
      // time reset (a new sweep): continue one typical interval after the previous sample
      bump(this.backwards, line);
      this.offset += this.lastT + this.lastDt - t;
      t = this.lastT + this.lastDt;
      flags |= SampleFlag.Discontinuity;
      this.dupRun = 1;
    } else if (t === this.lastT) {
      bump(this.duplicates, line);
      this.dupRun++;
    } else {
      // samples sharing a stamp (coarse time printing) split the step between them
      dt = (t - this.lastT) / this.dupRun;
      this.dupRun = 1;
      this.lastDt = dt;
    }
    this.lastT = t;
    this.rows++;
    if (range !== undefined) {
      flags |= SampleFlag.RangeChange;
      bump(this.ranges, line);
      if (this.rangeChanges.length < MAX_RANGE_CHANGES) this.rangeChanges.push({ time_s: t, range });
    }
    if (this.median === null) {
      if (dt > 0) this.intervals.push(dt);
      const p = this.pend;
      p.t.push(t);
      p.i.push(current);
      p.f.push(flags);
      p.dt.push(dt);
      p.line.push(line);
      if (this.intervals.length >= MEDIAN_INTERVALS || p.t.length >= MAX_PENDING) this.settle();
      return;
    }
    if (dt > GAP_FACTOR * this.median) {
      flags |= SampleFlag.Discontinuity;
      bump(this.gaps, line);
    }
    this.emit(t, current, flags);
  }

  /**
   * What the parse kernel (fastrows.ts) continues from once the median interval is known: [offset,
   * lastT, lastDt, dupRun, GAP_FACTOR * median]. False before that (and when every step is a gap:
   * median 0).
   */
  steadyState(out: Float64Array): boolean {
    if (this.median === null || !(this.median > 0) || this.rows === 0) return false;
    out[0] = this.offset;
    out[1] = this.lastT;
    out[2] = this.lastDt;
    out[3] = this.dupRun;
    out[4] = GAP_FACTOR * this.median;
    return true;
  }

  /**
   * n samples the parse kernel took, each one that pushRow would have emitted with flags 0: later
   * than the previous sample with no gap, or a duplicate time stamp (`dups` of them, the first on
   * line `firstDupLine`). lastT, lastDt and dupRun are the sink's state after them.
   */
  appendRows(time: Float64Array, current: Float64Array, n: number, lastT: number, lastDt: number, dupRun: number, dups: number, firstDupLine: number): void {
    for (let k = 0; k < n; ) {
      const o = this.out;
      const at = o.length;
      const m = Math.min(n - k, this.chunkSize - at);
      // chunks are reused: their flags from last time are cleared
      if (m < 16) {
        // a few rows (the kernel stopped soon): element by element, no subarray objects
        for (let j = 0; j < m; j++) {
          o.time_s[at + j] = time[k + j]!;
          o.current_A[at + j] = current[k + j]!;
          o.flags[at + j] = 0;
        }
      } else {
        o.time_s.set(time.subarray(k, k + m), at);
        o.current_A.set(current.subarray(k, k + m), at);
        o.flags.fill(0, at, at + m);
      }
      o.length = at + m;
      k += m;
      if (o.length === this.chunkSize) {
        this.ready.push(o);
        this.out = this.fresh();
      }
    }
    if (dups > 0) bumpBy(this.duplicates, dups, firstDupLine);
    this.rows += n;
    this.lastT = lastT;
    this.lastDt = lastDt;
    this.dupRun = dupRun;
  }

  /** Fix the median interval from what was seen and release the held-back samples. */
  private settle(): void {
    const s = [...this.intervals].sort(ascending);
    this.median = s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
    this.intervals = [];
    const p = this.pend;
    for (let k = 0; k < p.t.length; k++) {
      let f = p.f[k]!;
      if (this.median > 0 && p.dt[k]! > GAP_FACTOR * this.median) {
        f |= SampleFlag.Discontinuity;
        bump(this.gaps, p.line[k]!);
      }
      this.emit(p.t[k]!, p.i[k]!, f);
    }
    this.pend = { t: [], i: [], f: [], dt: [], line: [] };
  }

  finish(): void {
    if (this.median === null) this.settle();
    if (this.out.length > 0) {
      this.ready.push(this.out);
      this.out = this.fresh();
    }
  }

  medianInterval(): number | null {
    return this.median && this.median > 0 ? this.median : null;
  }

  summary(extraWarnings: string[], skippedRows: number): ParseSummary {
    const w: string[] = [];
    const at = (c: FirstSeen): string => `first at line ${c.line}`;
    const med = this.medianInterval();
    if (this.missing.count) w.push(`${this.missing.count} samples have a missing or unreadable current (NaN, empty or text; ${at(this.missing)}): flagged and kept out of detection`);
    if (this.overflow.count) w.push(`${this.overflow.count} samples hold an overflow value (±9.9e37 or Inf; ${at(this.overflow)}): flagged`);
    if (this.overload.count) w.push(`${this.overload.count} samples are marked overloaded by the instrument (${at(this.overload)}): flagged`);
    if (this.ranges.count) w.push(`${this.ranges.count} current-range changes (${at(this.ranges)}): the noise floor may change there`);
    if (this.duplicates.count) w.push(`${this.duplicates.count} duplicate time stamps kept (${at(this.duplicates)})`);
    if (this.backwards.count) w.push(`time went backwards ${this.backwards.count} times (${at(this.backwards)}): each new sweep was placed one sample interval after the previous one`);
    if (this.gaps.count) w.push(`${this.gaps.count} gaps longer than ${GAP_FACTOR}x the median interval${med ? ` (${med.toPrecision(3)} s)` : ""} (${at(this.gaps)})`);
    if (this.skipped.count) w.push(`${this.skipped.count} rows that are not samples were skipped (${at(this.skipped)}: ${JSON.stringify((this.skipped.text ?? "").slice(0, 60))})`);
    w.push(...extraWarnings);
    return {
      rows: this.rows,
      skippedRows: this.skipped.count + skippedRows,
      missingCount: this.missing.count,
      overflowCount: this.overflow.count,
      overloadCount: this.overload.count,
      duplicateTimeCount: this.duplicates.count,
      nonMonotonicCount: this.backwards.count,
      gapCount: this.gaps.count,
      rangeChanges: this.rangeChanges,
      firstTime_s: this.firstTime,
      lastTime_s: this.rows ? this.lastT : null,
      medianInterval_s: med,
      warnings: w,
    };
  }
}
