// `npm run bench`: speed and memory of softshort against the I/O floor, csv-parse and pandas+scipy, measured in one run.
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, platform, arch, totalmem, tmpdir, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { median } from "simple-statistics";
import { bigTrace, localTrace } from "./generate.js";
import { measure, measureInterleaved, measureMedian, rssMethod, type Measured, type RunSpec } from "./measure.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");
const bin = path.join(repoRoot, "bin", "softshort.js");

interface BenchArgs {
  sizeGb: number;
  dir: string;
  runs: number;
  rate: number;
  batchFiles: number;
  batchMb: number;
  csvParse: boolean;
  csvParseMb: number;
  python: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = {
    sizeGb: 0.5, dir: path.join(tmpdir(), "softshort-bench"), runs: 1, rate: 20000, batchFiles: 32, batchMb: 24,
    csvParse: true, csvParseMb: 50, python: true, keep: true,
  };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k]!;
    const value = () => {
      const v = argv[++k];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--size-gb") a.sizeGb = Number(value());
    else if (flag === "--dir") a.dir = value();
    else if (flag === "--runs") a.runs = Math.max(1, Math.round(Number(value())));
    else if (flag === "--rate") a.rate = Number(value());
    else if (flag === "--batch-files") a.batchFiles = Math.round(Number(value()));
    else if (flag === "--batch-mb") a.batchMb = Number(value());
    else if (flag === "--no-csv-parse") a.csvParse = false;
    else if (flag === "--csv-parse-mb") a.csvParseMb = Number(value());
    else if (flag === "--no-python") a.python = false;
    else if (flag === "--clean") a.keep = false;
    else if (flag === "--help" || flag === "-h") {
      process.stdout.write(`usage: npm run bench -- [--size-gb 0.5] [--runs 1] [--dir DIR] [--rate 20000]
       [--batch-files 32] [--batch-mb 24] [--csv-parse-mb 50] [--no-csv-parse] [--no-python] [--clean]
csv-parse is ~40x slower than softshort, so the parsers (softshort, csv-parse, uDSV, PapaParse) are compared on the first --csv-parse-mb MB of the
big trace (whole rows); softshort's parser is also timed on the whole file.
Generates the inputs in DIR (kept for the next run unless --clean), then measures and prints ratios.
Peak RSS target (200 MB) is defined on a 2 GB trace: use --size-gb 2 for it. Memory against length:
a quiet 2 kHz trace of 1 h and of 8 h is streamed from softshort simulate into analyze - (no file).
The --jobs batch is 32 files of 24 MB by default. Files that big go one at a time with --jobs 2, one
thread parsing (kept for the whole batch, reading the next file ahead) while the other detects
(src/cli/batch/threads.ts); smaller files go two at a time, each lane a V8 thread that compiles the
JS once (~0.5 s of optimising-compiler CPU). A batch of a few seconds measures that start-up instead
of throughput; --batch-files 8 shows the start-up bound case. After the pair, --jobs 1 runs held to one
core (taskset -c 0): unpinned, V8's compiler and marker threads already use some of the second core.\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${flag} (try --help)`);
  }
  return a;
}

/** the --jobs scaling target: --jobs 2 at least this many times faster than --jobs 1 on a batch */
const JOBS_TARGET = 1.7;

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const mb = (bytes: number) => bytes / 1e6;
/** CPU over wall: how many cores a run kept busy on average (0 where its CPU was not measured) */
const coresBusy = (m: Measured) => (m.cpu_s ?? 0) / m.wall_s;

interface Row {
  name: string;
  m: Measured | null;
  /** input bytes (null: streamed from a generator, size not known) */
  bytes: number | null;
  note?: string;
}

