// Bench child: read a trace without detection, by softshort's parser (in this thread or on a parse worker) or by a csv-parse stream, to time the parse stage alone.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { openTrace } from "../../src/parse/index.js";
import { openTraceThreaded } from "../../src/parse/threaded.js";

const [mode, file] = process.argv.slice(2);

async function softshortParser(f: string, threaded = false): Promise<number> {
  const trace = threaded ? await openTraceThreaded(f, {}) : await openTrace(f, {});
  let n = 0;
  let sum = 0;
  for await (const chunk of trace.chunks()) {
    n += chunk.length;
    // touch the values so nothing is optimised away
    for (let k = 0; k < chunk.length; k++) sum += chunk.current_A[k]!;
  }
  if (Number.isNaN(sum)) n += 0;
  return n;
}

/** csv-parse as a straightforward user would: a stream with a numeric cast, rows as arrays. */
async function csvParse(f: string): Promise<number> {
  let n = 0;
  let sum = 0;
  const parser = createReadStream(f).pipe(parse({ from_line: 2, cast: (v) => Number(v) }));
  for await (const row of parser as AsyncIterable<number[]>) {
    n++;
    sum += row[1]!;
  }
  if (Number.isNaN(sum)) n += 0;
  return n;
}

const run = mode === "csv-parse" ? csvParse : mode === "softshort" ? softshortParser : mode === "threaded" ? (f: string) => softshortParser(f, true) : null;
if (!run || !file) {
  process.stderr.write("usage: parse-only.js softshort|threaded|csv-parse FILE\n");
  process.exit(2);
}
run(file).then((n) => process.stdout.write(`${n}\n`));
