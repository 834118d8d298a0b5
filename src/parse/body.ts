// The numeric body: bytes -> lines -> samples. Plain numeric rows take a byte-level fast path;
// anything else (quotes, text, vendor flag columns, clock times) goes through the per-row path.
import { InputError } from "../errors.js";
import { SampleFlag, type Chunk } from "../trace.js";
import { isBlankRow, splitFields } from "./fields.js";
import { readNumber } from "./fastnum.js";
import { CellKind, OVERFLOW_LIMIT, readCell } from "./numbers.js";
import type { BodyPlan } from "./resolve.js";
import type { SampleSink } from "./samples.js";

/** Longest line accepted; a longer one means this is not a line-oriented trace. */
export const MAX_LINE_BYTES = 1 << 20;

export interface BodyState {
  lineNo: number;
  /** lines dropped (truncated last row), with their warnings */
  dropped: number;
  warnings: string[];
}

type TimeReader = (cell: string) => number;

export class BodyReader {
  private readonly time: TimeReader | null;
  private prevRange: string | undefined;
  private sampleIndex = 0;
  private readonly fast: boolean;
  private readonly sep: number;
  private readonly decimal: number;
  private readonly needFields: number;
  readonly state: BodyState = { lineNo: 0, dropped: 0, warnings: [] };

  constructor(
    private readonly file: string,
    private readonly plan: BodyPlan,
    private readonly sink: SampleSink,
    private readonly textEncoding: "utf8" | "latin1",
  ) {
    this.time = plan.time ? plan.time.make() : null;
    const d = plan.delimiter;
    this.sep = d === "\t" ? 9 : d === ";" ? 59 : d === "whitespace" ? 32 : 44;
    this.decimal = plan.decimalMark === "," ? 44 : 46;
    this.needFields = plan.minFields;
    this.fast =
      (plan.time === null || !plan.time.textual) &&
      plan.rangeIndex === undefined && plan.overloadIndex === undefined && plan.signFromMode === undefined && plan.skipRow === undefined;
  }

  /** Read every line of the input (the header region is counted and passed over). */
  async *read(bytes: AsyncIterable<Buffer>): AsyncGenerator<Chunk> {
    let left: Buffer | null = null;
    for await (const piece of bytes) {
      const buf: Buffer = left && left.length ? Buffer.concat([left, piece]) : piece;
      let pos = 0;
      const n = buf.length;
      for (;;) {
        const nl = buf.indexOf(10, pos);
        if (nl < 0) break;
        this.state.lineNo++;
        if (this.state.lineNo >= this.plan.dataLine) {
          const end = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
          if (!(this.fast && this.fastLine(buf, pos, end))) this.slowLine(buf, pos, end, false);
        }
        pos = nl + 1;
      }
      left = pos < n ? Buffer.from(buf.subarray(pos)) : null;
      if (left && left.length > MAX_LINE_BYTES) {
        throw new InputError(this.file, `line longer than ${MAX_LINE_BYTES} bytes: not a line-oriented trace`, this.state.lineNo + 1);
      }
      // chunks leave as soon as they are full, so memory stays bounded
      if (this.sink.ready.length) yield* this.sink.ready.splice(0);
    }
    if (left && left.length) {
      this.state.lineNo++;
      let end = left.length;
      if (left[end - 1] === 13) end--;
      if (this.state.lineNo >= this.plan.dataLine) this.slowLine(left, 0, end, true);
    }
    this.sink.finish();
    yield* this.sink.ready.splice(0);
  }

  /** Plain numeric row: true when handled, false to let the per-row path decide. */
  private fastLine(buf: Buffer, s: number, e: number): boolean {
    const ti = this.plan.timeIndex;
    const ci = this.plan.currentIndex;
    const sep = this.sep;
    const ws = sep === 32;
    let k = 0;
    let p = s;
    let t = NaN;
    let cur = NaN;
    let got = 0;
    if (ws) while (p < e && (buf[p] === 32 || buf[p] === 9)) p++;
    while (p <= e && got < this.needFields) {
      // field [p, q)
      let q = p;
      if (ws) while (q < e && buf[q] !== 32 && buf[q] !== 9) q++;
      else while (q < e && buf[q] !== sep) q++;
      if (k === ti || k === ci) {
        let a = p;
        let b = q;
        while (a < b && (buf[a] === 32 || buf[a] === 9)) a++;
        while (b > a && (buf[b - 1] === 32 || buf[b - 1] === 9)) b--;
        if (a === b) return false;
        const v = readNumber(buf, a, b, this.decimal);
        if (v !== v) return false;
        if (k === ti) t = v;
        else cur = v;
        got++;
      } else if (ti === null && k > ci) break;
      k++;
      if (ws) {
        while (q < e && (buf[q] === 32 || buf[q] === 9)) q++;
        p = q;
        if (q >= e) break;
      } else p = q + 1;
    }
    if (ti === null ? got < 1 : got < 2) return false;
    if (!(Math.abs(cur) < OVERFLOW_LIMIT) || (ti !== null && !Number.isFinite(t))) return false;
    const time = ti === null ? this.sampleIndex / this.plan.rate_hz! : t * this.plan.timeFactor;
    this.sampleIndex++;
    this.sink.push(time, cur * this.plan.currentFactor, 0, this.state.lineNo);
    return true;
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
    if (t !== t) {
      this.sink.skip(line, text);
      return;
    }
    let flags = 0;
    let cur: number;
    if (cell.kind === CellKind.Number) {
      cur = cell.value * plan.currentFactor;
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
      this.prevRange = r;
    }
    this.sampleIndex++;
    this.sink.push(t, cur, flags, line, range);
  }
}