function table(rows: Row[]): string {
  const head = ["measurement", "wall", "MB/s", "cpu", "MB/cpu-s", "peak RSS"];
  const cells = rows.map((r) => [
    r.name,
    r.m ? `${r.m.wall_s.toFixed(2)} s` : "-",
    r.m && r.bytes !== null ? Math.round(mb(r.bytes) / r.m.wall_s).toLocaleString("en-US") : "-",
    r.m?.cpu_s != null ? `${r.m.cpu_s.toFixed(2)} s` : "-",
    r.m?.cpu_s && r.bytes !== null ? Math.round(mb(r.bytes) / r.m.cpu_s).toLocaleString("en-US") : "-",
    r.m?.peakRss_MB != null ? `${Math.round(r.m.peakRss_MB)} MB` : "-",
    r.note ?? "",
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k]!.length)));
  const line = (c: string[]) =>
    c.map((x, k) => (k === 0 ? x.padEnd(widths[0]!) : k < head.length ? x.padStart(widths[k]!) : x)).join("  ").trimEnd();
  return [line(head), ...cells.map(line)].join("\n");
}

/** A python3 that imports pandas and scipy: the one on PATH, else the system one (Debian's python3-pandas). */
function pythonWithPandas(): string | null {
  for (const py of ["python3", "/usr/bin/python3"]) {
    if (spawnSync(py, ["-c", "import pandas, scipy"], { stdio: "ignore" }).status === 0) return py;
  }
  return null;
}

// what a competent afternoon pandas+scipy script does: read, robust floor, peaks above 5 sigma
const PANDAS = `
import sys, numpy as np, pandas as pd
from scipy.signal import find_peaks
df = pd.read_csv(sys.argv[1])
i = df.iloc[:, 1].to_numpy(dtype=float)
med = np.median(i)
sigma = 1.4826 * np.median(np.abs(i - med))
peaks, _ = find_peaks(i, height=med + 5 * sigma)
print(len(peaks))
`;

// a pure-CPU busy loop: what two threads can do at best on this machine right now
const BUSY = `let x = 0; for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003;
if (require("node:worker_threads").parentPort) require("node:worker_threads").parentPort.postMessage(x);`;

