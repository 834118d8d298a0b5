// Phases and verdict from the transition times: contiguous, covering [0, duration], furthest stage wins.
import type { Phase, Transitions, Verdict } from "../result.js";

export function phasesOf(tr: Transitions, duration_s: number): { phases: Phase[]; verdict: Verdict } {
  const marks: Array<[Phase["phase"], number | null]> = [
    ["quiescent", 0],
    ["soft-short", tr.softShortOnset_s],
    ["hard-short", tr.hardShort_s],
    ["open", tr.fuse_s],
  ];
  const phases: Phase[] = [];
  let verdict: Verdict = "stable";
  const verdictOf: Record<Phase["phase"], Verdict> = { quiescent: "stable", "soft-short": "soft-short", "hard-short": "hard-short", open: "fuse" };
  const present = marks.filter(([, t]) => t !== null) as Array<[Phase["phase"], number]>;
  for (let k = 0; k < present.length; k++) {
    const [phase, start] = present[k]!;
    const end = k + 1 < present.length ? present[k + 1]![1] : duration_s;
    verdict = verdictOf[phase];
    // a zero-length phase (an onset that coincides with the hard short) still sets the verdict
    if (end > start || (k + 1 === present.length && phases.length === 0)) phases.push({ phase, start_s: start, end_s: end });
  }
  if (phases.length === 0) phases.push({ phase: "quiescent", start_s: 0, end_s: duration_s });
  // contiguity: the first phase starts at 0 even when a transition sits at t=0
  phases[0]!.start_s = 0;
  return { phases, verdict };
}
