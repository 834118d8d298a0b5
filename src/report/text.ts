// The human text timeline of one analysis: result object in, lines out (knows nothing of files or parsing).
import type { ChalkInstance } from "chalk";
import type { AnalysisResult, Phase, Spike } from "../result.js";
import { formatEscalation } from "./escalation.js";
import { chargeSplit, frameIndices, type ChargeSplit, type TransitionKey } from "./extras.js";
import { colorStage, palette, printable } from "./terminal.js";
import {
  currentScale, formatCharge, formatCount, formatCurrent, formatCurrentIn, formatDuration, formatNumber, formatRate,
  timeDecimals,
} from "./units.js";

export interface TextOptions {
  /** ANSI colours (the CLI decides from TTY / NO_COLOR / --color) */
  color: boolean;
  /**
   * a one-line picture of the trace already rendered by the caller (report/plot/sparkline.ts needs the
   * sample envelope, which the result does not hold); printed under the noise floor when given
   */
  sparkline?: string;
}

// the label column is at least this wide, plus two spaces, as in the example
const MIN_LABEL_WIDTH = 16;

/** What every row formatter shares: colours, the time resolution, the noise-floor unit, movie frames. */
interface Style {
  c: ChalkInstance;
  /** a time on the trace's axis at the trace's resolution, without unit */
  sec(t: number): string;
  floorUnit: string;
  /** "movie frame N" when --frame-rate aligned the result to the TEM movie, else "" */
  frameNote(key: TransitionKey): string;
}

/** The timeline as printed by `softshort analyze`, ending in a newline. */
export function formatTimeline(result: AnalysisResult, opts: TextOptions): string {
  const dec = timeDecimals(result.duration_s, result.sampleRate_hz);
  const frames = frameIndices(result.frames);
  const st: Style = {
    c: palette(opts.color),
    sec: (t) => (Number.isFinite(t) ? t.toFixed(dec) : String(t)),
    floorUnit: noiseUnit(result),
    frameNote: (key) => (frames && typeof frames[key] === "number" ? `movie frame ${frames[key]}` : ""),
  };
  const c = st.c;

  // [label, description] rows; the label column is aligned once all rows are known
  const rows: [string, string][] = [noiseRow(result, st)];
  if (opts.sparkline) rows.push(["trace", opts.sparkline]);

  const onset = result.transitions.softShortOnset_s;
  let onsetShown = onset === null;
  const showOnset = (): void => {
    if (onsetShown || onset === null) return;
    rows.push([`${st.sec(onset)} s`, `${colorStage(c, "soft-short", "soft-short onset")}${parenthesised(st.frameNote("softShortOnset"))}`]);
    onsetShown = true;
  };
  const lastSoft = lastIndex(result.phases, (p) => p.phase === "soft-short");

  result.phases.forEach((phase, index) => {
    if (phase.phase !== "quiescent") showOnset();
    switch (phase.phase) {
      case "quiescent":
        rows.push([range(phase, st), "quiescent"]);
        break;
      case "soft-short":
        rows.push([range(phase, st), `${colorStage(c, "soft-short", "soft short")}: ${softShortSummary(result, phase, index === result.phases.length - 1)}`]);
        if (index === lastSoft) for (const line of formatEscalation(result)) rows.push(["", printable(line)]);
        break;
      case "hard-short":
        rows.push(hardShortRow(result, phase, st));
        break;
      case "open":
        rows.push(fuseRow(result, phase, st));
        break;
    }
  });
  showOnset();

  const charge = chargeSplit(result.charge);
  if (charge) rows.push(chargeRow(charge));

  const width = Math.max(MIN_LABEL_WIDTH, ...rows.map(([label]) => label.length)) + 2;
  const lines: string[] = [header(result, st.sec)];
  for (const [label, text] of rows) lines.push(`  ${label.padEnd(width)}${text}`.trimEnd());
  for (const w of result.warnings) lines.push(`  ${c.yellow("warning:")} ${printable(w)}`);
  // "stable" without a search (controlled current, swept bias) must not read like a clean bill of health
  const skipped = result.parameters.currentControlled || result.input?.summary.bias?.swept === true;
  lines.push(`  verdict: ${colorStage(c, result.verdict, c.bold(result.verdict))}${skipped ? " (no short detection was done: see the warning above)" : ""}`);
  return lines.join("\n") + "\n";
}

function range(p: { start_s: number; end_s: number }, st: Style): string {
  return `${st.sec(p.start_s)} - ${st.sec(p.end_s)} s`;
}

function parenthesised(note: string): string {
  return note ? ` (${note})` : "";
}

/** Sigma, baseline and threshold in one unit, so they compare at a glance. */
function noiseRow(result: AnalysisResult, st: Style): [string, string] {
  const n = result.noise;
  const u = st.floorUnit;
  return [
    "noise floor",
    `sigma ${formatCurrentIn(n.sigma_A, u)}, baseline ${formatCurrentIn(n.baseline_A, u)}   ` +
      `(threshold ${formatNumber(n.k_sigma)} sigma = ${formatCurrentIn(n.threshold_A, u)})`,
  ];
}

