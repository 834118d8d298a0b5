// The numeric body: bytes -> lines -> samples. Plain numeric rows take a byte-level fast path;
// anything else (quotes, text, vendor flag columns, clock times) goes through the per-row path.
import { InputError } from "../errors.js";
import { SampleFlag, type Chunk } from "../trace.js";
import { BiasTracker, readsBiasAt, samplesWithoutBiasRead } from "./bias.js";
import { FastRows } from "./fastrows.js";
import { isBlankRow, splitFields } from "./fields.js";
import { readNumber } from "./fastnum.js";
import { CellKind, OVERFLOW_LIMIT, readCell } from "./numbers.js";
import type { BodyPlan } from "./resolve.js";
import type { SampleSink } from "./samples.js";
import { parseCurrentQuantity } from "./units.js";

/** Longest line accepted; a longer one means this is not a line-oriented trace. */
export const MAX_LINE_BYTES = 1 << 20;

export interface BodyState {
  lineNo: number;
  /** lines dropped (truncated last row), with their warnings */
  dropped: number;
  warnings: string[];
  /** rows the WebAssembly kernel took (the rest went through fastAt / slowLine) */
  kernelRows: number;
}

type TimeReader = (cell: string) => number;

/**
 * A range written as a current ("1 µA", "100 nA", NOVA) pins its reading at 10x the range value when
 * overloaded (1E-05 A on the 1 µA range): a reading that far out is flagged Overload. Range codes
 * (EC-Lab, Gamry integers) carry no scale: 0.
 */
function fullScaleOf(range: string): number {
  const a = parseCurrentQuantity(range);
  return a !== null && a > 0 ? 10 * a * (1 - 1e-9) : 0;
}

export class BodyReader {
  private readonly time: TimeReader | null;
  private prevRange: string | undefined;
  /** amperes at which the current range's reading is pinned (0 = unknown) */
  private fullScale = 0;
  private sampleIndex = 0;
  private readonly fast: boolean;
  // hot-loop copies of the plan (they are the kernel's RowLayout too)
  readonly sep: number;
  readonly decimal: number;
  readonly timeIndex: number;
  readonly currentIndex: number;
  readonly rate: number;
  readonly timeMul: number;
  readonly timeDiv: number;
  readonly currentMul: number;
  readonly currentDiv: number;
  readonly state: BodyState = { lineNo: 0, dropped: 0, warnings: [], kernelRows: 0 };
  /** the bias column beside the current, when there is one (held or swept bias) */
  readonly bias: BiasTracker | null;
  /** runs of plain rows through the WebAssembly kernel (null: fast path off) */
  private readonly kernel: FastRows | null;

  constructor(
    private readonly file: string,
    private readonly plan: BodyPlan,
    private readonly sink: SampleSink,
    private readonly textEncoding: "utf8" | "latin1",
    /** false: every row through fastAt / slowLine (the tests' reference for the kernel) */
    useKernel = true,
  ) {
    this.time = plan.time ? plan.time.make() : null;
    this.bias = plan.bias ? new BiasTracker(plan.bias.column, plan.bias.scale, plan.decimalMark) : null;
    const d = plan.delimiter;
    this.sep = d === "\t" ? 9 : d === ";" ? 59 : d === "whitespace" ? 32 : 44;
    this.decimal = plan.decimalMark === "," ? 44 : 46;
    this.timeIndex = plan.timeIndex ?? -1;
    this.currentIndex = plan.currentIndex;
    this.rate = plan.rate_hz ?? NaN;
    this.timeMul = plan.timeScale.mul;
    this.timeDiv = plan.timeScale.div;
    this.currentMul = plan.currentScale.mul;
    this.currentDiv = plan.currentScale.div;
    this.fast =
      (plan.time === null || !plan.time.textual) &&
      plan.rangeIndex === undefined && plan.overloadIndex === undefined && plan.signFromMode === undefined && plan.skipRow === undefined;
    this.kernel = this.fast && useKernel ? new FastRows(this, sink) : null;
  }

