// `softshort spectrum FILE`: Welch PSD of the quiet and the soft-short phases (lines, 1/f slope, noise density, spike periodicity).
import { Command, Option } from "commander";
import { analyze } from "../../analyze.js";
import { isPowerOfTwo } from "../../detect/fft.js";
import {
  MultiLengthSpectrum, spikeRatePeriodicity, summarizeSpectrum, type SpectrumSummary, type SpikePeriodicity,
} from "../../detect/spectrum.js";
import type { Psd } from "../../detect/welch.js";
import { UsageError } from "../../errors.js";
import { openTrace } from "../../parse/index.js";
import { formatJson } from "../../report/json.js";
import { formatCurrent, formatDuration, formatNumber, formatRate, timeDecimals } from "../../report/units.js";
import type { AnalysisResult, PhaseName } from "../../result.js";
import type { Chunk } from "../../trace.js";
import { parsePositive, settingsFromFlags, toAnalyzeOptions, type SettingsFlags } from "../batch/settings.js";

interface SpectrumFlags extends SettingsFlags {
  segment?: string;
  corner?: string;
  minSnr?: string;
  psd?: boolean;
  format: "text" | "json";
}

export interface PhaseSpectrum {
  phase: PhaseName | "whole trace";
  ranges: { start_s: number; end_s: number }[];
  summary: SpectrumSummary | null;
  /** present with --psd */
  psd?: { frequency_hz: Float64Array; psd_A2_per_Hz: Float64Array };
  note: string | null;
}

export interface SpectrumReport {
  file: string;
  duration_s: number;
  sampleRate_hz: number;
  verdict: string;
  note: string | null;
  spectra: PhaseSpectrum[];
  periodicity: ({ start_s: number; end_s: number } & (SpikePeriodicity | { note: string }))[];
}

const EXAMPLES = `
Examples:
  $ softshort spectrum run.csv                     quiet and soft-short spectra
  $ softshort spectrum run.csv --format json --psd with the PSD arrays, for plotting
  $ softshort spectrum run.csv --segment 1024 --corner 5

Stdin (-) cannot be read twice: it gets one whole-trace spectrum.`;

const DEFAULT_SEGMENT = 4096;
const MIN_SEGMENT = 16;

interface Options {
  segment: number | null;
  corner_hz?: number;
  minSnr?: number;
  psd: boolean;
}

function summarize(psd: Psd | null, opts: Options): Pick<PhaseSpectrum, "summary" | "psd"> {
  if (!psd) return { summary: null };
  const summary = summarizeSpectrum(psd, {
    ...(opts.corner_hz !== undefined ? { corner_hz: opts.corner_hz } : {}),
    ...(opts.minSnr !== undefined ? { minSnr: opts.minSnr } : {}),
  });
  return opts.psd ? { summary, psd: { frequency_hz: psd.frequency_hz, psd_A2_per_Hz: psd.psd_A2_per_Hz } } : { summary };
}

function periodicity(result: AnalysisResult): SpectrumReport["periodicity"] {
  const peaks = result.spikes.map((s) => s.peak_s);
  return result.phases
    .filter((p) => p.phase === "soft-short")
    .map((p) => {
      const r = spikeRatePeriodicity(peaks, p.start_s, p.end_s);
      return { start_s: p.start_s, end_s: p.end_s, ...(r ?? { note: "fewer than 8 spikes: periodicity not tested" }) };
    });
}

/** Two passes over a file: analyze for the phases, then Welch accumulators per phase kind. */
async function fileSpectrum(file: string, flags: SpectrumFlags, opts: Options): Promise<SpectrumReport> {
  const settings = settingsFromFlags(flags);
  const result = await analyze(file, toAnalyzeOptions(settings));
  const fs = result.sampleRate_hz;
  const kinds: PhaseName[] = ["quiescent", "soft-short"];
  const groups = kinds.map((kind) => {
    const ranges = result.phases.filter((p) => p.phase === kind).map((p) => ({ start_s: p.start_s, end_s: p.end_s }));
    const abs = ranges.map((r) => [result.t0_s + r.start_s, result.t0_s + r.end_s] as const);
    const acc = new MultiLengthSpectrum(opts.segment ?? DEFAULT_SEGMENT, (t) => abs.some(([a, b]) => t >= a && t <= b));
    return { kind, ranges, acc };
  }).filter((g) => g.ranges.length > 0);
  const trace = await openTrace(file, settings.parse);
  for await (const chunk of trace.chunks()) for (const g of groups) g.acc.push(chunk);
  const spectra: PhaseSpectrum[] = groups.map((g) => {
    const psd = g.acc.result(fs);
    return { phase: g.kind, ranges: g.ranges, ...summarize(psd, opts), note: psd ? g.acc.irregularity() : tooShort(g.acc.kept) };
  });
  return {
    file, duration_s: result.duration_s, sampleRate_hz: fs, verdict: result.verdict, note: null, spectra, periodicity: periodicity(result),
  };
}

function tooShort(kept: number): string {
  return `too short for a spectrum: ${kept} usable samples, and no unbroken run of ${MIN_SEGMENT} (gaps, flagged samples and time resets break runs)`;
}

/** Stdin: one pass over the whole trace, beside the detector. */
async function stdinSpectrum(flags: SpectrumFlags, opts: Options): Promise<SpectrumReport> {
  const settings = settingsFromFlags(flags);
  const acc = new MultiLengthSpectrum(opts.segment ?? DEFAULT_SEGMENT);
  const observer = { push: (c: Chunk) => acc.push(c), finish: () => ({}) };
  const result = await analyze("-", { ...toAnalyzeOptions(settings), observers: [observer] });
  const psd = acc.result(result.sampleRate_hz);
  return {
    file: "-", duration_s: result.duration_s, sampleRate_hz: result.sampleRate_hz, verdict: result.verdict,
    note: "stdin cannot be read twice: one spectrum of the whole trace, not per phase",
    spectra: [{ phase: "whole trace", ranges: [{ start_s: 0, end_s: result.duration_s }], ...summarize(psd, opts), note: psd ? acc.irregularity() : tooShort(acc.kept) }],
    periodicity: periodicity(result),
  };
}

