// Runs of plain numeric rows through the parse kernel (src/parse/wasm/, dist/wasm/parse.wasm): the
// bytes go into kernel memory a window at a time, the kernel parses rows into samples until it meets
// one it cannot vouch for, and the samples go into the sink's chunks. That row is the JS path's.
import { type ArrayCarver, carvedKernel } from "../wasm.js";
import { OVERFLOW_LIMIT } from "./numbers.js";
import type { SampleSink } from "./samples.js";

/** The body's layout as BodyReader.fastAt reads it (byte codes, -1 for no time column, scales). */
export interface RowLayout {
  sep: number;
  decimal: number;
  timeIndex: number;
  currentIndex: number;
  rate: number;
  timeMul: number;
  timeDiv: number;
  currentMul: number;
  currentDiv: number;
}

interface RowKernel {
  configure(sep: number, decimal: number, ti: number, ci: number, tMul: number, tDiv: number, cMul: number, cDiv: number, rate: number, limit: number, resultsAt: number): void;
  rows(start: number, end: number, outT: number, outI: number, maxRows: number, sampleIndex: number, offset: number, lastT: number, lastDt: number, dupRun: number, gapLimit: number): number;
}

/** bytes of a piece in kernel memory at once (the read pieces are 1 MiB) */
const WINDOW = 1 << 20;
/** rows per kernel call (its output arrays) */
const CAPACITY = 1 << 16;
/** a window ending less than this after a row start is refilled from that row (the row may be cut by it) */
const AHEAD = 1 << 16;
/** calls sat out at most after the kernel refused the first row it was given */
const MAX_REST = 256;

interface Instance {
  kernel: RowKernel;
  bytes: Uint8Array;
  time: Float64Array;
  current: Float64Array;
  /** position after the last row taken, lastT, lastDt, dupRun, duplicates, first duplicate's row */
  results: Float64Array;
  /** the reader whose layout is configured and whose bytes the window holds */
  owner: FastRows | null;
}

/** one kernel per thread, shared by the readers on it (each call is synchronous) */
let shared: Instance | null = null;

/** The kernel's arrays, in one fixed order: the window and its newline sentinel, the output rows, the results. */
function carve(heap: ArrayCarver) {
  return { bytes: heap.u8(WINDOW + 1), time: heap.f64(CAPACITY), current: heap.f64(CAPACITY), results: heap.f64(6) };
}

function instance(): Instance {
  if (!shared) {
    const { exports, arrays } = carvedKernel<RowKernel, ReturnType<typeof carve>>("parse", carve);
    shared = { kernel: exports, ...arrays, owner: null };
  }
  return shared;
}

export class FastRows {
  private inst: Instance | null = null;
  private winStart = 0;
  private winEnd = 0;
  private valid = false;
  /** the sink's state the kernel continues from (SampleSink.steadyState) */
  private readonly state = new Float64Array(5);
  /** where the rows taken by the last take() end */
  pos = 0;
  // after a refused first row, calls to sit out (doubling while refusals go on: rows with long
  // mantissas or NaN cells, each of which would otherwise cost a kernel call for nothing)
  private rest = 0;
  private restLength = 0;

  constructor(private readonly layout: RowLayout, private readonly sink: SampleSink) {}

  /** A new buffer: what the window holds is stale. */
  begin(): void {
    this.valid = false;
  }

  /**
   * Take up to maxRows plain rows of buf from pos (a line start at or after the data line), with
   * sampleIndex the index and `line` the line number of the first: they go into the sink, and `pos`
   * is set after them. Returns the rows taken (0 too while the sink is still learning the median
   * interval).
   */
  take(buf: Buffer, pos: number, n: number, maxRows: number, sampleIndex: number, line: number): number {
    if (this.rest > 0) {
      this.rest--;
      return 0;
    }
    const st = this.state;
    if (!this.sink.steadyState(st)) return 0;
    const inst = this.inst ?? (this.inst = instance());
    if (inst.owner !== this) this.configure(inst);
    const { kernel, bytes, time, current, results } = inst;
    const base = bytes.byteOffset;
    let taken = 0;
    for (;;) {
      const fresh = !(this.valid && pos >= this.winStart && pos < this.winEnd && (this.winEnd === n || pos + AHEAD <= this.winEnd));
      if (fresh) this.fill(bytes, buf, pos, n);
      const limit = Math.min(CAPACITY, maxRows - taken);
      const got = kernel.rows(base + pos - this.winStart, base + this.winEnd - this.winStart, time.byteOffset, current.byteOffset, limit, sampleIndex + taken, st[0]!, st[1]!, st[2]!, st[3]!, st[4]!);
      pos = this.winStart + results[0]! - base;
      if (got > 0) {
        const dups = results[4]!;
        this.sink.appendRows(time, current, got, results[1]!, results[2]!, results[3]!, dups, line + taken + results[5]!);
        taken += got;
        st[1] = results[1]!;
        st[2] = results[2]!;
        st[3] = results[3]!;
      }
      // refused at a window's start: a row for the JS path
      if (got === 0 && fresh) break;
      if (got === limit) {
        if (taken >= maxRows || pos >= n) break;
        continue;
      }
      // stopped near the window's end, not the buffer's: perhaps only cut by the window, so again from there
      if (this.winEnd < n && pos + AHEAD > this.winEnd) continue;
      break;
    }
    this.pos = pos;
    // (a line the buffer cuts is no refusal: the next piece completes it)
    if (taken === 0 && buf.indexOf(10, pos) >= 0) this.rest = this.restLength = Math.min(MAX_REST, 2 * this.restLength + 1);
    else if (taken > 0) this.restLength = 0;
    return taken;
  }

  private configure(inst: Instance): void {
    const l = this.layout;
    inst.kernel.configure(l.sep, l.decimal, l.timeIndex, l.currentIndex, l.timeMul, l.timeDiv, l.currentMul, l.currentDiv, l.rate, OVERFLOW_LIMIT, inst.results.byteOffset);
    inst.owner = this;
    this.valid = false;
  }

  /** buf[pos, pos + WINDOW) into kernel memory, with the newline sentinel after it (the kernel's loops stop there) */
  private fill(bytes: Uint8Array, buf: Buffer, pos: number, n: number): void {
    const end = Math.min(n, pos + WINDOW);
    bytes.set(buf.subarray(pos, end));
    bytes[end - pos] = 10;
    this.winStart = pos;
    this.winEnd = end;
    this.valid = true;
  }
}
