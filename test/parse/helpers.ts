// Test helpers for the parse stage: read a whole trace into plain arrays, write crafted inputs to a temp dir.
import fc from "fast-check";
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

/** Numbers written the ways instruments write them. */
export const numberText = fc
  .tuple(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: 0, max: 8 }),
    fc.integer({ min: 0, max: 20 }),
    fc.boolean(),
  )
  .map(([x, style, digits, plus]) => {
    let s: string;
    switch (style) {
      case 0: s = String(x); break;
      case 1: s = x.toExponential(Math.min(digits, 20)); break;
      case 2: s = Math.abs(x) < 1e21 ? x.toFixed(Math.min(digits, 20)) : String(x); break;
      case 3: s = x.toPrecision(Math.max(1, Math.min(digits, 21))).toUpperCase(); break;
      case 4: s = x.toExponential(Math.min(digits, 15)).replace(/e([+-])(\d+)$/, (_, sg: string, d: string) => `E${sg}${d.padStart(3, "0")}`); break;
      case 5: s = String(Math.trunc(x / 1e290)) + "."; break; // "5."
      case 6: s = "." + String(Math.abs(Math.trunc(x / 1e290))); break; // ".5"
      case 7: s = "-0"; break;
      default: s = (Math.abs(x) % 1000).toFixed(Math.min(digits, 17)); break;
    }
    return plus && !s.startsWith("-") ? "+" + s : s;
  });

/** Numbers on both sides of Clinger's limits (integer mantissa 2^53, |power of ten| 22), written with a point and an exponent. */
export const clingerEdgeText = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 53n }), fc.bigInt({ min: 2n ** 53n - 3n, max: 2n ** 53n + 3n }), fc.bigInt({ min: 0n, max: 10n ** 25n })),
    fc.integer({ min: 0, max: 26 }),
    fc.integer({ min: -40, max: 40 }),
    fc.boolean(),
  )
  .map(([m, point, exp, neg]) => {
    const d = m.toString().padStart(point + 1, "0");
    return `${neg ? "-" : ""}${d.slice(0, d.length - point)}.${d.slice(d.length - point)}e${exp}`;
  });