/** The short's level is signed like the trace (-420 nA on a negative-polarity trace): it is a current, not an amplitude. */
function hardShortRow(result: AnalysisResult, phase: Phase, st: Style): [string, string] {
  const name = colorStage(st.c, "hard-short", "hard short");
  const hs = result.hardShort;
  if (!hs) return [range(phase, st), name];
  const clipped = hs.clipped ? ", flat top at the compliance limit" : "";
  return [
    `${st.sec(hs.start_s)} s`,
    `${name}: ${formatCurrent(result.polarity * hs.level_A)} sustained for ${formatDuration(hs.duration_s)}${clipped}` +
      parenthesised(st.frameNote("hardShort")),
  ];
}

function fuseRow(result: AnalysisResult, phase: Phase, st: Style): [string, string] {
  const fuse = result.fuse;
  const level = fuse ? ` to ${formatCurrentIn(fuse.level_A, st.floorUnit)}` : "";
  const notes = ["open circuit", st.frameNote("fuse")].filter(Boolean).join(", ");
  return [`${st.sec(fuse ? fuse.time_s : phase.start_s)} s`, `${colorStage(st.c, "fuse", "fuse")}: current collapsed${level} (${notes})`];
}

function chargeRow(charge: ChargeSplit): [string, string] {
  // a trace that never left the floor makes no non-Faradaic claim: its charge is offset, drift and noise
  if (charge.nonFaradaicSinceOnset_C === 0) {
    return ["charge", `${formatCharge(charge.total_C, 3)} total, no soft-short onset: no non-Faradaic claim (floor offset, drift, noise)`];
  }
  return [
    "charge",
    // three digits: the two parts must visibly add up to the total
    `${formatCharge(charge.total_C, 3)} total = at most ${formatCharge(charge.faradaic_C, 3)} Faradaic ` +
      `(I <= ${formatCurrent(charge.faradaicMax_A)}) + ${formatCharge(charge.nonFaradaic_C, 3)} non-Faradaic`,
  ];
}

function header(result: AnalysisResult, sec: (t: number) => string): string {
  return (
    `${printable(result.file)}   ${sec(result.duration_s)} s, ${formatCount(result.sampleCount)} samples @ ` +
    `${formatRate(result.sampleRate_hz)}, polarity ${result.polarity < 0 ? "-" : "+"}`
  );
}

/** "214 spikes in 57 bursts, 1.2 /s, amplitude 4.0 nA -> 310 nA" for the spikes inside one phase. */
function softShortSummary(result: AnalysisResult, phase: Phase, isLast: boolean): string {
  const inPhase = (t: number): boolean => t >= phase.start_s && (isLast ? t <= phase.end_s : t < phase.end_s);
  const spikes = result.spikes.filter((s) => inPhase(s.peak_s));
  const bursts = result.bursts.filter((b) => inPhase(b.start_s)).length;
  const duration_s = phase.end_s - phase.start_s;
  // a soft short may show as a level step alone: then there is no rate or amplitude to give
  if (spikes.length === 0) return "no spikes, current above the floor";
  const parts = [`${plural(spikes.length, "spike")} in ${plural(bursts, "burst")}`];
  if (duration_s > 0) parts.push(`${formatNumber(spikes.length / duration_s)} /s`);
  const trend = amplitudeTrend(spikes);
  if (trend) parts.push(`amplitude ${trend}`);
  return parts.join(", ");
}

/**
 * Early -> late spike amplitude: the median peak of the first tenth of the spikes -> that of the last tenth
 * (at least one spike each), so one odd spike at either end does not set the trend.
 */
export function amplitudeTrend(spikes: readonly Spike[]): string | null {
  if (spikes.length === 0) return null;
  if (spikes.length === 1) return formatCurrent(spikes[0]!.peak_A);
  const m = Math.max(1, Math.ceil(spikes.length / 10));
  const early = median(spikes.slice(0, m).map((s) => s.peak_A));
  const late = median(spikes.slice(-m).map((s) => s.peak_A));
  return `${formatCurrent(early)} -> ${formatCurrent(late)}`;
}

/** The unit shared by the noise-floor numbers: the one that suits the largest of them (nA when all are 0). */
function noiseUnit(result: AnalysisResult): string {
  const n = result.noise;
  const largest = Math.max(...[n.sigma_A, n.threshold_A, n.baseline_A].map((x) => (Number.isFinite(x) ? Math.abs(x) : 0)));
  return largest > 0 ? currentScale(largest).unit : "nA";
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function lastIndex<T>(xs: readonly T[], pred: (x: T) => boolean): number {
  for (let k = xs.length - 1; k >= 0; k--) if (pred(xs[k]!)) return k;
  return -1;
}
