// Contract rules a JSON Schema cannot state (issue 2): phases contiguous and covering the trace, verdict = furthest stage.
import { VERDICT_ORDER, type AnalysisResult, type Verdict } from "../../src/result.js";

/** Every broken rule, in words; [] when the result keeps the contract. */
export function contractViolations(r: AnalysisResult): string[] {
  const out: string[] = [];
  const eps = 1e-9 * Math.max(1, r.duration_s);
  if (r.phases.length === 0) out.push("no phases");
  else {
    if (Math.abs(r.phases[0]!.start_s) > eps) out.push(`first phase starts at ${r.phases[0]!.start_s}, not 0`);
    const last = r.phases[r.phases.length - 1]!;
    if (Math.abs(last.end_s - r.duration_s) > eps) out.push(`last phase ends at ${last.end_s}, not ${r.duration_s}`);
    r.phases.forEach((p, k) => {
      if (p.end_s < p.start_s) out.push(`phase ${k} ends before it starts`);
      const next = r.phases[k + 1];
      if (next && Math.abs(next.start_s - p.end_s) > eps) out.push(`gap or overlap between phases ${k} and ${k + 1}`);
    });
  }
  const reached: Verdict =
    r.transitions.fuse_s !== null ? "fuse"
    : r.transitions.hardShort_s !== null ? "hard-short"
    : r.transitions.softShortOnset_s !== null ? "soft-short"
    : "stable";
  if (r.verdict !== reached) out.push(`verdict ${r.verdict} but transitions reach ${reached}`);
  const t = r.transitions;
  const ordered = [t.softShortOnset_s, t.hardShort_s, t.fuse_s].filter((x): x is number => x !== null);
  if (ordered.some((x, k) => k > 0 && x < ordered[k - 1]!)) out.push("transitions out of order");
  if (VERDICT_ORDER.indexOf(r.verdict) >= VERDICT_ORDER.indexOf("hard-short") && r.hardShort === null) out.push("hard short without hardShort block");
  if (r.verdict === "fuse" && r.fuse === null) out.push("fuse verdict without fuse block");
  for (const s of r.spikes) {
    if (!(s.start_s <= s.peak_s && s.peak_s <= s.end_s)) out.push(`spike at ${s.peak_s}: start <= peak <= end broken`);
    if (t.hardShort_s !== null && s.peak_s > t.hardShort_s) out.push(`spike at ${s.peak_s} after the hard short`);
  }
  r.spikes.forEach((s, k) => { if (k > 0 && s.peak_s < r.spikes[k - 1]!.peak_s) out.push(`spike ${k} out of time order`); });
  const inBursts = r.bursts.reduce((n, b) => n + b.spikes, 0);
  if (inBursts > r.spikes.length) out.push(`bursts hold ${inBursts} spikes but only ${r.spikes.length} were found`);
  return out;
}
