// Streams a simulation to a CSV file or stdout in blocks (bounded memory for any length), with backpressure.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { once } from "node:events";
import { CSV_HEADER, MAX_ROW_BYTES, formatRows, timeDecimals } from "./csv.js";
import type { Simulation } from "./index.js";

const BLOCK_ROWS = 32768;

/** Write the CSV to `path` (temp file + rename, so a reader never sees half a file) or to stdout when path is null. Returns bytes written. */
export async function writeSimulationCsv(sim: Simulation, path: string | null): Promise<number> {
  const decimals = timeDecimals(sim.plan.rate_hz);
  const buf = Buffer.allocUnsafe(BLOCK_ROWS * MAX_ROW_BYTES);
  let bytes = 0;
  if (path !== null) {
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, "w");
    try {
      bytes += writeSync(fd, CSV_HEADER);
      for (const chunk of sim.chunks(BLOCK_ROWS)) {
        const n = formatRows(chunk, decimals, buf);
        let off = 0;
        while (off < n) off += writeSync(fd, buf, off, n - off);
        bytes += n;
      }
      closeSync(fd);
      renameSync(tmp, path);
    } catch (e) {
      try { closeSync(fd); } catch { /* already closed */ }
      try { unlinkSync(tmp); } catch { /* nothing to remove */ }
      throw e;
    }
    return bytes;
  }
  const out = process.stdout;
  let broken = false;
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") broken = true; // reader went away (| head): stop quietly
    else throw e;
  };
  out.on("error", onError);
  const drain = () => once(out, "drain").then(() => undefined, (e: NodeJS.ErrnoException) => onError(e));
  try {
    if (!out.write(CSV_HEADER)) await drain();
    bytes += CSV_HEADER.length;
    for (const chunk of sim.chunks(BLOCK_ROWS)) {
      if (broken) break;
      const n = formatRows(chunk, decimals, buf);
      // the stream keeps a reference until flushed, and buf is reused: hand it a copy
      if (!out.write(Buffer.from(buf.subarray(0, n)))) await drain();
      bytes += n;
    }
  } finally {
    out.off("error", onError);
  }
  return bytes;
}