  /** Read every line of the input (the header region is counted and passed over). */
  async *read(bytes: AsyncIterable<Buffer>): AsyncGenerator<Chunk> {
    let left: Buffer | null = null;
    for await (const piece of bytes) {
      let pos = 0;
      if (left) {
        // finish the line cut at the previous piece's end without copying the whole piece
        const nl = piece.indexOf(10);
        if (nl < 0) {
          left = Buffer.concat([left, piece]);
          if (left.length > MAX_LINE_BYTES) this.tooLong();
          continue;
        }
        const joined = Buffer.concat([left, piece.subarray(0, nl + 1)]);
        left = null;
        this.lines(joined, 0);
        pos = nl + 1;
      }
      const rest = this.lines(piece, pos);
      if (rest < piece.length) {
        left = Buffer.from(piece.subarray(rest));
        if (left.length > MAX_LINE_BYTES) this.tooLong();
      }
      // chunks leave as soon as they are full, so memory stays bounded
      if (this.sink.ready.length) yield* this.sink.drain();
    }
    if (left && left.length) {
      this.state.lineNo++;
      let end = left.length;
      if (left[end - 1] === 13) end--;
      if (this.state.lineNo >= this.plan.dataLine) this.slowLine(left, 0, end, true);
    }
    this.sink.finish();
    yield* this.sink.drain();
  }

  private tooLong(): never {
    throw new InputError(this.file, `line longer than ${MAX_LINE_BYTES} bytes: not a line-oriented trace`, this.state.lineNo + 1);
  }

  /** Handle the complete lines of buf from pos; returns where the unfinished last line starts. */
  private lines(buf: Buffer, pos: number): number {
    const st = this.state;
    const dataLine = this.plan.dataLine;
    const fast = this.fast;
    const n = buf.length;
    const kernel = this.kernel;
    kernel?.begin();
    for (;;) {
      if (fast && st.lineNo + 1 >= dataLine && pos < n) {
        // a run of plain rows in one kernel call, up to the next one whose bias cell is read
        const allowed = kernel === null ? 0 : this.bias ? samplesWithoutBiasRead(this.sampleIndex) : Infinity;
        if (allowed > 0) {
          const got = kernel!.take(buf, pos, n, allowed, this.sampleIndex, st.lineNo + 1);
          if (got > 0) {
            st.kernelRows += got;
            st.lineNo += got;
            this.sampleIndex += got;
            pos = kernel!.pos;
          }
        }
        const after = this.fastAt(buf, pos, n);
        if (after >= 0) {
          st.lineNo++;
          if (this.bias && readsBiasAt(this.sampleIndex - 1)) this.biasOf(buf.toString(this.textEncoding, pos, after));
          pos = after;
          continue;
        }
      }
      const nl = buf.indexOf(10, pos);
      if (nl < 0) return pos;
      if (++st.lineNo >= dataLine) this.slowLine(buf, pos, nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl, false);
      pos = nl + 1;
    }
  }

  /**
   * A plain numeric line starting at s, read in one pass (fields and line end together).
   * Returns the index after its newline, or -1 to let the per-row path take the line (same answer,
   * slower): quotes, text, NaN, too few fields, or a line the piece cuts off.
   */
  private fastAt(buf: Buffer, s: number, n: number): number {
    const ti = this.timeIndex;
    const ci = this.currentIndex;
    const last = ti > ci ? ti : ci;
    const sep = this.sep;
    const ws = sep === 32;
    // the numbers go straight into the sink's row (a typed array: no boxed double per number)
    const vals = this.sink.row;
    let p = s;
    let c = 0;
    for (let k = 0; k <= last; k++) {
      if (ws) while (p < n && ((c = buf[p]!) === 32 || c === 9)) p++;
      if (k === ti || k === ci) {
        while (p < n && buf[p] === 32) p++;
        p = readNumber(buf, p, n, this.decimal, vals, k === ti ? 0 : 1);
        if (p < 0) return -1;
        while (p < n && ((c = buf[p]!) === 32 || (ws && c === 9))) p++;
        if (p >= n) return -1;
        c = buf[p]!;
        if (c !== 10 && c !== 13 && !ws && c !== sep) return -1;
      } else if (ws) while (p < n && (c = buf[p]!) !== 32 && c !== 9 && c !== 10 && c !== 13) p++;
      else while (p < n && (c = buf[p]!) !== sep && c !== 10 && c !== 13) p++;
      if (k < last) {
        if (p >= n || (c = buf[p]!) === 10 || c === 13) return -1;
        if (!ws) p++;
      }
    }
    // the usual line ends right after the last number read: no search needed
    if (p < n && buf[p] !== 10) {
      p = buf.indexOf(10, p);
      if (p < 0) return -1;
    } else if (p >= n) return -1;
    const t = ti < 0 ? 0 : vals[0]!;
    const cur = vals[1]!;
    if (!(cur < OVERFLOW_LIMIT && cur > -OVERFLOW_LIMIT && t < Infinity && t > -Infinity)) return -1;
    vals[0] = ti < 0 ? this.sampleIndex / this.rate : (t * this.timeMul) / this.timeDiv;
    vals[1] = (cur * this.currentMul) / this.currentDiv;
    this.sampleIndex++;
    this.sink.pushRow(0, this.state.lineNo + 1);
    return p + 1;
  }

