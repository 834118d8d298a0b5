// The annotated trace figure: current vs time with noise band, threshold, spikes, phases, transitions and zoom insets.
import type { AnalysisResult, PhaseName, Spike } from "../../result.js";
import { currentAxis, formatTimeIn, logCurrentAxis, timeAxis, timeUnit, type Axis } from "./axis.js";
import { toColumns, type Columns, type EnvelopeSeries, type TraceEnvelope } from "./envelope.js";
import { localBaseline } from "./baseline.js";
import { escapeXml, fmt } from "./escape.js";
import {
  FONT_STACK, NOISE_COLOR, OKABE_ITO, PHASE_COLOR, PHASE_LABEL, SPIKE_COLOR, THRESHOLD_COLOR, TRACE_COLOR,
} from "./palette.js";

export interface TraceSvgOptions {
  /** |I| on a log axis instead of signed current on a linear one */
  log?: boolean;
  /** printed width in inches (default 3.4: one journal column) */
  width_in?: number;
  /** heading; default the result's file name */
  title?: string;
  /** small figure without axes, legend or labels (batch report rows) */
  thumbnail?: boolean;
  /** half-width of the noise band in sigma (default 3) */
  noiseBandSigma?: number;
  /** above this many spikes only the largest are marked, so the file stays small (default 5000; thumbnails 1000) */
  maxSpikeMarkers?: number;
}

interface Rect { x: number; y: number; w: number; h: number }

/** Maps data to the coordinates of one panel. */
interface Frame extends Rect {
  t: Axis;
  i: Axis;
  X(t_s: number): number;
  Y(i_A: number): number;
}

const VIEW_W = 340; // viewBox units per figure width: 100 per inch at the default width
const FONT = { tick: 9, label: 10, title: 10.5 };
const COLUMNS_PER_UNIT = 2.5; // envelope columns per viewBox unit: finer than print resolution at 3.4 in

