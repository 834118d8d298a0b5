// Run settings: the analyze options as one plain, serialisable object (workers get a copy; the cache keys on it).
import { createHash } from "node:crypto";
import { Option, type Command } from "commander";
import type { AnalyzeOptions } from "../../analyze.js";
import type { DetectorParams } from "../../detect/params.js";
import type { CurrentUnit, ParseOptions, TimeUnit } from "../../parse/types.js";
import { SCHEMA_VERSION } from "../../result.js";
import { UsageError } from "../../errors.js";
import { VERSION } from "../../version.js";

/** Everything that decides what a result looks like. Plain data only: it crosses into worker threads. */
export interface RunSettings {
  parse: ParseOptions;
  detector: Partial<DetectorParams>;
  /** --frame-rate / --t0: add TEM movie frame indices (movieStart_s null = the trace's first sample) */
  frames?: { fps: number; movieStart_s: number | null };
}

/** The raw option values commander hands over for the parse and detector flags. */
export interface SettingsFlags {
  timeCol?: string;
  currentCol?: string;
  timeUnit?: string;
  currentUnit?: string;
  rate?: string;
  chunkSize?: string;
  kSigma?: string;
  burstGap?: string;
  hardMin?: string;
  fuseMin?: string;
  polarity?: string;
  faradaicMax?: string;
  frameRate?: string;
  t0?: string;
}

const TIME_UNITS: Record<string, TimeUnit> = { s: "s", ms: "ms", us: "us", "µs": "us", "μs": "us", min: "min", h: "h" };
const CURRENT_UNITS: Record<string, CurrentUnit> = {
  A: "A", mA: "mA", uA: "uA", "µA": "uA", "μA": "uA", nA: "nA", pA: "pA", fA: "fA",
};
const CURRENT_FACTOR: Record<CurrentUnit, number> = { A: 1, mA: 1e-3, uA: 1e-6, nA: 1e-9, pA: 1e-12, fA: 1e-15 };
const TIME_FACTOR: Record<TimeUnit, number> = { s: 1, ms: 1e-3, us: 1e-6, min: 60, h: 3600 };

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;

/** "1e-10", "100pA", "100 pA" -> amperes. */
export function parseCurrentValue(flag: string, text: string): number {
  const m = new RegExp(`^(${NUMBER})\\s*([a-zA-Zµμ]*)$`).exec(text.trim());
  const unit = m?.[2] === "" ? "A" : CURRENT_UNITS[m?.[2] ?? ""];
  if (!m || !unit) throw new UsageError(`${flag}: expected a current such as 1e-10 or 100pA, got "${text}"`);
  return Number(m[1]) * CURRENT_FACTOR[unit];
}

/** "2", "2s", "500ms", "1.5 min" -> seconds (must be >= 0). */
export function parseDurationValue(flag: string, text: string): number {
  const m = new RegExp(`^(${NUMBER})\\s*([a-zµμ]*)$`).exec(text.trim());
  const unit = m?.[2] === "" ? "s" : TIME_UNITS[m?.[2] ?? ""];
  const value = m && unit ? Number(m[1]) * TIME_FACTOR[unit] : NaN;
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new UsageError(`${flag}: expected a duration >= 0 such as 2, 2s or 500ms, got "${text}"`);
  }
  return value;
}

/** A plain positive number (sample rate, sigma multiple, chunk size). */
export function parsePositive(flag: string, text: string, integer = false): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new UsageError(`${flag}: expected a positive ${integer ? "integer" : "number"}, got "${text}"`);
  }
  return v;
}

