// --out DIR: one JSON per input, written atomically, and the cache that reads them back.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { UsageError } from "../../errors.js";
import { formatJson } from "../../report/json.js";
import type { AnalysisResult, FileFailure } from "../../result.js";

/** Where a result file goes: the input's path below the working directory, plus ".json" (so a.csv and a.txt never collide). */
export function outPathFor(file: string, outDir: string, extension = ".json"): string {
  if (file === "-") return path.join(outDir, `stdin${extension}`);
  const abs = path.resolve(file);
  let rel = path.relative(process.cwd(), abs);
  if (rel.startsWith("..") || path.isAbsolute(rel)) rel = abs.slice(path.parse(abs).root.length);
  return path.join(outDir, `${rel}${extension}`);
}

/** Refuse an --out layout that would write over one of the inputs (e.g. a trace named x.csv.json). */
export function checkOutDir(files: string[], outDir: string, extension = ".json"): void {
  const flag = extension === ".json" ? "--out" : "--plot";
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`${flag} ${outDir}: exists and is not a directory`);
  const inputs = new Set(files.filter((f) => f !== "-").map((f) => path.resolve(f)));
  for (const f of files) {
    const target = path.resolve(outPathFor(f, outDir, extension));
    if (inputs.has(target)) throw new UsageError(`${flag} ${outDir}: the result for ${f} would overwrite the input ${target}`);
  }
}

/** Write next to the target, then rename: a reader sees the old file or the whole new one, never half. */
export function writeAtomic(target: string, text: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${threadId}-${Math.random().toString(36).slice(2, 10)}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** What an --out file records beside the result so a later run can tell whether it is still valid. */
export interface SourceStamp {
  sha256: string;
  settingsKey: string;
}

export function writeResult(target: string, result: AnalysisResult, stamp: SourceStamp | null): void {
  writeAtomic(target, formatJson(stamp ? { ...result, source: stamp } : result));
}

export function writeFailure(target: string, failure: FileFailure): void {
  writeAtomic(target, formatJson(failure));
}

/** The stored result when its input bytes and settings are unchanged; null otherwise (or unreadable). */
export function readCached(target: string, stamp: SourceStamp): AnalysisResult | null {
  let stored: (AnalysisResult & { source?: Partial<SourceStamp>; status?: string }) | null;
  try {
    stored = JSON.parse(readFileSync(target, "utf8")) as AnalysisResult & { source?: Partial<SourceStamp> };
  } catch {
    return null;
  }
  if (!stored || stored.status === "error") return null;
  if (stored.source?.sha256 !== stamp.sha256 || stored.source?.settingsKey !== stamp.settingsKey) return null;
  const { source: _stamp, ...result } = stored;
  return result as AnalysisResult;
}
