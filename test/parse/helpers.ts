// Test helpers for the parse stage: read a whole trace into plain arrays, write crafted inputs to a temp dir.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTrace } from "../../src/parse/index.js";
import type { InputInfo, OpenedTrace, ParseOptions, ParseSummary } from "../../src/parse/types.js";

export interface ReadTrace {
  info: InputInfo;
  summary: ParseSummary;
  time_s: number[];
  current_A: number[];
  flags: number[];
  chunkLengths: number[];
}

type Opener = (file: string, options: ParseOptions) => Promise<OpenedTrace>;

/** Open and drain a trace, copying every chunk (the parser reuses chunk arrays); `open` may be the threaded parser. */
export async function readAll(file: string, options: ParseOptions = {}, open: Opener = openTrace): Promise<ReadTrace> {
  const tr = await open(file, options);
  const out: ReadTrace = { info: tr.info, summary: undefined as unknown as ParseSummary, time_s: [], current_A: [], flags: [], chunkLengths: [] };
  for await (const c of tr.chunks()) {
    out.chunkLengths.push(c.length);
    for (let k = 0; k < c.length; k++) {
      out.time_s.push(c.time_s[k]!);
      out.current_A.push(c.current_A[k]!);
      out.flags.push(c.flags[k]!);
    }
  }
  out.summary = tr.summary();
  return out;
}

const dir = mkdtempSync(join(tmpdir(), "softshort-parse-"));
let n = 0;

/** Write crafted bytes to a fresh temp file and return its path. */
export function craft(content: string | Buffer, name = `t${n++}.csv`): string {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}

/** The one-line message a user would see for a failed open, or "ok". */
export async function errorOf(file: string, options: ParseOptions = {}, open: Opener = openTrace): Promise<string> {
  try {
    await readAll(file, options, open);
    return "ok";
  } catch (e) {
    return (e as Error).message;
  }
}
