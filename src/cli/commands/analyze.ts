// `softshort analyze`: one file -> its timeline; many files -> a batch with one summary row per file.
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import { VERDICT_ORDER, type Verdict } from "../../result.js";
import { wantColor } from "../batch/color.js";
import { expandInputs, hasGlobMagic } from "../batch/inputs.js";
import type { BatchOutcome, JobSpec } from "../batch/job.js";
import { checkOutDir } from "../batch/outdir.js";
import { OUTPUT_FORMATS, OutputWriter, type OutputFormat } from "../batch/output.js";
import { runBatch } from "../batch/pool.js";
import { Progress } from "../batch/progress.js";
import { addDetectorOptions, addParseOptions, parsePositive, settingsFromFlags, type SettingsFlags } from "../batch/settings.js";
import { parseShard, selectShard } from "../batch/shard.js";
import { planThreads } from "../batch/threads.js";
import { raiseExitCode } from "../exit.js";
import { statSync } from "node:fs";

interface AnalyzeFlags extends SettingsFlags {
  format: OutputFormat;
  failOn?: Verdict;
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  jobs?: string;
  haltOnError?: boolean;
  out?: string;
  shard?: string;
  plot?: string;
  stdinName?: string;
}

const EXAMPLES = `
Examples:
  $ softshort analyze fixtures/latp-fuse.csv                 timeline of one trace
  $ softshort analyze run.csv --format json > run.json       the JSON contract (schemaVersion 1)
  $ gunzip -c run.csv.gz | softshort analyze -               read stdin (a .gz file is read directly too)
  $ softshort analyze data/ --jobs 4 --format csv            one summary row per file under data/
  $ softshort analyze 'data/**/*.csv' --out results/         one JSON per input; unchanged inputs are cached
  $ softshort analyze data/ --shard 3/8 --format ndjson      the 3rd of 8 deterministic parts of an archive
  $ softshort analyze cell.txt --current-col "I [nA]" --time-unit ms --fail-on hard-short

Exit codes: 0 ok, 1 --fail-on matched a file, 2 usage or input error (any file failed).`;

