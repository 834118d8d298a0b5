// `npm run eval`: the accuracy benchmark of issue 4 — the real detector and a naive baseline scored on a seeded labelled suite, side by side.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { analyze } from "../../src/analyze.js";
import { performance } from "node:perf_hooks";
import { createDetector } from "../../src/detect/index.js";
import type { DetectorParams } from "../../src/detect/params.js";
import { chunked } from "../../src/trace.js";
import { createSimulation, simulateTrace } from "../../src/sim/index.js";
import { writeSimulationCsv } from "../../src/sim/write.js";
import { suite, type SuiteCase, type SuiteName } from "../../src/sim/suite.js";
import { AMPLITUDE_BANDS, aggregate, scoreTrace, spikeTolerance_s, type Scorable, type SuiteScore, type TraceScore } from "../../src/sim/score.js";
import { naiveDetect } from "./naive.js";

interface Args {
  name: SuiteName;
  seed: number;
  worst: number;
  filter: RegExp | null;
  /** write each trace as CSV and run the whole pipeline (parser included) instead of feeding the detector directly */
  viaCsv: boolean;
  /** detector parameter overrides (`--param name=value`, value as JSON) for experiments */
  params: Partial<DetectorParams>;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { name: "full", seed: 1, worst: 10, filter: null, viaCsv: false, params: {} };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    if (k === "--quick") a.name = "quick";
    else if (k === "--seed") a.seed = Number(argv[++i]);
    else if (k === "--worst") a.worst = Number(argv[++i]);
    else if (k === "--filter") a.filter = new RegExp(argv[++i]!);
    else if (k === "--via-csv") a.viaCsv = true;
    else if (k === "--param") {
      const [key, value] = argv[++i]!.split("=", 2) as [string, string];
      (a.params as Record<string, unknown>)[key] = JSON.parse(value);
    }
    else if (k === "--help" || k === "-h") {
      process.stdout.write("usage: npm run eval -- [--quick] [--seed N] [--worst N] [--filter REGEX] [--via-csv] [--param name=json]\n");
      process.exit(0);
    } else {
      process.stderr.write(`eval: unknown option ${k}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(a.seed)) {
    process.stderr.write("eval: --seed must be an integer\n");
    process.exit(2);
  }
  return a;
}

interface CaseOutcome {
  c: SuiteCase;
  samples: number;
  ours: TraceScore;
  naive: TraceScore;
  crashed: string | null;
  detect_s: number;
  /** per truth spike: [shape, rate class, band index, found by softshort] — for the breakdown */
  spikeHits: [string, string, number, boolean][];
}

const RATE_CLASSES: [string, number][] = [["<=100 Hz", 100], ["200 Hz-2 kHz", 2000], [">=5 kHz", Infinity]];

const STABLE: Scorable = { verdict: "stable", transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null }, spikes: [] };

async function runCase(c: SuiteCase, viaCsv: boolean, params: Partial<DetectorParams>): Promise<CaseOutcome> {
  const tr = simulateTrace(c.spec);
  let ours: Scorable = STABLE;
  let crashed: string | null = null;
  const t0 = performance.now();
  try {
    if (viaCsv) {
      const dir = mkdtempSync(join(tmpdir(), "softshort-eval-"));
      try {
        const file = join(dir, "trace.csv");
        await writeSimulationCsv(createSimulation(c.spec), file);
        ours = await analyze(file, { detector: params });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      const det = createDetector(params);
      for (const chunk of chunked(tr.time_s, tr.current_A, 65536, tr.flags)) det.push(chunk);
      ours = det.finish();
    }
  } catch (e) {
    crashed = (e as Error).message ?? String(e);
  }
  const detect_s = (performance.now() - t0) / 1000;
  const naive = naiveDetect(tr.time_s, tr.current_A);
  const score = scoreTrace(tr.truth, ours);
  const found = new Set(score.matching.pairs.map(([t]) => t));
  const rateClass = RATE_CLASSES.find(([, hi]) => c.spec.rate_hz <= hi)![0];
  const spikeHits = tr.truth.spikes.map((s, i): [string, string, number, boolean] => [s.shape, rateClass, AMPLITUDE_BANDS.findIndex((b) => s.sigmaMultiple < b.hi), found.has(i)]);
  return { c, samples: tr.current_A.length, ours: score, naive: scoreTrace(tr.truth, naive), crashed, detect_s, spikeHits };
}

type Row = { metric: string; target: string; pass: (s: SuiteScore, crashes: number) => boolean | null; value: (s: SuiteScore, crashes: number) => string };

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "-");
const ROWS: Row[] = [
  { metric: "spike precision", target: "", pass: () => null, value: (s) => f3(s.precision) },
  { metric: "spike recall", target: "", pass: () => null, value: (s) => f3(s.recall) },
  { metric: "spike F1", target: ">= 0.975", pass: (s) => s.f1 >= 0.975, value: (s) => f3(s.f1) },
  { metric: "recall 3-6 sigma", target: ">= 0.5", pass: (s) => s.bandRecall[0]!.recall >= 0.5, value: (s) => f3(s.bandRecall[0]!.recall) },
  { metric: "recall 6-10 sigma", target: ">= 0.9", pass: (s) => s.bandRecall[1]!.recall >= 0.9, value: (s) => f3(s.bandRecall[1]!.recall) },
  { metric: "recall 10-30 sigma", target: "", pass: () => null, value: (s) => f3(s.bandRecall[2]!.recall) },
  { metric: "recall 30+ sigma", target: "", pass: () => null, value: (s) => f3(s.bandRecall[3]!.recall) },
  { metric: "false spikes / h (stable)", target: "<= 0.5", pass: (s) => s.falsePerHour <= 0.5, value: (s) => s.falsePerHour.toFixed(2) },
  { metric: "onset hit", target: ">= 0.95", pass: (s) => s.transitionHit.softShortOnset_s.rate >= 0.95, value: (s) => f3(s.transitionHit.softShortOnset_s.rate) },
  { metric: "hard-short hit", target: "1.000", pass: (s) => s.transitionHit.hardShort_s.rate === 1, value: (s) => f3(s.transitionHit.hardShort_s.rate) },
  { metric: "fuse hit", target: "1.000", pass: (s) => s.transitionHit.fuse_s.rate === 1, value: (s) => f3(s.transitionHit.fuse_s.rate) },
  {
    metric: "false transitions",
    target: "0",
    pass: (s) => falseTransitions(s) === 0,
    value: (s) => String(falseTransitions(s)),
  },
  { metric: "verdict accuracy", target: "1.000", pass: (s) => s.verdictAccuracy === 1, value: (s) => f3(s.verdictAccuracy) },
  { metric: "crashes", target: "0", pass: (_s, c) => c === 0, value: (_s, c) => String(c) },
];

function falseTransitions(s: SuiteScore): number {
  return s.transitionHit.softShortOnset_s.falseAlarms + s.transitionHit.hardShort_s.falseAlarms + s.transitionHit.fuse_s.falseAlarms;
}

function table(ours: SuiteScore, naive: SuiteScore, crashes: number): string {
  const head = ["metric", "target", "softshort", "", "naive (5 MAD + find_peaks)", ""];
  const rows = ROWS.map((r) => {
    const po = r.pass(ours, crashes);
    const pn = r.pass(naive, 0);
    return [r.metric, r.target, r.value(ours, crashes), po === null ? "" : po ? "PASS" : "FAIL", r.value(naive, 0), pn === null ? "" : pn ? "PASS" : "FAIL"];
  });
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i >= 2 && i !== 3 && i !== 5 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join(" | ")} |`;
  return [line(head), `|${w.map((x) => "-".repeat(x + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cases = suite(args.name, args.seed).filter((c) => !args.filter || args.filter.test(c.label));
  const wall0 = performance.now();
  const out: CaseOutcome[] = [];
  let samples = 0;
  let detect_s = 0;
  for (const c of cases) {
    const o = await runCase(c, args.viaCsv, args.params);
    out.push(o);
    samples += o.samples;
    detect_s += o.detect_s;
    process.stderr.write(`  ${out.length}/${cases.length} ${c.label}${o.crashed ? `  CRASH: ${o.crashed}` : ""}\n`);
  }
  const crashes = out.filter((o) => o.crashed).length;
  const ours = aggregate(out.map((o) => o.ours));
  const naive = aggregate(out.map((o) => o.naive));
  const wall = (performance.now() - wall0) / 1000;
  const stableCases = out.filter((o) => o.c.spec.scenario === "stable").length;
  const truthSpikes = ours.bandRecall.reduce((n, b) => n + b.truth, 0);

  const p = (s: string) => process.stdout.write(s + "\n");
  p(`softshort accuracy benchmark — suite "${args.name}", seed ${args.seed}${args.viaCsv ? ", through CSV files and the parser" : ""}: ${cases.length} traces (${stableCases} stable, ${ours.stableHours.toFixed(2)} h), ${(samples / 1e6).toFixed(1)} M samples, ${truthSpikes} truth spikes`);
  p(`spikes per band: ${ours.bandRecall.map((b) => `${b.name} sigma: ${b.truth}`).join(", ")}`);
  p(`spike match: one-to-one on peak time, detected peak within the truth spike's [start, end] +- max(2 samples, 10 ms)` + ` (e.g. ${(spikeTolerance_s(1000) * 1000).toFixed(0)} ms at 1 kHz); transitions: within max(1 s, 1% of duration)`);
  p("");
  p(table(ours, naive, crashes));
  {
    // the counts behind the table (F1 to 5 places: changes of a few spikes show)
    const tp = Math.round(ours.recall * truthSpikes);
    const fp = ours.precision > 0 ? Math.round(tp / ours.precision - tp) : 0;
    p(`softshort spikes: ${tp} matched, ${fp} false, ${truthSpikes - tp} missed; F1 ${ours.f1.toFixed(5)}`);
  }
  p("");
  const worst = out
    .map((o) => ({ o, bad: badness(o.ours) + (o.crashed ? 100 : 0) }))
    .filter((x) => x.bad > 0)
    .sort((a, b) => b.bad - a.bad)
    .slice(0, args.worst);
  p("softshort recall by spike shape and sample rate (found/truth per band 3-6 | 6-10 | 10-30 | 30+ sigma):");
  const keys = [...["exponential", "square", "single"].map((k) => [k, 0] as const), ...RATE_CLASSES.map(([k]) => [k, 1] as const)];
  for (const [key, col] of keys) {
    const cells = AMPLITUDE_BANDS.map((_, b) => {
      const hs = out.flatMap((o) => o.spikeHits).filter((h) => h[col] === key && h[2] === b);
      const f = hs.filter((h) => h[3]).length;
      return `${String(f).padStart(5)}/${String(hs.length).padEnd(5)}${hs.length ? (f / hs.length).toFixed(2) : "   -"}`;
    });
    p(`  ${key.padEnd(13)} ${cells.join(" | ")}`);
  }
  p("");
  const stableOut = out.filter((o) => o.c.spec.scenario === "stable");
  if (stableOut.length > 0) {
    p("stable traces (every nuisance on): false spikes, softshort / naive");
    for (const o of stableOut) p(`  ${String(o.ours.stableFalseSpikes).padStart(6)} / ${String(o.naive.stableFalseSpikes).padEnd(7)} ${(o.ours.stableHours).toFixed(2)} h  seed ${o.c.spec.seed} ${o.c.label}${o.ours.verdictCorrect ? "" : "  (verdict wrong)"}`);
    p("");
  }
  if (worst.length > 0) {
    p(`worst traces for softshort (of ${out.length}):`);
    for (const { o } of worst) p(`  ${describe(o)}`);
    p("");
  }
  const cpu = cpus();
  p(`machine: ${cpu[0]?.model ?? "unknown cpu"} x${cpu.length}, node ${process.version}, ${process.platform}/${process.arch}; wall ${wall.toFixed(1)} s (softshort detector ${detect_s.toFixed(1)} s, ${(samples / 1e6 / Math.max(detect_s, 1e-9)).toFixed(1)} M samples/s)`);
}

/** how wrong a trace went: verdict and transitions weigh most, then missed and false spikes */
function badness(s: TraceScore): number {
  let b = s.verdictCorrect ? 0 : 20;
  for (const t of Object.values(s.transitions)) if ((t.present && !t.hit) || t.falseAlarm) b += 10;
  return b + s.falseNegatives * 0.2 + s.falsePositives * 0.5;
}

function describe(o: CaseOutcome): string {
  const s = o.ours;
  const parts = [`seed ${o.c.spec.seed} ${o.c.label}:`];
  if (o.crashed) parts.push(`CRASH ${o.crashed}`);
  if (!s.verdictCorrect) parts.push("verdict wrong");
  for (const [n, t] of Object.entries(s.transitions)) {
    if (t.present && !t.hit) parts.push(`${n.replace("_s", "")} ${t.error_s === null ? "missed" : `off by ${t.error_s.toFixed(2)} s`}`);
    if (t.falseAlarm) parts.push(`false ${n.replace("_s", "")}`);
  }
  parts.push(`spikes tp ${s.truePositives} fn ${s.falseNegatives} fp ${s.falsePositives}`);
  const missedBands = s.bands.map((b) => `${b.truth - b.found}/${b.truth}`).join(" ");
  parts.push(`(missed by band 3-6/6-10/10-30/30+: ${missedBands})`);
  return parts.join(" ");
}

await main();