/** Turn commander's option values into settings; every bad value is a UsageError naming the flag. */
export function settingsFromFlags(f: SettingsFlags): RunSettings {
  const parse: ParseOptions = {};
  if (f.timeCol !== undefined) parse.timeCol = f.timeCol;
  if (f.currentCol !== undefined) parse.currentCol = f.currentCol;
  if (f.timeUnit !== undefined) {
    const u = TIME_UNITS[f.timeUnit];
    if (!u) throw new UsageError(`--time-unit: expected one of s, ms, us, min, h, got "${f.timeUnit}"`);
    parse.timeUnit = u;
  }
  if (f.currentUnit !== undefined) {
    const u = CURRENT_UNITS[f.currentUnit];
    if (!u) throw new UsageError(`--current-unit: expected one of A, mA, uA, nA, pA, fA, got "${f.currentUnit}"`);
    parse.currentUnit = u;
  }
  if (f.rate !== undefined) parse.rate_hz = parsePositive("--rate", f.rate);
  if (f.chunkSize !== undefined) parse.chunkSize = parsePositive("--chunk-size", f.chunkSize, true);

  const detector: Partial<DetectorParams> = {};
  if (f.kSigma !== undefined) detector.kSigma = parsePositive("--k-sigma", f.kSigma);
  if (f.burstGap !== undefined) detector.burstGap_s = parseDurationValue("--burst-gap", f.burstGap);
  if (f.hardMin !== undefined) detector.hardShortMin_s = parseDurationValue("--hard-min", f.hardMin);
  if (f.fuseMin !== undefined) detector.fuseMin_s = parseDurationValue("--fuse-min", f.fuseMin);
  if (f.faradaicMax !== undefined) {
    const a = parseCurrentValue("--faradaic-max", f.faradaicMax);
    if (!(a > 0)) throw new UsageError(`--faradaic-max: expected a current > 0, got "${f.faradaicMax}"`);
    detector.faradaicMax_A = a;
  }
  if (f.polarity !== undefined) {
    const p = f.polarity.trim();
    if (p === "auto") detector.polarity = null;
    else if (p === "+" || p === "+1" || p === "1" || p === "positive") detector.polarity = 1;
    else if (p === "-" || p === "-1" || p === "negative") detector.polarity = -1;
    else throw new UsageError(`--polarity: expected +1, -1 or auto, got "${f.polarity}"`);
  }
  const settings: RunSettings = { parse, detector };
  if (f.t0 !== undefined && f.frameRate === undefined) throw new UsageError("--t0 needs --frame-rate (the movie's frames per second)");
  if (f.frameRate !== undefined) {
    const fps = parsePositive("--frame-rate", f.frameRate);
    let movieStart_s: number | null = null;
    if (f.t0 !== undefined) {
      movieStart_s = Number(f.t0);
      if (f.t0.trim() === "" || !Number.isFinite(movieStart_s)) throw new UsageError(`--t0: expected seconds on the trace's time axis, got "${f.t0}"`);
    }
    settings.frames = { fps, movieStart_s };
  }
  return settings;
}

/** The parser's flags, with the same names and help on every command that opens traces. */
export function addParseOptions(cmd: Command): Command {
  return cmd
    .option("--time-col <name|n>", "time column by header name or 1-based index")
    .option("--current-col <name|n>", "current column by header name or 1-based index")
    .addOption(new Option("--time-unit <unit>", "unit of the time column (overrides the header)").choices(Object.keys(TIME_UNITS)))
    .addOption(new Option("--current-unit <unit>", "unit of the current column (overrides the header)").choices(Object.keys(CURRENT_UNITS)))
    .option("--rate <hz>", "sample rate when the file has no time column")
    .addOption(new Option("--chunk-size <n>", "samples per chunk (results never depend on it; for tests)").hideHelp());
}

/** The detector's flags (each overrides one DetectorParams default). */
export function addDetectorOptions(cmd: Command): Command {
  return cmd
    .option("--k-sigma <k>", "spike threshold in robust sigma (default: from the sample count)")
    .option("--burst-gap <s>", "spikes closer than this form one burst, e.g. 0.5 or 500ms (default: from the trace)")
    .option("--hard-min <s>", "minimum sustained conduction for a hard short (default 2 s)")
    .option("--fuse-min <s>", "minimum time back at the floor after a hard short for a fuse (default 1 s)")
    .option("--polarity <p>", "leakage direction: +1, -1 or auto (default auto)")
    .option("--faradaic-max <A>", "largest current a Faradaic process could carry, e.g. 100pA (default 100 pA)");
}

export function toAnalyzeOptions(s: RunSettings): AnalyzeOptions {
  return { ...s.parse, detector: { ...s.detector } };
}

/**
 * Fingerprint of everything that could change a result: tool version, schema, parse and detector settings.
 * The chunk size is left out on purpose: results never depend on it.
 */
export function settingsKey(s: RunSettings): string {
  const { chunkSize: _ignored, ...parse } = s.parse;
  const canonical = JSON.stringify({
    tool: VERSION, schemaVersion: SCHEMA_VERSION, parse: sortKeys(parse), detector: sortKeys(s.detector),
    frames: s.frames ?? null,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

function sortKeys(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = (o as Record<string, unknown>)[k];
  return out;
}