function frame(r: Rect, t: Axis, i: Axis): Frame {
  const X = (t_s: number) => r.x + ((t_s - t.lo) / (t.hi - t.lo || 1)) * r.w;
  const Y = i.log
    ? (v: number) => {
      const a = Math.log10(Math.max(Math.abs(v), i.lo));
      const f = (a - Math.log10(i.lo)) / (Math.log10(i.hi) - Math.log10(i.lo));
      return clamp(r.y + r.h - f * r.h, r.y, r.y + r.h);
    }
    : (v: number) => clamp(r.y + r.h - ((v - i.lo) / (i.hi - i.lo)) * r.h, r.y, r.y + r.h);
  return { ...r, t, i, X, Y };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Level a spike reaches on the plot: baseline plus its excess in the leakage direction. */
function spikeLevel(r: AnalysisResult, s: Spike): number {
  return r.noise.baseline_A + r.polarity * s.peak_A;
}

/** Extent of the envelope, the band and the threshold over a time window, for choosing the current axis. */
function currentRange(r: AnalysisResult, s: EnvelopeSeries, from_s: number, to_s: number, log: boolean, bandSigma: number): { lo: number; hi: number } {
  const cols = toColumns(s, from_s, to_s, 512);
  let lo = Infinity, hi = -Infinity, absLo = Infinity, absHi = 0;
  for (let c = 0; c < cols.filled.length; c++) {
    if (!cols.filled[c]) continue;
    const mn = cols.min_A[c]!, mx = cols.max_A[c]!;
    lo = Math.min(lo, mn);
    hi = Math.max(hi, mx);
    absHi = Math.max(absHi, Math.abs(mn), Math.abs(mx));
    const aLo = mn <= 0 && mx >= 0 ? Math.max(Math.abs(mn), Math.abs(mx)) : Math.min(Math.abs(mn), Math.abs(mx));
    if (aLo > 0) absLo = Math.min(absLo, aLo);
  }
  const { sigma_A, baseline_A, threshold_A } = r.noise;
  if (log) {
    // the noise floor sets the bottom: decades of noise below it would only be black ink
    if (sigma_A > 0) absLo = sigma_A * 0.5;
    else if (!Number.isFinite(absLo)) absLo = absHi > 0 ? absHi / 100 : 1e-12;
    else absLo = Math.max(absLo, absHi * 1e-6);
    return { lo: absLo, hi: Math.max(absHi, absLo * 10) };
  }
  if (sigma_A > 0) {
    lo = Math.min(lo, baseline_A - bandSigma * sigma_A, baseline_A + r.polarity * threshold_A);
    hi = Math.max(hi, baseline_A + bandSigma * sigma_A, baseline_A + r.polarity * threshold_A);
  }
  if (!Number.isFinite(lo)) { lo = -1e-9; hi = 1e-9; }
  // more room below than above: phase names sit along the bottom of the plot
  const span = hi - lo;
  return { lo: lo - span * 0.12, hi: hi + span * 0.04 };
}

/** What one panel draws from: the envelope in plot columns and the local baseline under it. */
interface PanelData {
  cols: Columns;
  base: Float64Array;
  /** columns per panel width */
  n: number;
}

function panelData(f: Frame, s: EnvelopeSeries, r: AnalysisResult, n: number): PanelData {
  const cols = toColumns(s, f.t.lo, f.t.hi, n);
  const hard = r.phases.filter((p) => p.phase === "hard-short");
  const colTime = (c: number) => f.t.lo + ((c + 0.5) / n) * (f.t.hi - f.t.lo);
  const inHardShort = (c: number) => hard.some((p) => colTime(c) >= p.start_s && colTime(c) <= p.end_s);
  return { cols, base: localBaseline(cols, Math.max(4, Math.round(n / 100)), inHardShort), n };
}

const colX = (f: Frame, d: PanelData, c: number) => fmt(f.x + ((c + 0.5) / d.n) * f.w);

/** Filled min/max envelope as paths; breaks only at real dropouts (gaps longer than a few samples). */
function tracePath(f: Frame, d: PanelData, r: AnalysisResult): string {
  const { cols, n } = d;
  const colWidth_s = (f.t.hi - f.t.lo) / n;
  const dt = r.sampleRate_hz > 0 ? 1 / r.sampleRate_hz : colWidth_s;
  const maxGap = Math.max(2, Math.ceil((5 * dt) / colWidth_s));
  const runs: string[] = [];
  let top: string[] = [];
  let bottom: string[] = [];
  let last = -Infinity;
  const flush = () => {
    if (top.length === 0) return;
    runs.push(`M${top.join(" ")} ${bottom.reverse().join(" ")}Z`);
    top = [];
    bottom = [];
  };
  for (let c = 0; c < n; c++) {
    if (!cols.filled[c]) continue;
    if (c - last > maxGap) flush();
    last = c;
    const x = colX(f, d, c);
    const mn = cols.min_A[c]!, mx = cols.max_A[c]!;
    let yTop: number, yBottom: number;
    if (f.i.log) {
      const aHi = Math.max(Math.abs(mn), Math.abs(mx));
      const aLo = mn <= 0 && mx >= 0 ? f.i.lo : Math.min(Math.abs(mn), Math.abs(mx));
      yTop = f.Y(aHi);
      yBottom = f.Y(aLo);
    } else {
      yTop = f.Y(mx);
      yBottom = f.Y(mn);
    }
    top.push(`${x} ${fmt(yTop)}`);
    bottom.push(`${x} ${fmt(yBottom)}`);
  }
  flush();
  return `<path d="${runs.join("")}" fill="${TRACE_COLOR}" stroke="${TRACE_COLOR}" stroke-width="0.5" stroke-linejoin="round"/>`;
}

function phaseShading(f: Frame, r: AnalysisResult, cls: string): string {
  const out: string[] = [];
  for (const p of r.phases) {
    const x0 = clamp(f.X(p.start_s), f.x, f.x + f.w);
    const x1 = clamp(f.X(p.end_s), f.x, f.x + f.w);
    if (x1 <= x0 && cls !== "phase") continue; // insets show only what they cover; the main plot keeps one per phase
    const name = PHASE_LABEL[p.phase] ?? String(p.phase);
    const tip = `${name}: ${fmt(p.start_s)}-${fmt(p.end_s)} s`;
    out.push(
      `<g class="${cls}" data-phase="${escapeXml(p.phase)}" data-start-s="${p.start_s}" data-end-s="${p.end_s}">` +
      `<title>${escapeXml(tip)}</title>` +
      `<rect x="${fmt(x0)}" y="${fmt(f.y)}" width="${fmt(Math.max(0, x1 - x0))}" height="${fmt(f.h)}" fill="${PHASE_COLOR[p.phase as PhaseName] ?? "#999"}" fill-opacity="0.18"/></g>`,
    );
  }
  return out.join("");
}

/** Phase names along the bottom where they fit, drawn over the trace with a white halo. */
function phaseLabels(f: Frame, r: AnalysisResult): string {
  const out: string[] = [];
  for (const p of r.phases) {
    const x0 = clamp(f.X(p.start_s), f.x, f.x + f.w);
    const x1 = clamp(f.X(p.end_s), f.x, f.x + f.w);
    const name = PHASE_LABEL[p.phase] ?? String(p.phase);
    if (x1 - x0 <= name.length * FONT.tick * 0.55 + 4) continue;
    out.push(`<text class="phase-label" x="${fmt((x0 + x1) / 2)}" y="${fmt(f.y + f.h - 4)}" text-anchor="middle" font-size="${FONT.tick}" fill="#222" stroke="#fff" stroke-width="2.5" stroke-opacity="0.85" paint-order="stroke">${escapeXml(name)}</text>`);
  }
  return out.join("");
}

/**
 * Noise band (local baseline ± bandSigma sigma) and threshold (local baseline + k sigma in the leakage
 * direction), following the baseline the way the detector's running baseline does; left out during
 * the hard short, where there is no floor to show.
 */
function noiseAndThreshold(f: Frame, d: PanelData, r: AnalysisResult, bandSigma: number): string {
  const { sigma_A, threshold_A } = r.noise;
  if (!(sigma_A > 0)) return "";
  const bands: string[] = [];
  const lines: string[] = [];
  let upper: string[] = [], lower: string[] = [], thr: string[] = [];
  const flush = () => {
    if (upper.length) {
      bands.push(`M${upper.join(" ")} ${lower.reverse().join(" ")}Z`);
      lines.push(`M${thr.join(" ")}`);
    }
    upper = []; lower = []; thr = [];
  };
  for (let c = 0; c < d.n; c++) {
    const b = d.base[c]!;
    if (Number.isNaN(b)) {
      // an empty column inside a run (sparse data) does not break it; the hard short and dropouts do
      if (d.cols.filled[c]) flush();
      continue;
    }
    const x = colX(f, d, c);
    const hi = f.i.log ? Math.abs(b) + bandSigma * sigma_A : b + bandSigma * sigma_A;
    const lo = f.i.log ? Math.max(f.i.lo, Math.abs(b) - bandSigma * sigma_A) : b - bandSigma * sigma_A;
    const yHi = f.Y(hi), yLo = f.Y(lo);
    // keep the band visible when the axis spans hundreds of nA
    const mid = (yHi + yLo) / 2, half = Math.max(0.3, Math.abs(yLo - yHi) / 2);
    upper.push(`${x} ${fmt(mid - half)}`);
    lower.push(`${x} ${fmt(mid + half)}`);
    thr.push(`${x} ${fmt(f.Y(b + r.polarity * threshold_A))}`);
  }
  flush();
  if (!bands.length) return "";
  return (
    `<path class="noise-band" d="${bands.join("")}" fill="${NOISE_COLOR}" fill-opacity="0.25"/>` +
    (threshold_A > 0
      ? `<path class="threshold" d="${lines.join("")}" fill="none" stroke="${THRESHOLD_COLOR}" stroke-width="0.8" stroke-dasharray="3 2"/>`
      : "")
  );
}

/**
 * One marker per spike, just beyond the trace at its peak's column (above for positive leakage,
 * below for negative), pointing at it; the numbers ride along as data-* attributes.
 */
function spikeMarkers(f: Frame, d: PanelData, r: AnalysisResult, spikes: Spike[], cls: string, size: number): string {
  const out: string[] = [];
  const below = !f.i.log && r.polarity < 0;
  const h = size * 1.6;
  for (const s of spikes) {
    if (s.peak_s < f.t.lo || s.peak_s > f.t.hi) continue;
    const x = f.X(s.peak_s);
    const c = Math.min(d.n - 1, Math.max(0, Math.floor(((s.peak_s - f.t.lo) / (f.t.hi - f.t.lo)) * d.n)));
    let level = spikeLevel(r, s);
    if (d.cols.filled[c]) {
      const mn = d.cols.min_A[c]!, mx = d.cols.max_A[c]!;
      level = f.i.log ? Math.max(Math.abs(mn), Math.abs(mx)) : below ? mn : mx;
    }
    const y = below ? Math.min(f.y + f.h - h, f.Y(level) + 1) : Math.max(f.y + h, f.Y(level) - 1);
    out.push(
      `<path class="${cls}" d="M${fmt(x)} ${fmt(y)}l${fmt(-size)} ${fmt(below ? h : -h)}h${fmt(2 * size)}z" data-peak-s="${s.peak_s}" data-peak-a="${s.peak_A}"/>`,
    );
  }
  return `<g fill="${SPIKE_COLOR}" stroke="#000" stroke-width="0.25">${out.join("")}</g>`;
}

function transitionMarkers(f: Frame, r: AnalysisResult, labels: boolean, cls = "transition"): string {
  const tu = timeUnit(r.duration_s);
  const items: [string, string, number | null][] = [
    ["softShortOnset", "onset", r.transitions.softShortOnset_s],
    ["hardShort", "hard", r.transitions.hardShort_s],
    ["fuse", "fuse", r.transitions.fuse_s],
  ];
  const out: string[] = [];
  const rowEnd: number[] = [];
  for (const [key, word, t] of items) {
    if (t === null || !Number.isFinite(t)) continue;
    const x = f.X(t);
    let label = "";
    if (labels) {
      const text = `${word} ${formatTimeIn(t, tu)}`;
      const w = text.length * FONT.tick * 0.52;
      const right = x + 2 + w <= f.x + f.w;
      const gap = 4;
      const x0 = right ? x + 2 : x - 2 - w;
      // stack labels that would overlap (a fuse often follows the hard short within seconds)
      let row = rowEnd.findIndex((end) => end + gap < x0);
      if (row < 0) { row = rowEnd.length; rowEnd.push(0); }
      rowEnd[row] = x0 + w;
      label = `<text x="${fmt(right ? x + 2 : x - 2)}" y="${fmt(f.y + FONT.tick + 1 + row * (FONT.tick + 2))}" text-anchor="${right ? "start" : "end"}" font-size="${FONT.tick}" stroke="#fff" stroke-width="2.5" paint-order="stroke">${escapeXml(text)}</text>`;
    }
    out.push(
      `<g class="${cls}" data-transition="${key}" data-time-s="${t}"><line x1="${fmt(x)}" x2="${fmt(x)}" y1="${fmt(f.y)}" y2="${fmt(f.y + f.h)}" stroke="#000" stroke-width="0.7" stroke-dasharray="2 1.5"/>${label}</g>`,
    );
  }
  return out.join("");
}

function axes(f: Frame, fontSize: number, titles: boolean): string {
  const out: string[] = [`<rect x="${fmt(f.x)}" y="${fmt(f.y)}" width="${fmt(f.w)}" height="${fmt(f.h)}" fill="none" stroke="#000" stroke-width="0.6"/>`];
  for (const tk of f.t.ticks) {
    const x = fmt(f.X(tk.value));
    out.push(`<line x1="${x}" x2="${x}" y1="${fmt(f.y + f.h)}" y2="${fmt(f.y + f.h + 2.5)}" stroke="#000" stroke-width="0.6"/>`);
    out.push(`<text x="${x}" y="${fmt(f.y + f.h + 3 + fontSize)}" text-anchor="middle" font-size="${fontSize}">${escapeXml(tk.label)}</text>`);
  }
  for (const tk of f.i.ticks) {
    const y = fmt(f.Y(tk.value));
    out.push(`<line x1="${fmt(f.x - 2.5)}" x2="${fmt(f.x)}" y1="${y}" y2="${y}" stroke="#000" stroke-width="0.6"/>`);
    out.push(`<text x="${fmt(f.x - 4)}" y="${fmt(f.Y(tk.value) + fontSize * 0.35)}" text-anchor="end" font-size="${fontSize}">${escapeXml(tk.label)}</text>`);
  }
  if (titles) {
    const yTitle = f.i.log ? "|Current|" : `Current (${f.i.unit})`;
    out.push(`<text x="${fmt(f.x + f.w / 2)}" y="${fmt(f.y + f.h + 5 + fontSize * 2)}" text-anchor="middle" font-size="${FONT.label}">Time (${escapeXml(f.t.unit)})</text>`);
    out.push(`<text transform="translate(${fmt(f.x - (f.i.log ? 39 : 34))} ${fmt(f.y + f.h / 2)}) rotate(-90)" text-anchor="middle" font-size="${FONT.label}">${escapeXml(yTitle)}</text>`);
  }
  return out.join("");
}

/** Legend items laid out left to right, wrapping; returns the markup and the height used. */
function legend(x: number, y: number, width: number, r: AnalysisResult, bandSigma: number, log: boolean): { svg: string; height: number } {
  const items: { swatch: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const p of r.phases) {
    if (seen.has(p.phase)) continue;
    seen.add(p.phase);
    items.push({ swatch: `<rect width="9" height="7" y="-6.5" fill="${PHASE_COLOR[p.phase] ?? "#999"}" fill-opacity="0.35" stroke="${PHASE_COLOR[p.phase] ?? "#999"}" stroke-width="0.5"/>`, text: PHASE_LABEL[p.phase] ?? p.phase });
  }
  if (r.noise.sigma_A > 0) {
    items.push({ swatch: `<rect width="9" height="7" y="-6.5" fill="${NOISE_COLOR}" fill-opacity="0.25"/>`, text: `noise ±${bandSigma}σ` });
    if (r.noise.threshold_A > 0) items.push({ swatch: `<line x1="0" x2="9" y1="-3" y2="-3" stroke="${THRESHOLD_COLOR}" stroke-width="0.8" stroke-dasharray="3 2"/>`, text: "threshold" });
  }
  const up = r.polarity < 0 && !log; // negative leakage: markers sit below the spikes and point up
  if (r.spikes.length > 0) items.push({ swatch: `<path d="${up ? "M4.5 -5l-2.5 4h5z" : "M4.5 -1l-2.5 -4h5z"}" fill="${SPIKE_COLOR}" stroke="#000" stroke-width="0.25"/>`, text: "spike" });
  const out: string[] = [];
  let cx = 0, row = 0;
  const rowH = FONT.tick + 3;
  for (const it of items) {
    const w = 12 + it.text.length * FONT.tick * 0.52 + 8;
    if (cx > 0 && cx + w > width) { cx = 0; row++; }
    out.push(`<g transform="translate(${fmt(x + cx)} ${fmt(y + row * rowH + FONT.tick)})">${it.swatch}<text x="12" font-size="${FONT.tick}">${escapeXml(it.text)}</text></g>`);
    cx += w;
  }
  return { svg: `<g class="legend">${out.join("")}</g>`, height: items.length ? (row + 1) * rowH : 0 };
}

/** Keep a title inside `width`: cut from the middle so both the folder and the file name show. */
function fitText(text: string, width: number, fontSize: number): string {
  const max = Math.max(8, Math.floor(width / (fontSize * 0.55)));
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (max - 1 - head)).join("")}`;
}

/** The spikes that get a marker: all of them, or the largest `cap` (in time order). */
function markedSpikes(spikes: Spike[], cap: number): Spike[] {
  if (spikes.length <= cap) return spikes;
  return [...spikes].sort((a, b) => b.peak_A - a.peak_A).slice(0, cap).sort((a, b) => a.peak_s - b.peak_s);
}

/** The whole figure as a self-contained SVG document (no external fonts, scripts or images). */
export function renderTraceSvg(result: AnalysisResult, envelope: TraceEnvelope, options: TraceSvgOptions = {}): string {
  const log = options.log ?? false;
  const bandSigma = options.noiseBandSigma ?? 3;
  const thumb = options.thumbnail ?? false;
  // a thumbnail is one of hundreds on a page: fewer markers keep the page light
  const marked = markedSpikes(result.spikes, Math.max(0, options.maxSpikeMarkers ?? (thumb ? 1000 : 5000)));
  const end_s = result.duration_s > 0 ? result.duration_s : envelope.main.start_s + envelope.main.binWidth_s * envelope.main.count.length;
  const title = options.title ?? result.file;
  const rootData = `data-verdict="${escapeXml(result.verdict)}" data-spike-count="${result.spikes.length}" data-spike-markers="${marked.length}"`;

  if (thumb) {
    const W = 240, H = 64;
    const rr = currentRange(result, envelope.main, 0, end_s, log, bandSigma);
    const f = frame({ x: 1, y: 1, w: W - 2, h: H - 2 }, timeAxis(0, end_s), log ? logCurrentAxis(rr.lo, rr.hi) : currentAxis(rr.lo, rr.hi));
    const d = panelData(f, envelope.main, result, Math.round(f.w * 1.5));
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" class="softshort-trace thumbnail" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" ${rootData}>` +
      `<title>${escapeXml(`${title}: ${result.verdict}`)}</title>` +
      `<rect width="${W}" height="${H}" fill="#fff"/>` +
      phaseShading(f, result, "phase") +
      noiseAndThreshold(f, d, result, bandSigma) +
      tracePath(f, d, result) +
      transitionMarkers(f, result, false) +
      spikeMarkers(f, d, result, marked, "spike-marker", 1.6) +
      `<rect x="0.5" y="0.5" width="${W - 1}" height="${H - 1}" fill="none" stroke="#888" stroke-width="0.5"/>` +
      `</svg>`
    );
  }

  const W = VIEW_W;
  const left = 46, right = 8;
  const plotW = W - left - right;
  const parts: string[] = [];
  let y = 4;
  // heading: the file (escaped, shortened) and the verdict
  const verdictText = `verdict: ${result.verdict}`;
  const titleW = plotW + left - 8 - verdictText.length * FONT.title * 0.55;
  parts.push(`<text class="title" x="4" y="${fmt(y + FONT.title)}" font-size="${FONT.title}" font-weight="600">${escapeXml(fitText(title, titleW, FONT.title))}</text>`);
  parts.push(`<text class="verdict" x="${W - 4}" y="${fmt(y + FONT.title)}" text-anchor="end" font-size="${FONT.title}">${escapeXml(verdictText)}</text>`);
  y += FONT.title + 5;
  const leg = legend(left, y, plotW, result, bandSigma, log);
  parts.push(leg.svg);
  y += leg.height + 4;

  const rr = currentRange(result, envelope.main, 0, end_s, log, bandSigma);
  // headroom for the transition labels, so they never sit on the trace (largest spikes, hard short)
  const hasTransitions = Object.values(result.transitions).some((t) => t !== null);
  if (hasTransitions) rr.hi = log ? rr.hi * (rr.hi / rr.lo) ** 0.2 : rr.hi + (rr.hi - rr.lo) * 0.2;
  const main = frame({ x: left, y, w: plotW, h: 150 }, timeAxis(0, end_s), log ? logCurrentAxis(rr.lo, rr.hi) : currentAxis(rr.lo, rr.hi));
  parts.push(`<g class="main-panel">`);
  parts.push(phaseShading(main, result, "phase"));
  const mainData = panelData(main, envelope.main, result, Math.round(main.w * COLUMNS_PER_UNIT));
  parts.push(noiseAndThreshold(main, mainData, result, bandSigma));
  parts.push(tracePath(main, mainData, result));
  parts.push(phaseLabels(main, result));
  parts.push(transitionMarkers(main, result, true));
  parts.push(spikeMarkers(main, mainData, result, marked, "spike-marker", 2));
  if (marked.length < result.spikes.length) {
    parts.push(`<text class="note" x="${fmt(main.x + main.w - 2)}" y="${fmt(main.y + main.h - 3)}" text-anchor="end" font-size="${FONT.tick}">${result.spikes.length} spikes; largest ${marked.length} marked</text>`);
  }

  // zoom windows: a lettered box on the main plot, an inset panel below
  const insets: string[] = [];
  const zooms = envelope.zooms;
  const perRow = zooms.length > 1 ? 2 : 1;
  const insetGap = 12;
  const insetW = (plotW - (perRow - 1) * (insetGap + 40)) / perRow;
  const insetH = 70;
  const insetTop = main.y + main.h + 40;
  zooms.forEach((z, k) => {
    const letter = String.fromCharCode(97 + (k % 26));
    const zr = currentRange(result, z, z.from_s, z.to_s, log, bandSigma);
    const zi = log ? logCurrentAxis(zr.lo, zr.hi) : currentAxis(zr.lo, zr.hi, 3);
    const bx0 = main.X(z.from_s), bx1 = main.X(z.to_s);
    const by0 = main.Y(zi.hi), by1 = main.Y(zi.lo);
    parts.push(
      `<g class="zoom-box" data-zoom="${letter}"><rect x="${fmt(bx0)}" y="${fmt(Math.min(by0, by1))}" width="${fmt(Math.max(0.8, bx1 - bx0))}" height="${fmt(Math.max(0.8, Math.abs(by1 - by0)))}" fill="none" stroke="${OKABE_ITO.blue}" stroke-width="0.8"/>` +
      `<text x="${fmt(bx0)}" y="${fmt(Math.max(main.y + FONT.tick, Math.min(by0, by1) - 1.5))}" font-size="${FONT.tick}" font-weight="600" fill="${OKABE_ITO.blue}">${letter}</text></g>`,
    );
    const col = k % perRow;
    const row = Math.floor(k / perRow);
    const rect = { x: left + col * (insetW + insetGap + 40), y: insetTop + row * (insetH + 44), w: insetW, h: insetH };
    const f = frame(rect, timeAxis(z.from_s, z.to_s, 3), zi);
    const tu = timeUnit(z.to_s - z.from_s);
    const zd = panelData(f, z, result, Math.round(f.w * COLUMNS_PER_UNIT));
    insets.push(
      `<g class="inset" data-zoom="${letter}" data-from-s="${z.from_s}" data-to-s="${z.to_s}">` +
      `<text x="${fmt(rect.x)}" y="${fmt(rect.y - 3)}" font-size="${FONT.tick}" font-weight="600">(${letter}) ${escapeXml(formatTimeIn(z.from_s, tu))} – ${escapeXml(formatTimeIn(z.to_s, tu))}</text>` +
      `<svg x="${fmt(rect.x)}" y="${fmt(rect.y)}" width="${fmt(rect.w)}" height="${fmt(rect.h)}" viewBox="${fmt(rect.x)} ${fmt(rect.y)} ${fmt(rect.w)} ${fmt(rect.h)}" overflow="hidden">` +
      phaseShading(f, result, "phase-inset") +
      noiseAndThreshold(f, zd, result, bandSigma) +
      tracePath(f, zd, result) +
      transitionMarkers(f, result, false, "transition-inset") +
      spikeMarkers(f, zd, result, marked, "spike-marker-inset", 1.8) +
      `</svg>` +
      axes(f, FONT.tick - 1, false) +
      `<text x="${fmt(rect.x + rect.w / 2)}" y="${fmt(rect.y + rect.h + 4 + FONT.tick * 2)}" text-anchor="middle" font-size="${FONT.tick}">Time (${escapeXml(f.t.unit)})${log ? "" : `, current (${escapeXml(f.i.unit)})`}</text>` +
      `</g>`,
    );
  });
  parts.push(`</g>`);
  parts.push(axes(main, FONT.tick, true));
  const rows = Math.ceil(zooms.length / perRow);
  const H = zooms.length ? insetTop + rows * (insetH + 44) - 8 : main.y + main.h + 36;

  const desc = `${result.spikes.length} spikes; verdict ${result.verdict}; ${result.phases.map((p) => `${p.phase} ${fmt(p.start_s)}-${fmt(p.end_s)} s`).join(", ")}`;
  const widthIn = options.width_in ?? 3.4;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" class="softshort-trace" viewBox="0 0 ${W} ${fmt(H)}" width="${widthIn}in" height="${Math.round(((widthIn * H) / W) * 1000) / 1000}in" ` +
    `font-family="${FONT_STACK}" role="img" ${rootData}>\n` +
    `<title>${escapeXml(title)}</title><desc>${escapeXml(desc)}</desc>\n` +
    `<rect width="${W}" height="${fmt(H)}" fill="#fff"/>\n` +
    parts.join("\n") + "\n" + insets.join("\n") +
    `\n</svg>\n`
  );
}
