// The policy of the bounded logs of a trace's past (the block history, the charge checkpoints): keep
// every entry up to the log's capacity, then drop every other one and from then on keep one offered
// entry in `stride`, the stride doubling at each thinning. Which entries are kept depends only on
// their number in the sequence offered, never on how the trace was chunked.

type Column = Float64Array | Uint8Array;

export class Thinning {
  /** one offered entry in `stride` is kept (1 until the first thinning) */
  stride = 1;
  private offered = 0;
  private current = 0;

  /** Number the entry now offered; true when the present stride keeps it. */
  offer(): boolean {
    this.current = this.offered++;
    return this.keepsCurrent();
  }

  /** Whether the entry last offered is kept at the present stride (ask again after thin()). */
  keepsCurrent(): boolean {
    return this.current % this.stride === 0;
  }

  /** Keep the even entries of the first n of every column and double the stride; returns the new length. */
  thin(columns: readonly Column[], n: number): number {
    let m = 0;
    for (let j = 0; j < n; j += 2, m++) for (const c of columns) c[m] = c[j]!;
    this.stride *= 2;
    return m;
  }
}
