// The pipeline: parse -> detect -> result object. Reporters only ever see the result.
import { openTrace } from "./parse/index.js";
import { openTraceThreaded, ParseThread } from "./parse/threaded.js";
import { createDetector } from "./detect/index.js";
import { rampedBiasWarning, sweptBiasReason } from "./detect/controlled.js";
import { defaultObservers } from "./detect/observers.js";
import { DEFAULT_PARAMS, type DetectorParams } from "./detect/params.js";
import { detectionBesideParser, type BesideParserResult } from "./detect/besideparser.js";
import type { ChargeState } from "./detect/charge.js";
import type { Detection } from "./detect/types.js";
import type { ParseOptions, InputInfo, ParseSummary } from "./parse/types.js";
import { SCHEMA_VERSION, type AnalysisResult } from "./result.js";
import { chunked, type Chunk } from "./trace.js";
import { VERSION } from "./version.js";

/**
 * A side consumer of the same samples the detector sees (charge totals, plot envelopes, spectra).
 * It sees every chunk once, then the detection, and returns fields merged into the result.
 */
export interface TraceObserver {
  push(chunk: Chunk): void;
  finish(detection: Detection): Record<string, unknown>;
}

export interface AnalyzeOptions extends ParseOptions {
  detector?: Partial<DetectorParams>;
  observers?: TraceObserver[];
  /**
   * Parse on a worker thread while detection runs here (two cores for one input). Same result;
   * callers enable it only when the thread budget (--jobs) allows a second thread. `true` starts a
   * worker for this input; a ParseThread is one worker kept for many inputs (a batch lane's).
   */
  parseThread?: boolean | ParseThread;
}

/** Analyse a file path (or "-" for stdin, or a .gz) into the result object. */
export async function analyze(file: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const thread = options.parseThread;
  const trace = thread instanceof ParseThread ? await thread.open(file, options, besidesFor(options))
    : thread ? await openTraceThreaded(file, options, besidesFor(options)) : await openTrace(file, options);
  const besides = trace.besidesResult?.bind(trace);
  // (what the worker sent is the BesideParserResult its besideParser module made)
  const charge = besides ? () => (besides() as BesideParserResult).charge : undefined;
  const pipeline = startPipeline(options, trace.info.currentControlled, charge);
  for await (const chunk of trace.chunks()) pipeline.push(chunk);
  const summary = trace.summary();
  const bias = summary.bias;
  const detection = pipeline.finish(bias?.swept ? { noShortDetection: sweptBiasReason(bias.column, bias.min_V, bias.max_V, bias.reversals) } : {});
  if (bias?.ramped) detection.warnings.push(rampedBiasWarning(bias.column, bias.min_V, bias.max_V));
  return toResult(file, detection, { ...trace.info, summary });
}

/**
 * Have `thread` start reading the input that the next analyze() with it will get (a batch lane names
 * its next file while the detector works on the current one). Nothing else changes: analyze() with
 * any other input or options simply cancels it.
 */
export function readAhead(thread: ParseThread, file: string, options: AnalyzeOptions = {}): void {
  thread.readAhead(file, options, besidesFor(options));
}

/**
 * On a parse thread, the detector's block summaries and the charge integrals are worked out there too
 * (detect/besideparser.ts); without a worker (no build) the trace has no besidesResult.
 */
function besidesFor(options: AnalyzeOptions) {
  const block_s = options.detector?.block_s ?? DEFAULT_PARAMS.block_s;
  const faradaicMax_A = options.detector?.faradaicMax_A ?? DEFAULT_PARAMS.faradaicMax_A;
  return detectionBesideParser(block_s, faradaicMax_A);
}

/** Analyse samples already in memory (scripts, notebooks, tests). */
export function analyzeSamples(
  samples: { time_s: ArrayLike<number>; current_A: ArrayLike<number> },
  options: { detector?: Partial<DetectorParams>; observers?: TraceObserver[]; name?: string; flags?: ArrayLike<number> } = {},
): AnalysisResult {
  const t = Float64Array.from(samples.time_s);
  const i = Float64Array.from(samples.current_A);
  const f = options.flags ? Uint8Array.from(options.flags) : undefined;
  const pipeline = startPipeline(options, false);
  for (const chunk of chunked(t, i, 65536, f)) pipeline.push(chunk);
  return toResult(options.name ?? "(samples)", pipeline.finish(), null);
}

/** The detector plus every observer, fed the same chunks; `charge`: the integrals come from elsewhere (a parse worker). */
function startPipeline(
  options: { detector?: Partial<DetectorParams>; observers?: TraceObserver[] }, currentControlled: boolean, charge?: () => ChargeState,
) {
  // the parser knows when the instrument sets the current; the detector's parameters then say so too
  const detector = createDetector({ ...options.detector, ...(currentControlled ? { currentControlled } : {}) });
  const observers = [...defaultObservers(options.detector, charge), ...(options.observers ?? [])];
  return {
    push(chunk: Chunk): void {
      detector.push(chunk);
      for (const o of observers) o.push(chunk);
    },
    finish(facts: { noShortDetection?: string } = {}): Detection {
      const detection = detector.finish(facts);
      for (const o of observers) Object.assign(detection.extras, o.finish(detection));
      return detection;
    },
  };
}

export function toResult(file: string, d: Detection, input: (InputInfo & { summary: ParseSummary }) | null): AnalysisResult {
  const warnings = [...(input?.summary.warnings ?? []), ...d.warnings];
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "softshort", version: VERSION },
    file,
    sampleCount: d.sampleCount,
    duration_s: d.duration_s,
    sampleRate_hz: d.sampleRate_hz,
    polarity: d.polarity,
    noise: d.noise,
    verdict: d.verdict,
    transitions: d.transitions,
    phases: d.phases,
    spikes: d.spikes,
    bursts: d.bursts,
    hardShort: d.hardShort,
    fuse: d.fuse,
    warnings,
    parameters: d.parameters,
    input,
    t0_s: d.t0_s,
    ...d.extras,
  };
}
