// Bursts: runs of spikes whose successive peaks are closer than a gap (default: the median inter-spike interval).
import type { Burst, Spike } from "../result.js";

/**
 * Default gap = median inter-spike interval: spikes closer than a typical spacing are grouped,
 * which splits clustered arrivals into their clusters and leaves Poisson arrivals as short runs.
 * With fewer than 3 spikes there is no distribution to speak of: 1 s.
 */
export function defaultBurstGap_s(spikes: Spike[]): number {
  if (spikes.length < 3) return 1;
  const isi = new Float64Array(spikes.length - 1);
  for (let k = 1; k < spikes.length; k++) isi[k - 1] = spikes[k]!.peak_s - spikes[k - 1]!.peak_s;
  isi.sort();
  const m = isi.length;
  const med = m & 1 ? isi[m >> 1]! : (isi[m / 2 - 1]! + isi[m / 2]!) / 2;
  return med > 0 ? med : 1;
}

/** Group time-ordered spikes into bursts; every spike belongs to exactly one burst (singletons too). */
export function groupBursts(spikes: Spike[], gap_s: number): Burst[] {
  const bursts: Burst[] = [];
  let cur: Burst | null = null;
  let lastPeak = -Infinity;
  for (const s of spikes) {
    if (cur && s.peak_s - lastPeak <= gap_s) {
      cur.end_s = Math.max(cur.end_s, s.end_s);
      cur.spikes++;
    } else {
      cur = { start_s: s.start_s, end_s: s.end_s, spikes: 1 };
      bursts.push(cur);
    }
    lastPeak = s.peak_s;
  }
  return bursts;
}
