// Kaplan-Meier survival across an archive (time to soft short / hard short; files that never got there are censored) and its SVG chart.
import { niceStep, timeUnit } from "../plot/axis.js";
import { escapeXml, fmt } from "../plot/escape.js";
import { FONT_STACK } from "../plot/palette.js";

/** One file: the time the event happened, or (event false) how long it was watched without it. */
export interface SurvivalSample {
  time_s: number;
  event: boolean;
}

export interface SurvivalStep {
  time_s: number;
  /** fraction still without the event just after time_s */
  survival: number;
  atRisk: number;
  events: number;
  censored: number;
}

/**
 * Kaplan-Meier product-limit estimate: at each distinct time, S *= 1 - events / at-risk.
 * Censoring at the same time as an event counts as after it (the usual convention).
 */
export function kaplanMeier(samples: SurvivalSample[]): SurvivalStep[] {
  const valid = samples.filter((s) => Number.isFinite(s.time_s));
  const times = [...new Set(valid.map((s) => s.time_s))].sort((a, b) => a - b);
  let atRisk = valid.length;
  let survival = 1;
  const steps: SurvivalStep[] = [];
  for (const t of times) {
    const here = valid.filter((s) => s.time_s === t);
    const events = here.filter((s) => s.event).length;
    const censored = here.length - events;
    if (atRisk > 0) survival *= 1 - events / atRisk;
    steps.push({ time_s: t, survival, atRisk, events, censored });
    atRisk -= here.length;
  }
  return steps;
}

export interface SurvivalCurve {
  /** what the curve counts, e.g. "soft short" */
  name: string;
  color: string;
  samples: SurvivalSample[];
}

/** Step curves with censoring ticks, one per event kind, on a shared time axis. */
export function renderSurvivalSvg(curves: SurvivalCurve[], title = "Survival without short"): string {
  const W = 480, H = 260, left = 48, right = 12, top = 30, bottom = 40;
  const pw = W - left - right, ph = H - top - bottom;
  const maxT = Math.max(1e-3, ...curves.flatMap((c) => c.samples.map((s) => s.time_s)).filter(Number.isFinite));
  const tu = timeUnit(maxT);
  const X = (t: number) => left + (t / maxT) * pw;
  const Y = (s: number) => top + (1 - s) * ph;
  const parts: string[] = [];
  parts.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#000" stroke-width="0.8"/>`);
  const step = niceStep(maxT / tu.factor, 5);
  for (let v = 0; v * step * tu.factor <= maxT * (1 + 1e-9); v++) {
    const t = v * step * tu.factor;
    parts.push(`<line x1="${fmt(X(t))}" x2="${fmt(X(t))}" y1="${top + ph}" y2="${top + ph + 3}" stroke="#000"/>`);
    parts.push(`<text x="${fmt(X(t))}" y="${top + ph + 14}" text-anchor="middle" font-size="10">${escapeXml(String(Number((v * step).toFixed(6))))}</text>`);
  }
  for (const s of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left - 3}" x2="${left}" y1="${fmt(Y(s))}" y2="${fmt(Y(s))}" stroke="#000"/>`);
    parts.push(`<text x="${left - 5}" y="${fmt(Y(s) + 3.5)}" text-anchor="end" font-size="10">${s.toFixed(2)}</text>`);
  }
  parts.push(`<text x="${left + pw / 2}" y="${H - 6}" text-anchor="middle" font-size="11">Time (${escapeXml(tu.unit)})</text>`);
  parts.push(`<text transform="translate(13 ${top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="11">Fraction without event</text>`);
  parts.push(`<text x="${left}" y="14" font-size="12" font-weight="600">${escapeXml(title)}</text>`);
  curves.forEach((c, k) => {
    const steps = kaplanMeier(c.samples);
    let d = `M${fmt(X(0))} ${fmt(Y(1))}`;
    let s = 1;
    const ticks: string[] = [];
    for (const st of steps) {
      d += `H${fmt(X(st.time_s))}`;
      if (st.survival !== s) d += `V${fmt(Y(st.survival))}`;
      s = st.survival;
      if (st.censored > 0) ticks.push(`M${fmt(X(st.time_s))} ${fmt(Y(s) - 4)}v8`);
    }
    const events = c.samples.filter((x) => x.event).length;
    parts.push(
      `<g class="km-curve" data-curve="${escapeXml(c.name)}" data-events="${events}" data-censored="${c.samples.length - events}">` +
      `<path d="${d}" fill="none" stroke="${c.color}" stroke-width="2"/>` +
      (ticks.length ? `<path class="censor" d="${ticks.join("")}" stroke="${c.color}" stroke-width="1.5"/>` : "") +
      `</g>`,
    );
    const lx = left + pw - 150, ly = top + 12 + k * 14;
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly - 3.5}" y2="${ly - 3.5}" stroke="${c.color}" stroke-width="2"/><text x="${lx + 22}" y="${ly}" font-size="10">${escapeXml(`${c.name} (${events}/${c.samples.length})`)}</text>`);
  });
  parts.push(`<text x="${left + pw - 150}" y="${top + 12 + curves.length * 14}" font-size="9" fill="#444">| = censored (file ended first)</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="survival" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="${FONT_STACK}" role="img"><title>${escapeXml(title)}</title>${parts.join("")}</svg>`;
}
