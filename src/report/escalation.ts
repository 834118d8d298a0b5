// Text lines for result.escalation under the soft-short row of the timeline (human units, one finding per line).
import type { Escalation, PhaseEscalation } from "../detect/escalation.js";
import type { AnalysisResult } from "../result.js";
import { formatCharge, formatDuration, formatNumber, timeDecimals } from "./units.js";

/** "p = 0.041", "p < 0.001" */
export function formatP(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

function rateText(x: number): string {
  return `${formatNumber(x, 3)} /s`;
}

function fanoWord(fano: number, constant: boolean): string {
  if (constant) return "Poisson-like";
  return fano > 1 ? "clustered" : "more regular than Poisson";
}

function phaseLines(e: PhaseEscalation, sec: (t: number) => string, many: boolean): string[] {
  const lines: string[] = [];
  if (many) lines.push(`soft short ${sec(e.start_s)} - ${sec(e.end_s)} s:`);
  const r = e.rate;
  if (r) {
    let line = `spike rate ${rateText(r.rate_hz)} (95% CI ${formatNumber(r.ci95_hz[0], 3)}-${rateText(r.ci95_hz[1])})`;
    if (r.dispersion && r.fano !== null) {
      const verdict = r.dispersion.constant ? "constant" : "not constant";
      line += `, ${verdict} over ${r.windows.length} windows of ${formatDuration(r.window_s)} ` +
        `(dispersion ${formatP(r.dispersion.p_value)}; Fano ${formatNumber(r.fano)}, ${fanoWord(r.fano, r.dispersion.constant)})`;
    } else {
      line += ", too few spikes to test constancy";
    }
    lines.push(line);
  }
  const a = e.amplitude;
  if (a) {
    const ci = `${formatNumber(a.ci95_per_s[0], 2)} to ${formatNumber(a.ci95_per_s[1], 2)} /s`;
    const rank = a.spearman ? `Spearman rho ${formatNumber(a.spearman.rho)}, ${formatP(a.spearman.p_value)}` : "all amplitudes equal";
    const what = a.trend === "growing"
      ? `amplitude grows x${formatNumber(a.factor_per_s, 3)} /s (doubling every ${formatDuration(a.doubling_s!)})`
      : a.trend === "shrinking"
        ? `amplitude shrinks x${formatNumber(a.factor_per_s, 3)} /s (halving every ${formatDuration(-a.doubling_s!)})`
        : "no significant amplitude trend";
    lines.push(`${what}; slope of ln(amplitude) ${formatNumber(a.slope_per_s, 2)} /s (95% CI ${ci}), ${rank}`);
  }
  const cs = e.chargePerSpike_C;
  if (cs) {
    let line = `charge per spike ${formatCharge(cs.median)} median (IQR ${formatCharge(cs.q1)} - ${formatCharge(cs.q3)})`;
    const cb = e.chargePerBurst_C;
    if (cb) line += `; per burst ${formatCharge(cb.median)} (IQR ${formatCharge(cb.q1)} - ${formatCharge(cb.q3)})`;
    lines.push(line);
  }
  const iv = e.intervals;
  if (iv) lines.push(`inter-spike intervals mean ${formatDuration(iv.mean_s)}, median ${formatDuration(iv.median_s)}, CV ${formatNumber(iv.cv)}`);
  const cp = e.changePoint;
  if (cp?.significant) {
    lines.push(`rate change at ${sec(cp.time_s)} s: ${rateText(cp.rateBefore_hz)} -> ${rateText(cp.rateAfter_hz)} (${formatP(cp.p_value)}, ${cp.replicates} constant-rate simulations)`);
  }
  for (const s of e.stretches) {
    lines.push(`${s.kind} ${sec(s.start_s)} - ${sec(s.end_s)} s: ${rateText(s.rate_hz)} (${formatNumber(s.ratio)}x the phase rate, ${formatP(s.p_value)})`);
  }
  return lines;
}

export function formatEscalation(result: AnalysisResult): string[] {
  const esc = result["escalation"] as Escalation | undefined;
  if (!esc) return [];
  const dec = timeDecimals(result.duration_s);
  const sec = (t: number): string => t.toFixed(dec);
  const lines = esc.phases.flatMap((p) => phaseLines(p, sec, esc.phases.length > 1));
  const c = esc.cumulativeNonFaradaic;
  if (c && esc.phases.length > 0) {
    const until = c.reachedHardShort ? "the hard short" : "the end of the trace";
    const how = c.source === "trace" ? "" : " (sum of spike charges)";
    lines.push(`non-Faradaic charge from onset to ${until}: ${formatCharge(c.charge_C)}${how}`);
  }
  return lines;
}