const density = (x: number): string => `${formatCurrent(x)}/rtHz`;
const hz = (x: number): string => `${formatNumber(x, 3)} Hz`;

export function formatSpectrum(r: SpectrumReport): string {
  const dec = timeDecimals(r.duration_s);
  const sec = (t: number): string => t.toFixed(dec);
  const out = [`${r.file}   ${formatDuration(r.duration_s)} @ ${formatRate(r.sampleRate_hz)}, verdict ${r.verdict}`];
  if (r.note) out.push(`  note: ${r.note}`);
  for (const s of r.spectra) {
    const where = s.ranges.map((x) => `${sec(x.start_s)} - ${sec(x.end_s)} s`).join(", ");
    const head = `  ${s.phase === "soft-short" ? "soft short" : s.phase} ${where}`;
    const m = s.summary;
    if (!m) { out.push(`${head}: ${s.note ?? "no spectrum"}`); continue; }
    out.push(`${head}: ${m.segments} segments of ${m.segmentLength} samples (resolution ${hz(m.resolution_hz)})`);
    if (s.note) out.push(`    note: ${s.note}`);
    const nd = m.noiseDensity
      ? `noise density ${density(m.noiseDensity.density_A_per_rtHz)} (${hz(m.noiseDensity.from_hz)} - ${hz(m.noiseDensity.to_hz)})`
      : "noise density: too few bins above the corner";
    const fl = m.flicker
      ? `1/f slope ${formatNumber(m.flicker.slope, 2)} (${hz(m.flicker.fitFrom_hz)} - ${hz(m.flicker.fitTo_hz)})`
      : "1/f slope: too few bins below the corner";
    out.push(`    ${nd}; ${fl}`);
    if (m.lines.length === 0) out.push("    lines: none above the SNR threshold");
    else {
      out.push(`    lines${m.mains_hz ? ` (mains ${m.mains_hz} Hz)` : ""}:`);
      for (const l of m.lines) {
        const tag = l.mains ? `mains ${l.mains.family_hz} Hz h${l.mains.harmonic}` : "not mains";
        out.push(`      ${hz(l.frequency_hz).padEnd(10)} ${formatCurrent(l.amplitude_A).padEnd(8)} amplitude, SNR ${formatNumber(l.snr_dB, 3)} dB, ${tag}`);
      }
    }
  }
  for (const p of r.periodicity) {
    const where = `${sec(p.start_s)} - ${sec(p.end_s)} s`;
    if ("note" in p) out.push(`  spike-rate periodicity ${where}: ${p.note}`);
    else if (p.periodic) out.push(`  spike-rate periodicity ${where}: period ${formatDuration(p.period_s)} (${hz(p.peakFrequency_hz)}), Fisher g ${formatNumber(p.fisherG)}, p = ${p.p_value.toPrecision(2)}`);
    else out.push(`  spike-rate periodicity ${where}: none (strongest ${hz(p.peakFrequency_hz)}, Fisher g p = ${p.p_value.toPrecision(2)})`);
  }
  return out.join("\n") + "\n";
}

export function register(program: Command): void {
  program
    .command("spectrum")
    .description("Welch power spectral density of the quiet and soft-short phases: mains lines, 1/f slope, noise density, spike periodicity")
    .argument("<file>", "trace file, or - for stdin (whole-trace spectrum)")
    .option("--segment <n>", "longest Welch segment, a power of two (default 4096; 4x, 16x ... shorter ones are used when a phase is too short for 7 segments)")
    .option("--corner <hz>", "1/f fit below, noise density above this frequency (default: a tenth of the Nyquist frequency)")
    .option("--min-snr <ratio>", "a line stands this many times above the local background (default 10 = 10 dB)")
    .option("--psd", "include the PSD arrays in --format json")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--time-col <name|n>", "time column by header name or 1-based index")
    .option("--current-col <name|n>", "current column by header name or 1-based index")
    .option("--time-unit <unit>", "unit of the time column (overrides the header)")
    .option("--current-unit <unit>", "unit of the current column (overrides the header)")
    .option("--rate <hz>", "sample rate when the file has no time column")
    .option("--k-sigma <k>", "detector: spike threshold in robust sigma")
    .option("--polarity <p>", "detector: leakage direction +1, -1 or auto")
    .addHelpText("after", EXAMPLES)
    .action(async (file: string, flags: SpectrumFlags) => {
      const segment = flags.segment !== undefined ? parsePositive("--segment", flags.segment, true) : null;
      if (segment !== null && (!isPowerOfTwo(segment) || segment < MIN_SEGMENT)) {
        throw new UsageError(`--segment: expected a power of two >= ${MIN_SEGMENT}, got "${flags.segment}"`);
      }
      const opts: Options = {
        segment,
        psd: flags.psd === true,
        ...(flags.corner !== undefined ? { corner_hz: parsePositive("--corner", flags.corner) } : {}),
        ...(flags.minSnr !== undefined ? { minSnr: parsePositive("--min-snr", flags.minSnr) } : {}),
      };
      const report = file === "-" ? await stdinSpectrum(flags, opts) : await fileSpectrum(file, flags, opts);
      process.stdout.write(flags.format === "json" ? formatJson(report) : formatSpectrum(report));
    });
}
