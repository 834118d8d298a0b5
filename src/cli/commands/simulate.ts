// `softshort simulate`: writes a labelled synthetic trace (CSV) and its truth (JSON) in the paper's shapes.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import { createSimulation, type Simulation } from "../../sim/index.js";
import { writeSimulationCsv } from "../../sim/write.js";
import type { SimScenario, SimSpec } from "../../sim/types.js";

const SCENARIOS: SimScenario[] = ["stable", "soft-short", "soft-hard", "soft-hard-fuse"];
const CURRENT_UNITS: Record<string, number> = { A: 1, mA: 1e-3, uA: 1e-6, "µA": 1e-6, nA: 1e-9, pA: 1e-12, fA: 1e-15 };

/** Typical nuisance levels, in units of the white-noise sigma where they are currents (used by --all-nuisances and bare switches). */
export const TYPICAL = { drift: 4, pink: 0.5, mainsAmp: 2, quant: 0.25, nanRate: 2e-4, overflowRate: 5e-5, duplicateRate: 2e-4, dropouts: 2 } as const;

interface SimulateOptions {
  scenario: string;
  seed: string;
  duration: string;
  rate: string;
  polarity: string;
  noise: string;
  startTime?: string;
  onset?: string;
  hardShort?: string;
  fuse?: string;
  stepSigma?: string;
  spikeRate?: string;
  spikeShape?: string;
  arrivals?: string;
  hardLevel?: string;
  clip?: boolean;
  drift?: string | boolean;
  pink?: string | boolean;
  mains?: string | boolean;
  mainsAmp?: string;
  quant?: string | boolean;
  autorange?: boolean;
  nanRate?: string | boolean;
  overflowRate?: string | boolean;
  duplicateRate?: string | boolean;
  dropouts?: string | boolean;
  allNuisances?: boolean;
  output?: string;
  truth?: string;
}

export function register(program: Command): void {
  program
    .command("simulate")
    .description("Write a labelled synthetic trace (CSV) and its truth (JSON): stable, soft short, soft -> hard, soft -> hard -> fuse.")
    .option("--scenario <name>", `one of ${SCENARIOS.join(", ")}`, "soft-hard-fuse")
    .option("--seed <n>", "random seed (same seed, same trace on every machine)", "1")
    .option("--duration <s>", "trace length, seconds", "400")
    .option("--rate <hz>", "sample rate, Hz", "1000")
    .option("--polarity <sign>", "leakage direction: + or - (also 1, -1, positive, negative)", "+")
    .option("--noise <A>", "white-noise sigma (A, or with a unit: 0.5nA)", "0.5nA")
    .option("--start-time <s>", "time written for the first sample", "0")
    .option("--onset <s>", "soft-short onset time (default: drawn from the seed)")
    .option("--hard-short <s>", "hard-short time")
    .option("--fuse <s>", "fuse time")
    .option("--step-sigma <k>", "onset level step, in sigma")
    .option("--spike-rate <hz>", "mean spike rate in the soft short, per second")
    .option("--spike-shape <shape>", "exponential, square, single or mixed", "mixed")
    .option("--arrivals <kind>", "poisson or clustered", "poisson")
    .option("--hard-level <A>", "hard-short current (A or with a unit)")
    .option("--clip", "flat-top the hard short at a compliance limit")
    .option("--drift [A]", `slow baseline drift amplitude (bare: ${TYPICAL.drift} sigma)`)
    .option("--pink [A]", `1/f noise RMS (bare: ${TYPICAL.pink} sigma)`)
    .option("--mains [hz]", "mains pickup at 50 or 60 Hz with 3rd and 5th harmonics (bare: 50)")
    .option("--mains-amp <A>", `mains fundamental amplitude (default ${TYPICAL.mainsAmp} sigma)`)
    .option("--quant [A]", `ADC quantisation step (bare: ${TYPICAL.quant} sigma)`)
    .option("--autorange", "current-range changes (noise floor changes; first sample after flagged)")
    .option("--nan-rate [fraction]", `fraction of rows written as NaN (bare: ${TYPICAL.nanRate})`)
    .option("--overflow-rate [fraction]", `fraction of rows written as 9.9e37 (bare: ${TYPICAL.overflowRate})`)
    .option("--duplicate-rate [fraction]", `fraction of rows repeating the previous time stamp (bare: ${TYPICAL.duplicateRate})`)
    .option("--dropouts [n]", `number of dropout gaps of 0.05-2 s (bare: ${TYPICAL.dropouts})`)
    .option("--all-nuisances", "every nuisance at its typical level (options given explicitly still win)")
    .option("-o, --output <file.csv>", "CSV output (default: stdout)")
    .option("--truth <file.json>", "write the truth (verdict, transitions, spikes) as JSON")
    .addHelpText(
      "after",
      `
Examples:
  softshort simulate --scenario soft-hard-fuse --seed 3 --duration 400 --rate 1000 -o trace.csv --truth trace.truth.json
  softshort simulate --scenario stable --all-nuisances --mains 60 --duration 600 -o quiet.csv
  softshort simulate --scenario soft-hard --polarity - --clip | softshort analyze -`,
    )
    .action(async (opts: SimulateOptions) => {
      const sim = makeSimulation(specFromOptions(opts));
      await writeSimulationCsv(sim, opts.output ?? null);
      if (opts.truth) writeFileSync(opts.truth, JSON.stringify(sim.truth, null, 2) + "\n");
    });
}