/** Time of two busy loops one after the other vs on two worker threads at once: the hardware's scaling ceiling. */
async function parallelCeiling(): Promise<number> {
  const once = () => new Promise<void>((resolve) => new Worker(BUSY, { eval: true }).once("message", () => resolve()));
  const t0 = performance.now();
  await once();
  await once();
  const serial = performance.now() - t0;
  const t1 = performance.now();
  await Promise.all([once(), once()]);
  return serial / (performance.now() - t1);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.dir, { recursive: true });
  const node = process.execPath;
  const cpu = cpus()[0]?.model.trim() ?? "unknown cpu";
  const out: string[] = [];
  const say = (s = "") => { out.push(s); process.stdout.write(`${s}\n`); };
  say(`machine: ${cpu}, ${availableParallelism()} cores, ${(totalmem() / 1e9).toFixed(1)} GB RAM, node ${process.version}, ${platform()} ${arch()}`);
  // the headline pairs (analyze / pandas, --jobs 1 / 2) are measured turn about, at least 5 times each
  // (with 3, one pair caught by a noisy neighbour had a third of the vote on a shared host)
  const pairRuns = Math.max(args.runs, 5);
  say(`peak RSS via ${rssMethod}; walls are medians of ${args.runs} run(s), the analyze/pandas and --jobs pairs of ${pairRuns} ` +
    `turn about; page cache warmed before every run (a VM may evict pages between runs); ` +
    `load average at start ${loadavg()[0]!.toFixed(2)} (other work on the machine skews walls and --jobs scaling)`);

  // inputs
  const bigFile = path.join(args.dir, `big-${args.sizeGb}gb.csv`);
  log(`generating ~${args.sizeGb} GB trace in ${args.dir} (kept for later runs)...`);
  const big = bigTrace(bigFile, args.sizeGb * 1e9, args.rate, bin);
  say(`big trace: ${big.file}, ${mb(big.bytes).toFixed(0)} MB, from ${big.how}`);
  const batchDir = path.join(args.dir, `batch-${args.batchFiles}x${args.batchMb}mb`);
  if (!hasBatch(batchDir, args.batchFiles)) {
    log(`generating batch of ${args.batchFiles} x ${args.batchMb} MB...`);
    rmSync(batchDir, { recursive: true, force: true });
    mkdirSync(batchDir, { recursive: true });
    for (let k = 0; k < args.batchFiles; k++) {
      localTrace(path.join(batchDir, `trace-${String(k).padStart(3, "0")}.csv`), args.batchMb * 1e6, 10000, 100 + k);
    }
  }
  const batchBytes = readdirSync(batchDir).reduce((s, f) => s + statSync(path.join(batchDir, f)).size, 0);
  const smallFile = path.join(batchDir, "trace-000.csv");
  const smallGz = path.join(args.dir, "trace-000.csv.gz");
  writeFileSync(smallGz, gzipSync(readFileSync(smallFile)));
  // warm the page cache so the first measurement is not a disk read
  await measure({ cmd: "cat", args: [big.file] });

  const rows: Row[] = [];
  const failures: string[] = [];
  // one broken stage (e.g. a parser mid-change) must not hide the other figures: record it and go on
  const attempt = async (name: string, spec: RunSpec, runs = args.runs): Promise<Measured | null> => {
    log(name);
    try {
      return await measureMedian(spec, runs);
    } catch (e) {
      failures.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const cli = (...a: string[]): RunSpec => ({ cmd: node, args: [bin, ...a], captureStdout: true });
  const wc = await attempt("wc -l big.csv", { cmd: "wc", args: ["-l", big.file] });
  rows.push({ name: "wc -l big.csv", m: wc, bytes: big.bytes });
  const cat = await attempt("cat big.csv > /dev/null", { cmd: "cat", args: [big.file] });
  rows.push({ name: "cat big.csv > /dev/null", m: cat, bytes: big.bytes });
  // what every softshort run pays before its first line of JS: an environment that sets
  // NODE_EXTRA_CA_CERTS makes node parse those certificates at start (50-100 ms on this VM in session 9)
  const startNote = process.env.NODE_EXTRA_CA_CERTS ? "NODE_EXTRA_CA_CERTS is set (node parses it at start)" : "";
  const start = await attempt("node -e 0 (start-up)", { cmd: node, args: ["-e", "0"] }, Math.max(args.runs, 3));
  rows.push({ name: "node -e 0 (start-up of every run)", m: start, bytes: null, note: startNote });

  // the headline pair, softshort and pandas+scipy, measured turn about (a drifting machine skews both alike)
  let pandas: Measured | null = null;
  let pandasNote = "";
  /** pandas / analyze wall, pair by pair */
  let pandasPairs: number[] = [];
  let fileRun: Measured | null = null;
  const analyzeBig = { ...cli("analyze", big.file, "--format", "json"), warm: [big.file] };
  const py = args.python ? pythonWithPandas() : null;
  if (!args.python) pandasNote = "skipped (--no-python)";
  else if (!py) pandasNote = "python3 with pandas+scipy not installed (apt: python3-pandas python3-scipy)";
  if (py) {
    log(`softshort analyze big.csv and pandas + scipy (${py}), turn about, ${pairRuns} runs each`);
    try {
      let pairs: number[];
      [fileRun, pandas, pairs] = await measureInterleaved(analyzeBig, { cmd: py, args: ["-c", PANDAS, big.file], warm: [big.file] }, pairRuns);
      pandasPairs = pairs.map((r) => 1 / r);
    } catch (e) {
      failures.push(`analyze / pandas pair: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else fileRun = await attempt("softshort analyze big.csv --format json", analyzeBig);
  // the default --jobs (= cores) parses on a second thread while the first detects; --jobs 1 is one thread
  rows.push({ name: "softshort analyze big.csv --format json", m: fileRun, bytes: big.bytes, note: py ? `median of ${pairRuns}, turn about with pandas` : "" });
  const oneThread = await attempt("softshort analyze big.csv --format json --jobs 1", { ...cli("analyze", big.file, "--format", "json", "--jobs", "1"), warm: [big.file] });
  rows.push({ name: "  same, --jobs 1 (no parse thread)", m: oneThread, bytes: big.bytes });
  const stdinRun = await attempt("cat big.csv | softshort analyze - --format json",
    { ...cli("analyze", "-", "--format", "json"), stdinFile: big.file, warm: [big.file] });
  rows.push({ name: "cat big.csv | softshort analyze -", m: stdinRun, bytes: big.bytes });

  // memory against the length of the recording: a quiet 2 kHz trace of 1 h and of 8 h streamed through
  // stdin (simulate | analyze -: 190 MB and 1.5 GB of CSV, nothing written to disk); the block log,
  // the charge checkpoints and everything else must stay bounded (docs/archives.md, Memory)
  const lengthRun = (hours: number) => attempt(`simulate --duration ${hours} h | softshort analyze -`, {
    ...cli("analyze", "-", "--format", "json"),
    stdinCommand: { cmd: node, args: [bin, "simulate", "--scenario", "stable", "--rate", "2000", "--duration", String(hours * 3600), "--seed", "4"] },
  }, 1);
  const short1h = await lengthRun(1);
  rows.push({ name: "simulate 1 h (2 kHz) | softshort analyze -", m: short1h, bytes: null, note: "quiet trace, 7.2 M samples" });
  const long8h = await lengthRun(8);
  rows.push({ name: "simulate 8 h (2 kHz) | softshort analyze -", m: long8h, bytes: null, note: "quiet trace, 57.6 M samples" });

  const parseOnly = path.join(here, "parse-only.js");
  const ours = await attempt("parse only: openTrace + chunks", { cmd: node, args: [parseOnly, "softshort", big.file], warm: [big.file] });
  rows.push({ name: "parse only: openTrace + chunks", m: ours, bytes: big.bytes });
  const oursThreaded = await attempt("parse only: on a parse worker", { cmd: node, args: [parseOnly, "threaded", big.file], warm: [big.file] });
  rows.push({ name: "parse only: on a parse worker (chunks transferred)", m: oursThreaded, bytes: big.bytes });
  // the detector's block statistics three ways (wasm kernel, JS quickselect, simple-statistics)
  const blockStats = await attempt("block statistics: kernel vs JS vs simple-statistics",
    { cmd: node, args: [path.join(here, "blockstats.js"), big.file], captureStdout: true }, 1);
  let ourPrefix: Measured | null = null;
  let theirs: Measured | null = null;
  let udsv: Measured | null = null;
  let papa: Measured | null = null;
  const prefix = headFile(big.file, path.join(args.dir, `head-${args.csvParseMb}mb.csv`), args.csvParseMb * 1e6);
  const prefixMb = Math.round(mb(prefix.bytes));
  if (args.csvParse) {
    ourPrefix = await attempt(`parse only, first ${prefixMb} MB: openTrace`, { cmd: node, args: [parseOnly, "softshort", prefix.file] });
    theirs = await attempt(`parse only, first ${prefixMb} MB: csv-parse`, { cmd: node, args: [parseOnly, "csv-parse", prefix.file] }, 1);
    udsv = await attempt(`parse only, first ${prefixMb} MB: uDSV`, { cmd: node, args: [parseOnly, "udsv", prefix.file] });
    papa = await attempt(`parse only, first ${prefixMb} MB: PapaParse`, { cmd: node, args: [parseOnly, "papaparse", prefix.file] }, 1);
  }
  const skipped = args.csvParse ? "" : "skipped (--no-csv-parse)";
  rows.push({ name: `parse only, first ${prefixMb} MB: openTrace`, m: ourPrefix, bytes: prefix.bytes, note: skipped });
  rows.push({ name: `parse only, first ${prefixMb} MB: csv-parse stream`, m: theirs, bytes: prefix.bytes, note: skipped });
  rows.push({ name: `parse only, first ${prefixMb} MB: uDSV typed rows`, m: udsv, bytes: prefix.bytes, note: skipped });
  rows.push({ name: `parse only, first ${prefixMb} MB: PapaParse stream`, m: papa, bytes: prefix.bytes, note: skipped });

  rows.push({ name: "pandas.read_csv + median/MAD + find_peaks", m: pandas, bytes: big.bytes, note: pandas ? `median of ${pairRuns}` : pandasNote });

  // --jobs scaling, turn about, with what the machine can give two threads just before and after
  const batchArgs = (jobs: string) => ({ ...cli("analyze", batchDir, "--jobs", jobs, "--format", "ndjson", "-q"), warm: [batchDir] });
  const ceilings = [await parallelCeiling()];
  let jobs1: Measured | null = null;
  let jobs2: Measured | null = null;
  /** --jobs 1 / --jobs 2 wall, pair by pair */
  let jobsPairs: number[] = [];
  log(`batch of ${args.batchFiles} files, --jobs 1 and --jobs 2 turn about, ${pairRuns} runs each`);
  try {
    [jobs1, jobs2, jobsPairs] = await measureInterleaved(batchArgs("1"), batchArgs("2"), pairRuns);
  } catch (e) {
    failures.push(`batch --jobs 1 / 2: ${e instanceof Error ? e.message : String(e)}`);
  }
  ceilings.push(await parallelCeiling());
  // the same work as two independent processes at once (--jobs 1 each over half the files): what this
  // machine gives two copies of this workload, with no threads or messages of ours in the way
  // (as many runs as the pair above, median: one run on a drifting host says little)
  const halves = halveBatch(batchDir, args.dir);
  let twoProcesses: number | null = null;
  try {
    const walls: number[] = [];
    for (let k = 0; k < pairRuns; k++) {
      // the halves are warmed together first, then started together
      await measure({ cmd: "cat", args: halves.flatMap((h) => readdirSync(h).map((f) => path.join(h, f))) });
      const t0 = performance.now();
      await Promise.all(halves.map((h) => measure(cli("analyze", h, "--jobs", "1", "--format", "ndjson", "-q"))));
      walls.push((performance.now() - t0) / 1000);
    }
    twoProcesses = median(walls);
  } catch (e) {
    failures.push(`batch halves as two processes: ${e instanceof Error ? e.message : String(e)}`);
  }
  // --jobs 1 held to one core: V8 compiles and marks on threads of its own, so unpinned --jobs 1 already
  // keeps more than one core busy; this is the one-core baseline (context for the target, not the target)
  const jobs1Spec = batchArgs("1");
  const pinned = hasTaskset() ? await attempt("batch --jobs 1 on one core (taskset -c 0)",
    { ...jobs1Spec, cmd: "taskset", args: ["-c", "0", jobs1Spec.cmd, ...jobs1Spec.args] }, pairRuns) : null;
  rows.push({ name: `batch ${args.batchFiles} files --jobs 1`, m: jobs1, bytes: batchBytes, note: `median of ${pairRuns}` });
  rows.push({ name: `batch ${args.batchFiles} files --jobs 2`, m: jobs2, bytes: batchBytes, note: `median of ${pairRuns}, turn about` });
  rows.push({ name: `  --jobs 1 on one core (taskset -c 0)`, m: pinned, bytes: batchBytes, note: pinned ? `median of ${pairRuns}` : "taskset not found" });
  // why a batch scales as it does: each thread pays the JIT warm-up on its first file
  const warm = await attempt("warm-up: one batch file analysed 3 times in one thread",
    { cmd: node, args: [path.join(here, "warmup.js"), smallFile, "3"], captureStdout: true }, 1);
  const passes = warm ? (JSON.parse(warm.stdout) as { cpu_s: number[] }).cpu_s : null;

  // byte-identical results whatever the path in: file, stdin, gzip, chunk size
  const viaFile = await attempt("identity: file", cli("analyze", smallFile, "--format", "json"), 1);
  const viaStdin = await attempt("identity: stdin", { ...cli("analyze", "-", "--format", "json", "--stdin-name", smallFile), stdinFile: smallFile }, 1);
  const viaGz = await attempt("identity: .gz", cli("analyze", smallGz, "--format", "json"), 1);
  const viaChunk = await attempt("identity: --chunk-size 1000", cli("analyze", smallFile, "--format", "json", "--chunk-size", "1000"), 1);
  const neutral = (m: Measured | null) => m?.stdout.replaceAll(JSON.stringify(smallFile), '"F"').replaceAll(JSON.stringify(smallGz), '"F"')
    .replace(/"compression": "\w+"/, '"compression": "?"');

  say();
  say(table(rows));
  say();
  const ratio = (a: Measured | null, b: Measured | null) => (a && b ? a.wall_s / b.wall_s : null);
  const cpuRatio = (a: Measured | null, b: Measured | null) => (a?.cpu_s && b?.cpu_s ? a.cpu_s / b.cpu_s : null);
  const fmt = (x: number | null, digits = 2) => (x === null ? "n/a" : `${x.toFixed(digits)}x`);
  const verdict = (ok: boolean | null) => (ok === null ? "n/a " : ok ? "PASS" : "FAIL");
  const vsPandas = ratio(pandas, fileRun);
  const rssFile = fileRun?.peakRss_MB ?? null;
  const rssStdin = stdinRun?.peakRss_MB ?? null;
  const scaling = ratio(jobs1, jobs2);
  const sizeNote = args.sizeGb >= 2 ? "" : ` (on ${args.sizeGb} GB; the target is defined on 2 GB: --size-gb 2)`;
  say("ratios (same run):");
  say(`  analyze vs wc -l: ${fmt(ratio(fileRun, wc), 1)} the wall; vs cat: ${fmt(ratio(fileRun, cat), 1)}`);
  say(`  parse only (same ${prefixMb} MB): softshort ${fmt(ratio(theirs, ourPrefix), 1)} faster than a csv-parse stream, ` +
    `${fmt(ratio(udsv, ourPrefix), 1)} than uDSV, ${fmt(ratio(papa, ourPrefix), 1)} than PapaParse`);
  if (blockStats) {
    const b = JSON.parse(blockStats.stdout) as { block: number; blocks: number; wasm_us: number; quickselect_us: number; simpleStatistics_us: number };
    say(`  block statistics (${b.blocks} blocks of ${b.block} samples): WebAssembly kernel ${b.wasm_us.toFixed(1)} us/block, ` +
      `JS quickselect ${b.quickselect_us.toFixed(1)} (${(b.quickselect_us / b.wasm_us).toFixed(1)}x; without the difference passes' filters), ` +
      `simple-statistics ${b.simpleStatistics_us.toFixed(1)} (${(b.simpleStatistics_us / b.wasm_us).toFixed(1)}x)`);
  }
  // the one-thread run: there the parse and detection CPU add up to the whole
  const serial = oneThread ?? fileRun;
  if (ours && serial) {
    const byCpu = ours.cpu_s !== null && serial.cpu_s !== null;
    const parseShare = byCpu ? ours.cpu_s! / serial.cpu_s! : ours.wall_s / serial.wall_s;
    say(`  ${byCpu ? "CPU" : "wall"} split of analyze: parse ${(100 * parseShare).toFixed(0)}%, detection + observers + output ` +
      `${(100 * (1 - parseShare)).toFixed(0)}% (bottleneck: ${parseShare >= 0.5 ? "parse" : "detection"})`);
  }
  say(`  parse thread: --jobs 1 / default --jobs wall ${fmt(ratio(oneThread, fileRun))} (CPU ${fmt(cpuRatio(fileRun, oneThread))} of one thread's); ` +
    `parse on a worker vs in-thread, CPU: ${fmt(cpuRatio(oursThreaded, ours))}`);
  say(`  stdin vs file: ${fmt(ratio(stdinRun, fileRun))} the wall time`);
  if (passes && passes.length >= 2) {
    const first = passes[0]!;
    const warmPass = Math.min(...passes.slice(1));
    const n = args.batchFiles;
    // two lanes each pay one first (cold) file; the rest are warm; start-up is shared
    const ideal = (first + (n - 1) * warmPass) / (first + (Math.ceil(n / 2) - 1) * warmPass);
    say(`  batch file CPU in one thread: first pass ${first.toFixed(2)} s, warm ${warmPass.toFixed(2)} s (JIT warm-up ` +
      `${(first - warmPass).toFixed(2)} s per thread): 2 lanes over ${n} such files could reach ${fmt(ideal)} at best ` +
      `(--jobs 2 pairs one lane with a parse thread instead on files this big: src/cli/batch/threads.ts)`);
  }
  if (jobs1?.cpu_s && jobs2?.cpu_s) {
    say(`  batch CPU: --jobs 1 ${jobs1.cpu_s.toFixed(2)} s (${coresBusy(jobs1).toFixed(2)} cores busy), ` +
      `--jobs 2 ${jobs2.cpu_s.toFixed(2)} s (${coresBusy(jobs2).toFixed(2)} cores busy)`);
  }
  say(`  pandas+scipy / analyze in CPU seconds: ${fmt(cpuRatio(pandas, fileRun))} (wall: ${fmt(ratio(pandas, fileRun))}); ` +
    `CPU time is the fairer figure when the machine is busy (load average now ${loadavg()[0]!.toFixed(2)})`);
  say("targets:");
  // the pair-by-pair spread: how far one pair can stray from the medians on this host
  const spread = (rs: number[]) => (rs.length > 1 ? `; pair by pair ${fmt(Math.min(...rs))} to ${fmt(Math.max(...rs))}` : "");
  say(`  ${verdict(vsPandas === null ? null : vsPandas >= 2.5)}  analyze >= 2.5x faster than pandas+scipy: ${fmt(vsPandas)}` +
    `${pandas ? spread(pandasPairs) : ` (${pandasNote || "not measured"})`}`);
  say(`  ${verdict(rssFile === null ? null : rssFile <= 200)}  peak RSS <= 200 MB, file: ${rssFile?.toFixed(0) ?? "?"} MB${sizeNote}`);
  say(`  ${verdict(rssStdin === null ? null : rssStdin <= 200)}  peak RSS <= 200 MB, stdin: ${rssStdin?.toFixed(0) ?? "?"} MB${sizeNote}`);
  const rss1h = short1h?.peakRss_MB ?? null;
  const rss8h = long8h?.peakRss_MB ?? null;
  say(`  ${verdict(rss1h === null || rss8h === null ? null : rss8h <= 200 && rss8h <= 1.25 * rss1h)}  memory does not grow with the ` +
    `recording's length: peak RSS ${rss8h?.toFixed(0) ?? "?"} MB for 8 h against ${rss1h?.toFixed(0) ?? "?"} MB for 1 h ` +
    `(${rss1h && rss8h ? (rss8h / rss1h).toFixed(2) : "?"}x for 8x the samples; pass: <= 200 MB and <= 1.25x)`);
  say(`  ${verdict(scaling === null ? null : scaling >= JOBS_TARGET)}  --jobs 2 >= ${JOBS_TARGET}x --jobs 1 on a batch: ${fmt(scaling)}${spread(jobsPairs)}` +
    `${availableParallelism() < 2 ? " (only one core here)" : ""}; this machine's ceiling just before and after: two busy-loop ` +
    `threads did ${ceilings.map((c) => fmt(c)).join(" and ")} the work of one`);
  if (jobs1?.cpu_s && jobs2?.cpu_s && availableParallelism() === 2) {
    // wall = CPU / cores busy, and two cores are all there is: --jobs 2 can at best spread its CPU over
    // both, while unpinned --jobs 1 already has V8's threads on the second core for free
    const busy1 = coresBusy(jobs1);
    say(`        the ceiling --jobs 1 leaves on 2 cores: it keeps ${busy1.toFixed(2)} cores busy, so with both cores 100% busy ` +
      `--jobs 2 reaches at most ${fmt(2 / busy1)} spending no more CPU than it, ${fmt((2 * jobs1.wall_s) / jobs2.cpu_s)} with ` +
      `the CPU it spent (${jobs2.cpu_s.toFixed(2)} s); ${JOBS_TARGET}x needs ${((JOBS_TARGET * jobs2.cpu_s) / jobs1.wall_s).toFixed(2)} cores busy at that CPU`);
  }
  if (twoProcesses !== null && jobs1 && jobs2) {
    say(`        the same files as two --jobs 1 processes at once (half each, median of ${pairRuns}): ${twoProcesses.toFixed(2)} s, ` +
      `${fmt(jobs1.wall_s / twoProcesses)} of --jobs 1 (--jobs 2 is ${fmt(twoProcesses / jobs2.wall_s)} of that)`);
  }
  if (pinned && jobs2) {
    // wall = CPU / cores busy: against the one-core run, --jobs 2 loses by the CPU it spends beyond that
    // run's (second isolate, V8's background threads, two cores' cache and memory traffic) and by the
    // time a core is idle (start-up, the last file)
    const extra = pinned.cpu_s && jobs2.cpu_s ? jobs2.cpu_s / pinned.cpu_s : null;
    say(`        one core against two: --jobs 1 held to one core ${pinned.wall_s.toFixed(2)} s, --jobs 2 on both ${fmt(pinned.wall_s / jobs2.wall_s)} of that` +
      (extra === null ? "" : `; --jobs 2 spends ${fmt(extra)} the one-core run's CPU (so two cores give at most ${fmt(2 / extra)}) ` +
        `with ${coresBusy(jobs2).toFixed(2)} cores busy`));
  }
  say(`  ${verdict(jobs1 && jobs2 ? jobs1.stdout === jobs2.stdout : null)}  batch NDJSON byte-identical for --jobs 1 and 2`);
  const same = viaFile && viaStdin && viaGz && viaChunk
    ? viaStdin.stdout === viaFile.stdout && neutral(viaGz) === neutral(viaFile) && viaChunk.stdout === viaFile.stdout
    : null;
  say(`  ${verdict(same)}  JSON byte-identical from file, stdin (--stdin-name), --chunk-size 1000, and .gz (name and compression aside)`);
  for (const f of failures) say(`  FAILED RUN  ${f}`);
  if (failures.length) process.exitCode = 1;
  if (!args.keep) rmSync(args.dir, { recursive: true, force: true });
}

function hasTaskset(): boolean {
  return spawnSync("taskset", ["-c", "0", "true"]).status === 0;
}

/** The first `bytes` of a file cut at a line end (kept between runs). */
function headFile(src: string, dest: string, bytes: number): { file: string; bytes: number } {
  const have = (() => { try { return statSync(dest).size; } catch { return 0; } })();
  if (have > 0 && have <= bytes && have > bytes - 1e5) return { file: dest, bytes: have };
  const fd = openSync(src, "r");
  const buf = Buffer.alloc(Math.min(bytes, statSync(src).size));
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const end = buf.lastIndexOf(0x0a, n - 1) + 1;
  writeFileSync(dest, buf.subarray(0, end));
  return { file: dest, bytes: end };
}

/** The batch's files split in two (alternate files, as symbolic links) for the two-process comparison. */
function halveBatch(batchDir: string, dir: string): string[] {
  const files = csvFiles(batchDir).sort();
  return [0, 1].map((h) => {
    const half = path.join(dir, `half-${h}`);
    rmSync(half, { recursive: true, force: true });
    mkdirSync(half);
    files.forEach((f, k) => { if (k % 2 === h) symlinkSync(path.join(batchDir, f), path.join(half, f)); });
    return half;
  });
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".csv"));
}

function hasBatch(dir: string, n: number): boolean {
  try {
    return csvFiles(dir).length === n;
  } catch {
    return false;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
