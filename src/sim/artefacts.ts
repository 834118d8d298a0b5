// Artefact rows of a synthetic trace (NaN, overflow sentinel, duplicate stamps), placed where they cannot hide an event.
import { Rng } from "./random.js";
import type { PlannedSpike } from "./spikes.js";
import type { SimSpec } from "./types.js";

export const ArtefactKind = { Missing: 1, Overflow: 2, Duplicate: 3 } as const;

export interface PlannedArtefacts {
  /** sorted slots and their ArtefactKind */
  slots: number[];
  kinds: number[];
  missing: number;
  overflow: number;
  duplicates: number;
}

/**
 * Geometric skips between artefact rows (one random draw per artefact, not per sample, so a 2 GB
 * trace costs nothing). Never inside a spike or next to it, in or next to a gap, within 2 slots of a
 * transition, or on a range change: an artefact must not erase the truth it is scored against.
 */
export function planArtefacts(spec: SimSpec, slots: number, spikes: readonly PlannedSpike[], gaps: readonly [number, number][], keepOut: readonly number[]): PlannedArtefacts {
  const out: PlannedArtefacts = { slots: [], kinds: [], missing: 0, overflow: 0, duplicates: 0 };
  const pMissing = spec.nanRate ?? 0;
  const pOverflow = spec.overflowRate ?? 0;
  const pAll = pMissing + pOverflow + (spec.duplicateRate ?? 0);
  if (pAll <= 0) return out;
  const art = new Rng(spec.seed, 3);
  const logq = Math.log(1 - Math.min(pAll, 0.5));
  const skip = () => Math.floor(Math.log(1 - art.uniform()) / logq) + 1;
  let si = 0;
  let gi = 0;
  for (let j = skip(); j < slots - 1; j += skip()) {
    const u = art.uniform() * pAll;
    while (si < spikes.length && spikes[si]!.renderEnd + 1 < j) si++;
    while (gi < gaps.length && gaps[gi]![1] < j) gi++;
    const s = spikes[si];
    if (s && j >= s.start - 1 && j <= s.renderEnd + 1) continue;
    const g = gaps[gi];
    if (g && j >= g[0] - 1 && j <= g[1] + 1) continue;
    if (keepOut.some((x) => Math.abs(x - j) <= 2)) continue;
    const kind = u < pMissing ? ArtefactKind.Missing : u < pMissing + pOverflow ? ArtefactKind.Overflow : ArtefactKind.Duplicate;
    out.slots.push(j);
    out.kinds.push(kind);
    if (kind === ArtefactKind.Missing) out.missing++;
    else if (kind === ArtefactKind.Overflow) out.overflow++;
    else out.duplicates++;
  }
  return out;
}
