// One input -> one outcome: analyse (or take the cached result), time it, record failures instead of throwing.
import { performance } from "node:perf_hooks";
import { analyze, readAhead } from "../../analyze.js";
import { ParseThread } from "../../parse/threaded.js";
import { InputError, UsageError } from "../../errors.js";
import type { AnalysisResult, FileFailure, FileOutcome } from "../../result.js";
import { SCHEMA_VERSION } from "../../result.js";
import { sha256File } from "./hash.js";
import { existsSync } from "node:fs";
import { alignFrames } from "../../detect/frames.js";
import { outPathFor, readCached, writeAtomic, writeFailure, writeResult, type SourceStamp } from "./outdir.js";
import { settingsKey, toAnalyzeOptions, type RunSettings } from "./settings.js";

/** A file outcome as the batch engine sees it: `cached` when the result came from --out unchanged. */
export type BatchOutcome = FileOutcome & { cached?: boolean; sparkline?: string };

export interface JobSpec {
  file: string;
  settings: RunSettings;
  /** --out DIR: write the result there and reuse it when input bytes and settings are unchanged */
  outDir?: string;
  /** --plot DIR: an annotated SVG per input */
  plotDir?: string;
  /** --stdin-name: the name results and messages give stdin instead of "-" */
  label?: string;
  /** a one-line picture of the trace for the text timeline (single-file text output) */
  sparkline?: { width: number; color: boolean };
  /** parse on a second thread while this one detects (when --jobs leaves a thread for it) */
  parseThread?: boolean;
}

/** `next`: the input this lane will take after this one (its parse thread may start reading it early). */
export async function runJob(spec: JobSpec, next?: JobSpec): Promise<BatchOutcome> {
  const { file, settings, outDir, plotDir } = spec;
  const name = spec.label ?? file;
  const started = performance.now();
  const wall = () => round((performance.now() - started) / 1000);
  // hashing reads the file once more, so it is only paid for when --out needs it (the cache key) or on failure
  let sha256: string | null = null;
  const target = outDir !== undefined ? outPathFor(file, outDir) : null;
  const stamp: SourceStamp | null = target && file !== "-" ? await stampFor(file, settings) : null;
  if (stamp) sha256 = stamp.sha256;
  try {
    const svg = plotDir !== undefined ? outPathFor(file, plotDir, ".svg") : null;
    // a cached result has no envelope to draw, so a missing figure means analysing again
    if (target && stamp && (svg === null || existsSync(svg))) {
      const cached = readCached(target, stamp);
      if (cached) return { status: "ok", file: name, result: { ...cached, file: name }, wall_s: wall(), sha256, cached: true };
    }
    // the figure modules load only when a figure is wanted: every batch worker imports this module, and
    // their load time is part of each worker's start-up
    const plot = svg !== null || spec.sparkline ? await loadPlot() : null;
    const envelope = plot ? new plot.EnvelopeCollector({}) : null;
    const options = toAnalyzeOptions(settings);
    const thread = spec.parseThread ? laneParseThread() : null;
    if (thread) options.parseThread = thread;
    // the lane's last input (or the only one): the parse worker ends with it rather than idle beside
    // the detector's end-of-input work
    const reused = thread instanceof ParseThread ? thread : null;
    if (reused && !next?.parseThread) reused.endAfterNext();
    if (envelope) options.observers = [...(options.observers ?? []), envelope];
    const analysed = analyze(file, options);
    // analyze() has sent this input to the parse thread by now, so the next one queues behind it
    if (reused && next?.parseThread) readAhead(reused, next.file, toAnalyzeOptions(next.settings));
    let result: AnalysisResult = await analysed;
    if (settings.frames) result = alignFrames(result, settings.frames.fps, settings.frames.movieStart_s ?? result.t0_s);
    if (svg !== null && plot && envelope) writeAtomic(svg, plot.renderTraceSvg(result, envelope.envelope(), {}));
    const line = spec.sparkline && plot && envelope
      ? { sparkline: plot.sparkline(result, envelope.envelope(), spec.sparkline.width, { color: spec.sparkline.color ? 1 : 0 }) }
      : {};
    if (spec.label !== undefined) result = relabel(result, spec.label);
    if (target) writeResult(target, result, stamp);
    return { status: "ok", file: name, result, wall_s: wall(), sha256, ...line };
  } catch (err) {
    const failure: FileFailure = {
      schemaVersion: SCHEMA_VERSION, file: name, status: "error", error: errorLine(name, err), wall_s: wall(),
      sha256: sha256 ?? (await sha256File(file)),
    };
    if (target) {
      try { writeFailure(target, failure); } catch { /* the failure is still reported on stdout/stderr */ }
    }
    return failure;
  }
}

// this lane's parse worker, kept from one input to the next (each thread that runs jobs has its own)
let parseThread: ParseThread | null | undefined;
function laneParseThread(): ParseThread | true {
  if (parseThread === undefined) parseThread = ParseThread.create();
  return parseThread ?? true;
}

async function loadPlot() {
  const [{ EnvelopeCollector }, { renderTraceSvg }, { sparkline }] = await Promise.all([
    import("../../report/plot/envelope.js"), import("../../report/plot/trace-svg.js"), import("../../report/plot/sparkline.js"),
  ]);
  return { EnvelopeCollector, renderTraceSvg, sparkline };
}

/** The same result under another name (stdin given a name with --stdin-name). */
function relabel(result: AnalysisResult, label: string): AnalysisResult {
  return { ...result, file: label, input: result.input ? { ...result.input, file: label } : null };
}

async function stampFor(file: string, settings: RunSettings): Promise<SourceStamp | null> {
  const sha256 = await sha256File(file);
  return sha256 ? { sha256, settingsKey: settingsKey(settings) } : null;
}

/**
 * The one-line message a user sees for a failed file. Input errors already name the file (and line);
 * anything else is a bug, still kept to one line and prefixed with the file so a batch can go on.
 */
export function errorLine(file: string, err: unknown): string {
  // rebuilt rather than err.message so a --stdin-name replaces "-" in the message too
  if (err instanceof InputError) return new InputError(file, err.detail, err.line).message;
  if (err instanceof UsageError) return `${file}: ${err.message}`;
  const detail = err instanceof Error ? err.message : String(err);
  return `${file}: internal error: ${detail.split("\n")[0]}`;
}

// wall times to the microsecond: finer digits are noise
function round(s: number): number {
  return Math.round(s * 1e6) / 1e6;
}
