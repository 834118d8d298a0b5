// Bench helper: run one command, measure wall time and peak RSS (GNU time when present, else /proc polling).
import { spawn } from "node:child_process";
import { createReadStream, existsSync, openSync, closeSync, readdirSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Measured {
  wall_s: number;
  /** peak resident set of the measured process, MB (1e6 bytes); null when it could not be read */
  peakRss_MB: number | null;
  /** user + system CPU seconds of the measured process (GNU time only): far less sensitive than wall to other load */
  cpu_s: number | null;
  code: number;
  stdout: string;
}

export interface RunSpec {
  cmd: string;
  args: string[];
  /** file whose bytes are piped into stdin (as `cat file | cmd` would) */
  stdinFile?: string;
  /** a command whose stdout is piped into stdin (`producer | cmd`; only cmd is measured) */
  stdinCommand?: { cmd: string; args: string[] };
  /** keep stdout (small outputs only); otherwise it goes to /dev/null */
  captureStdout?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * Files (or directories of files) read through just before each run, untimed. This VM's page cache
   * loses pages all the time (a 19 MB file read once was 96% resident 25 s later), so "warm page
   * cache" has to be made true before every run, for every command alike.
   */
  warm?: string[];
}

function warmUp(paths: string[]): void {
  const buf = Buffer.allocUnsafe(1 << 22);
  const files = paths.flatMap((p) => statSync(p).isDirectory() ? readdirSync(p).map((f) => path.join(p, f)) : [p]);
  for (const f of files) {
    if (!statSync(f).isFile()) continue;
    const fd = openSync(f, "r");
    try {
      while (readSync(fd, buf, 0, buf.length, null) > 0) { /* read through */ }
    } finally {
      closeSync(fd);
    }
  }
}

const GNU_TIME = "/usr/bin/time";
export const rssMethod = existsSync(GNU_TIME) ? "GNU time (max RSS)" : "/proc/PID/status VmHWM polled every 10 ms";

export async function measure(spec: RunSpec): Promise<Measured> {
  const timeFile = path.join(tmpdir(), `softshort-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const useGnuTime = existsSync(GNU_TIME);
  const [cmd, args] = useGnuTime
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", timeFile, spec.cmd, ...spec.args]]
    : [spec.cmd, spec.args];
  if (spec.warm) warmUp(spec.warm);
  const devnull = spec.captureStdout ? null : openSync("/dev/null", "w");
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, {
    cwd: spec.cwd, env: spec.env ?? process.env,
    stdio: [spec.stdinFile || spec.stdinCommand ? "pipe" : "ignore", devnull ?? "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => { stderr += d; });
  if (spec.stdinFile && child.stdin) {
    createReadStream(spec.stdinFile, { highWaterMark: 1 << 20 }).pipe(child.stdin);
    child.stdin.on("error", () => { /* the reader may stop early on a bad input: not the bench's concern */ });
  }
  if (spec.stdinCommand && child.stdin) {
    const producer = spawn(spec.stdinCommand.cmd, spec.stdinCommand.args, { stdio: ["ignore", "pipe", "inherit"] });
    producer.stdout.pipe(child.stdin);
    child.stdin.on("error", () => { /* as above */ });
  }
  let hwm_kB = 0;
  const poll = useGnuTime ? null : setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) hwm_kB = Math.max(hwm_kB, Number(m[1]));
    } catch { /* exited between polls */ }
  }, 10);
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  const wall_s = Number(process.hrtime.bigint() - started) / 1e9;
  if (poll) clearInterval(poll);
  if (devnull !== null) closeSync(devnull);
  let peak_kB: number | null = hwm_kB || null;
  let cpu_s: number | null = null;
  if (useGnuTime) {
    try {
      const lines = readFileSync(timeFile, "utf8").trim().split("\n");
      const [rss, user, sys] = lines[lines.length - 1]!.split(" ").map(Number);
      peak_kB = rss ?? null;
      cpu_s = user !== undefined && sys !== undefined ? user + sys : null;
    } catch { peak_kB = null; }
    rmSync(timeFile, { force: true });
  }
  if (code !== 0) {
    throw new Error(`${spec.cmd} ${spec.args.join(" ")} exited ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
  }
  const peakRss_MB = peak_kB === null || !Number.isFinite(peak_kB) ? null : (peak_kB * 1024) / 1e6;
  return { wall_s, peakRss_MB, cpu_s: cpu_s !== null && Number.isFinite(cpu_s) ? cpu_s : null, code, stdout };
}

/** Median of `runs` measurements (wall and RSS medians taken separately). */
export async function measureMedian(spec: RunSpec, runs: number): Promise<Measured> {
  const all: Measured[] = [];
  for (let k = 0; k < runs; k++) all.push(await measure(spec));
  return medianOf(all);
}

/**
 * Two commands measured turn about, `runs` times each, medians of each: a machine whose speed drifts
 * (other load, a shared host) then skews both alike, not whichever ran second.
 */
export async function measureInterleaved(a: RunSpec, b: RunSpec, runs: number): Promise<[Measured, Measured, number[]]> {
  const as: Measured[] = [];
  const bs: Measured[] = [];
  for (let k = 0; k < runs; k++) {
    as.push(await measure(a));
    bs.push(await measure(b));
  }
  // each pair's a / b wall ratio (a pair runs back to back, so it shows how much the host drifts)
  return [medianOf(as), medianOf(bs), as.map((m, k) => m.wall_s / bs[k]!.wall_s)];
}

function medianOf(all: Measured[]): Measured {
  const med = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]!; };
  const known = (xs: (number | null)[]) => { const k = xs.filter((x): x is number => x !== null); return k.length ? med(k) : null; };
  return {
    wall_s: med(all.map((m) => m.wall_s)), peakRss_MB: known(all.map((m) => m.peakRss_MB)), cpu_s: known(all.map((m) => m.cpu_s)),
    code: 0, stdout: all[0]!.stdout,
  };
}