export function register(program: Command): void {
  const cmd = program
    .command("analyze")
    .description("Turn current traces into soft-to-hard short-circuit timelines (one file: timeline; several: summary table)")
    .argument("<inputs...>", "trace files, directories (searched recursively), quoted globs, or - for stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(OUTPUT_FORMATS).default("text"));
  addDetectorOptions(addParseOptions(cmd))
    .option("--frame-rate <fps>", "TEM movie frame rate: adds the frame index to every transition and spike")
    .option("--t0 <s>", "time of the movie's first frame on the trace's time axis (default: the first sample)")
    .option("--plot <dir>", "also write an annotated SVG figure per input into DIR")
    .option("--stdin-name <name>", "name reported for stdin (-) in results and messages, instead of \"-\"")
    .addOption(new Option("--fail-on <stage>", "exit 1 when a verdict reaches this stage or beyond").choices(VERDICT_ORDER.slice(1)))
    .option("--color", "force colours")
    .option("--no-color", "no colours (default: colours only on a terminal with NO_COLOR unset)")
    .option("-v, --verbose", "print what was assumed about each input to stderr")
    .option("-q, --quiet", "no progress or summary on stderr (errors are still printed)")
    .option("-j, --jobs <n>", "threads to use (default: number of cores): N files analysed in parallel; big files (a batch whose median file is 4 MB or more, one file of 16 MB or more, or stdin) go N/2 at a time, each parsed on a thread of its own while another detects")
    .option("--halt-on-error", "stop at the first file that fails (default: record it and go on)")
    .option("-o, --out <dir>", "write one JSON per input into DIR (atomically); skip inputs whose bytes and settings are unchanged")
    .option("--shard <i/n>", "analyse only part i of n of the sorted input list (cluster array jobs, CI matrices)")
    .addHelpText("after", EXAMPLES)
    .action(async (inputs: string[], flags: AnalyzeFlags) => {
      raiseExitCode(await runAnalyze(inputs, flags));
    });
}

/** The whole command; resolves to its exit code. Usage errors throw (main prints them on one line, exit 2). */
async function runAnalyze(args: string[], flags: AnalyzeFlags): Promise<number> {
  const started = performance.now();
  const settings = settingsFromFlags(flags);
  const jobs = flags.jobs !== undefined ? parsePositive("--jobs", flags.jobs, true) : availableParallelism();
  if (flags.quiet && flags.verbose) throw new UsageError("--quiet and --verbose contradict each other: choose one");
  if (args.filter((a) => a === "-").length > 1) throw new UsageError("stdin (-) can be read only once");
  if (flags.stdinName !== undefined && !args.includes("-")) throw new UsageError("--stdin-name names stdin: give - as an input too");

  let files = expandInputs(args, { exclude: [flags.out, flags.plot].filter((d): d is string => d !== undefined) });
  // an empty directory or glob is a mistake worth saying; an empty shard of a small archive is not
  if (files.length === 0) throw new UsageError(`no trace files in ${args.join(" ")}`);
  if (flags.shard !== undefined) files = selectShard(files, parseShard(flags.shard));
  if (flags.out !== undefined) checkOutDir(files, flags.out);
  if (flags.plot !== undefined) checkOutDir(files, flags.plot, ".svg");
  const single = flags.shard === undefined && args.length === 1 && files.length === 1 && isPlainInput(args[0]!);

  const stderr = process.stderr;
  const color = wantColor(flags.color, process.stdout);
  const writer = new OutputWriter(flags.format, single, color, process.stdout);
  const progress = !single && !flags.quiet && stderr.isTTY ? new Progress(files, stderr) : null;
  const diag = (line: string) => {
    progress?.end();
    stderr.write(`softshort: ${line}\n`);
  };

  const failOnIndex = flags.failOn ? VERDICT_ORDER.indexOf(flags.failOn) : Infinity;
  // --jobs is the thread budget: lanes of one thread each, or (big inputs) of two, one parsing while
  // the other detects (batch/threads.ts); --jobs 1 stays single-threaded
  const plan = planThreads(files, jobs);
  if (flags.verbose && !single) diag(`${files.length} inputs, up to ${plan.lanes} at a time${plan.parseThreads ? ", each with a parse thread" : ""}`);
  let failed = 0, matched = 0, cached = 0;
  const specs: JobSpec[] = files.map((file) => ({
    file, settings, ...(flags.out !== undefined ? { outDir: flags.out } : {}), ...(flags.plot !== undefined ? { plotDir: flags.plot } : {}),
    ...(file === "-" && flags.stdinName !== undefined ? { label: flags.stdinName } : {}),
    ...(single && flags.format === "text" ? { sparkline: { width: 60, color } } : {}),
    ...(plan.parseThreads ? { parseThread: true } : {}),
  }));
  const onOutcome = (o: BatchOutcome) => {
    if (o.status === "error") {
      failed++;
      diag(o.error);
    } else {
      if (VERDICT_ORDER.indexOf(o.result.verdict) >= failOnIndex) matched++;
      if (o.cached) cached++;
      if (flags.verbose) for (const line of describeInput(o)) diag(line);
    }
    writer.outcome(o);
  };
  const batch = await runBatch(specs, {
    lanes: plan.lanes, haltOnError: flags.haltOnError === true, onOutcome, onSettled: (_o, k) => progress?.settled(k),
  });
  progress?.end();
  writer.end();

  if (batch.skipped > 0) diag(`stopped at the first failure (--halt-on-error): ${batch.skipped} of ${files.length} inputs not analysed`);
  if (!flags.quiet && !single) {
    const wall = ((performance.now() - started) / 1000).toFixed(2);
    const ok = batch.delivered - failed;
    diag(`${files.length} files: ${ok} ok${cached ? ` (${cached} cached)` : ""}, ${failed} failed, in ${wall} s (${batch.mode}${plan.parseThreads ? `, ${plan.lanes > 1 ? "each " : ""}with a parse thread` : ""})`);
  } else if (single && cached && !flags.quiet) {
    diag(`${files[0]}: cached (input and settings unchanged since the result in ${flags.out})`);
  }
  return failed > 0 ? 2 : matched > 0 ? 1 : 0;
}

/** A single argument naming a file or stdin (not a directory or glob) prints the full timeline. */
function isPlainInput(arg: string): boolean {
  if (arg === "-") return true;
  try {
    return !statSync(arg).isDirectory();
  } catch {
    // a missing path: a glob that matched nothing is still "many files"; a plain name is one (failing) file
    return !hasGlobMagic(arg);
  }
}

/** --verbose: the reader's choices and guesses for one input, one line each. */
function describeInput(o: BatchOutcome): string[] {
  if (o.status !== "ok" || !o.result.input) return [];
  const i = o.result.input;
  const col = (c: { name: string; unit: string | null } | null) => (c ? `"${c.name}"${c.unit ? ` [${c.unit}]` : ""}` : "none");
  const lines = [
    `${o.file}: read as ${i.format} (${i.encoding}${i.compression !== "none" ? `, ${i.compression}` : ""}), ` +
      `time ${col(i.timeColumn)} in ${i.timeUnit ?? "-"}, current ${col(i.currentColumn)} in ${i.currentUnit}` +
      `${o.cached ? ", cached" : ""}`,
  ];
  for (const a of i.assumptions) lines.push(`${o.file}: assumed ${a}`);
  return lines;
}