function makeSimulation(spec: SimSpec): Simulation {
  try {
    return createSimulation(spec);
  } catch (e) {
    throw new UsageError(`simulate: ${(e as Error).message}`);
  }
}

/** Options -> SimSpec; every number checked, nuisance switches resolved to amperes. */
export function specFromOptions(o: SimulateOptions): SimSpec {
  if (!SCENARIOS.includes(o.scenario as SimScenario)) throw new UsageError(`--scenario must be one of ${SCENARIOS.join(", ")} (got "${o.scenario}")`);
  const sigma = current("--noise", o.noise);
  const spec: SimSpec = {
    scenario: o.scenario as SimScenario,
    seed: num("--seed", o.seed),
    duration_s: positive("--duration", o.duration),
    rate_hz: positive("--rate", o.rate),
    polarity: polarity(o.polarity),
    noiseSigma_A: sigma,
    startTime_s: num("--start-time", o.startTime ?? "0"),
  };
  if (!Number.isInteger(spec.seed)) throw new UsageError(`--seed must be an integer (got "${o.seed}")`);
  const has = { onset: spec.scenario !== "stable", hard: spec.scenario === "soft-hard" || spec.scenario === "soft-hard-fuse", fuse: spec.scenario === "soft-hard-fuse" };
  if ((o.onset !== undefined && !has.onset) || (o.hardShort !== undefined && !has.hard) || (o.fuse !== undefined && !has.fuse)) {
    throw new UsageError(`--onset/--hard-short/--fuse must be events the scenario has (scenario ${spec.scenario})`);
  }
  if (o.onset !== undefined) spec.onset_s = num("--onset", o.onset);
  if (o.hardShort !== undefined) spec.hardShort_s = num("--hard-short", o.hardShort);
  if (o.fuse !== undefined) spec.fuse_s = num("--fuse", o.fuse);
  if (o.stepSigma !== undefined) spec.stepSigma = positive("--step-sigma", o.stepSigma);
  if (o.spikeRate !== undefined) spec.spikeRate_hz = positive("--spike-rate", o.spikeRate);
  if (o.spikeShape !== undefined) {
    if (!["exponential", "square", "single", "mixed"].includes(o.spikeShape)) throw new UsageError(`--spike-shape must be exponential, square, single or mixed (got "${o.spikeShape}")`);
    spec.spikeShape = o.spikeShape as SimSpec["spikeShape"];
  }
  if (o.arrivals !== undefined) {
    if (o.arrivals !== "poisson" && o.arrivals !== "clustered") throw new UsageError(`--arrivals must be poisson or clustered (got "${o.arrivals}")`);
    spec.arrivals = o.arrivals;
  }
  if (o.hardLevel !== undefined) spec.hardLevel_A = current("--hard-level", o.hardLevel);
  if (o.clip) spec.clip = true;

  const all = o.allNuisances === true;
  const sw = <T>(v: string | boolean | undefined, bare: T, parse: (s: string) => T): T | undefined =>
    typeof v === "string" ? parse(v) : v === true || (v === undefined && all) ? bare : undefined;
  const drift = sw(o.drift, TYPICAL.drift * sigma, (s) => current("--drift", s));
  if (drift !== undefined) spec.drift_A = drift;
  const pink = sw(o.pink, TYPICAL.pink * sigma, (s) => current("--pink", s));
  if (pink !== undefined) spec.pink_A = pink;
  const mains = sw(o.mains, 50, (s) => {
    const hz = num("--mains", s);
    if (hz !== 50 && hz !== 60) throw new UsageError(`--mains must be 50 or 60 (got "${s}")`);
    return hz;
  });
  if (mains !== undefined) {
    spec.mains_hz = mains as 50 | 60;
    spec.mainsAmp_A = o.mainsAmp !== undefined ? current("--mains-amp", o.mainsAmp) : TYPICAL.mainsAmp * sigma;
  }
  const quant = sw(o.quant, TYPICAL.quant * sigma, (s) => current("--quant", s));
  if (quant !== undefined) spec.quantLsb_A = quant;
  if (o.autorange || all) spec.autorange = true;
  const nan = sw(o.nanRate, TYPICAL.nanRate, (s) => fraction("--nan-rate", s));
  if (nan !== undefined) spec.nanRate = nan;
  const ovf = sw(o.overflowRate, TYPICAL.overflowRate, (s) => fraction("--overflow-rate", s));
  if (ovf !== undefined) spec.overflowRate = ovf;
  const dup = sw(o.duplicateRate, TYPICAL.duplicateRate, (s) => fraction("--duplicate-rate", s));
  if (dup !== undefined) spec.duplicateRate = dup;
  const drop = sw(o.dropouts, TYPICAL.dropouts, (s) => {
    const n = num("--dropouts", s);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--dropouts must be a whole number >= 0 (got "${s}")`);
    return n;
  });
  if (drop !== undefined) spec.dropouts = drop;
  return spec;
}

function num(name: string, s: string): number {
  const x = Number(s);
  if (s.trim() === "" || !Number.isFinite(x)) throw new UsageError(`${name} must be a number (got "${s}")`);
  return x;
}

function positive(name: string, s: string): number {
  const x = num(name, s);
  if (x <= 0) throw new UsageError(`${name} must be > 0 (got "${s}")`);
  return x;
}

function fraction(name: string, s: string): number {
  const x = num(name, s);
  if (x < 0 || x > 0.1) throw new UsageError(`${name} must be a fraction between 0 and 0.1 (got "${s}")`);
  return x;
}

/** "0.5nA", "5e-10", "2 uA" -> amperes */
function current(name: string, s: string): number {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Zµ]*)\s*$/.exec(s);
  const unit = m?.[2] || "A";
  if (!m || !(unit in CURRENT_UNITS)) throw new UsageError(`${name} must be a current in A or with a unit (A, mA, uA, nA, pA, fA), got "${s}"`);
  const x = Number(m[1]) * CURRENT_UNITS[unit]!;
  if (!(x > 0)) throw new UsageError(`${name} must be > 0 (got "${s}")`);
  return x;
}

function polarity(s: string): 1 | -1 {
  if (["+", "+1", "1", "positive", "pos"].includes(s)) return 1;
  if (["-", "-1", "negative", "neg"].includes(s)) return -1;
  throw new UsageError(`--polarity must be + or - (got "${s}")`);
}