  private slowLine(buf: Buffer, s: number, e: number, last: boolean): void {
    const text = buf.toString(this.textEncoding, s, e);
    const fields = splitFields(text, this.plan.delimiter);
    if (isBlankRow(fields)) return;
    if (this.plan.skipRow?.(fields)) return;
    const line = this.state.lineNo;
    const plan = this.plan;
    const ti = plan.timeIndex;
    const t = ti === null ? this.sampleIndex / plan.rate_hz! : this.time!(fields[ti] ?? "");
    const cell = readCell(fields[plan.currentIndex] ?? "", plan.decimalMark);
    if (last && (fields.length < plan.minFields || t !== t || cell.kind === CellKind.Text || cell.kind === CellKind.Empty)) {
      this.state.dropped++;
      this.state.warnings.push(`last row (line ${line}) is incomplete and was dropped: ${JSON.stringify(text.slice(0, 60))}`);
      return;
    }
    // a row too short to hold the current (a second table's title, a note) is not a sample
    if (t !== t || fields.length < plan.minFields) {
      this.sink.skip(line, text);
      return;
    }
    let flags = 0;
    let cur: number;
    if (cell.kind === CellKind.Number) {
      cur = (cell.value * plan.currentScale.mul) / plan.currentScale.div;
      if (Math.abs(cell.value) >= OVERFLOW_LIMIT) {
        flags |= SampleFlag.Overflow;
        cur = NaN;
      }
    } else if (cell.kind === CellKind.Infinite) {
      flags |= SampleFlag.Overflow;
      cur = NaN;
    } else {
      flags |= SampleFlag.Missing;
      cur = NaN;
    }
    if (plan.signFromMode && cur === cur) {
      const sg = plan.signFromMode.sign(fields[plan.signFromMode.index] ?? "");
      if (sg !== null) cur = sg * Math.abs(cur);
    }
    if (plan.overloadIndex !== undefined && plan.overloadTest!(fields[plan.overloadIndex] ?? "")) flags |= SampleFlag.Overload;
    let range: string | undefined;
    if (plan.rangeIndex !== undefined) {
      const r = (fields[plan.rangeIndex] ?? "").trim();
      if (this.prevRange !== undefined && r !== this.prevRange) range = r;
      if (r !== this.prevRange) this.fullScale = fullScaleOf(r);
      this.prevRange = r;
      if (cur === cur && this.fullScale > 0 && Math.abs(cur) >= this.fullScale) flags |= SampleFlag.Overload;
    }
    if (this.bias && readsBiasAt(this.sampleIndex)) this.bias.cell(fields[this.plan.bias!.column.index] ?? "");
    this.sampleIndex++;
    this.sink.push(t, cur, flags, line, range);
  }

  /** The bias cell of a line the fast path took: split as the per-row path would, so both read the same text. */
  private biasOf(line: string): void {
    const fields = splitFields(line.replace(/\r?\n$/, ""), this.plan.delimiter);
    this.bias!.cell(fields[this.plan.bias!.column.index] ?? "");
  }
}
