// Progress on stderr for batch runs: files done, MB/s, ETA — only on a TTY, redrawn in place.
import { statSync } from "node:fs";
import { formatDuration } from "../../report/units.js";

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export class Progress {
  private done = 0;
  private doneBytes = 0;
  private readonly sizes: number[];
  private readonly totalBytes: number;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly files: string[], private readonly sink: ProgressSink) {
    this.sizes = files.map((f) => {
      try { return f === "-" ? 0 : statSync(f).size; } catch { return 0; }
    });
    this.totalBytes = this.sizes.reduce((a, b) => a + b, 0);
  }

  /** A job finished (any order). Redraws at most ~10 times a second, and always for the last file. */
  settled(index: number): void {
    this.done++;
    this.doneBytes += this.sizes[index] ?? 0;
    const now = Date.now();
    if (now - this.lastDraw < 100 && this.done < this.files.length) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** Clear the bar so the summary and anything after it start on a clean line. */
  end(): void {
    if (this.drawn) this.sink.write("\r\x1b[2K");
  }

  private draw(now: number): void {
    const elapsed_s = Math.max((now - this.started) / 1000, 1e-3);
    const rate = this.doneBytes / elapsed_s;
    const left = this.totalBytes - this.doneBytes;
    const eta = rate > 0 && left > 0 ? `ETA ${formatDuration(left / rate, 2)}` : "";
    const width = 24;
    const fill = Math.round((this.done / Math.max(this.files.length, 1)) * width);
    const bar = `[${"#".repeat(fill)}${"-".repeat(width - fill)}]`;
    const line = `${bar} ${this.done}/${this.files.length} files  ${(rate / 1e6).toFixed(1)} MB/s  ${eta}`.trimEnd();
    const max = (this.sink.columns || 80) - 1;
    this.sink.write(`\r\x1b[2K${line.slice(0, max)}`);
    this.drawn = true;
  }
}
