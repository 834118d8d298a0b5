// The baseline a plot draws the noise band and threshold around: a running median of column means, like the detector's local baseline.
import type { Columns } from "./envelope.js";

/**
 * Median of the column means within ±halfWindow columns, over columns that have samples and are not
 * excluded (the hard short must not drag the floor up). NaN where nothing qualifies. The median
 * ignores the few columns a spike raises, so the band follows level steps and drift, not spikes.
 */
export function localBaseline(cols: Columns, halfWindow: number, excluded: (column: number) => boolean): Float64Array {
  const n = cols.filled.length;
  const usable = new Uint8Array(n);
  for (let c = 0; c < n; c++) usable[c] = cols.filled[c] && !excluded(c) ? 1 : 0;
  const out = new Float64Array(n).fill(NaN);
  const window: number[] = [];
  for (let c = 0; c < n; c++) {
    if (!usable[c]) continue;
    window.length = 0;
    for (let k = Math.max(0, c - halfWindow); k <= Math.min(n - 1, c + halfWindow); k++) if (usable[k]) window.push(cols.mean_A[k]!);
    window.sort((a, b) => a - b);
    const m = window.length >> 1;
    out[c] = window.length % 2 ? window[m]! : (window[m - 1]! + window[m]!) / 2;
  }
  return out;
}
