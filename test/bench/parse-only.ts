// Bench child: read a trace without detection, by softshort's parser (in this thread or on a parse
// worker) or by another library a user might reach for (csv-parse, uDSV, PapaParse), to time the parse stage alone.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import Papa from "papaparse";
import { inferSchema, initParser, type Parser } from "udsv";
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

/** uDSV (the fastest general CSV parser in its own benchmarks): incremental typed rows from a stream, summed as they come. */
async function udsv(f: string): Promise<number> {
  let n = 0;
  let sum = 0;
  let parser: Parser | null = null;
  const onRow = (row: unknown[]) => {
    n++;
    sum += row[1] as number;
  };
  for await (const piece of createReadStream(f, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    parser ??= initParser(inferSchema(piece));
    parser.chunk(piece, parser.typedArrs as never, onRow as never);
  }
  parser?.end();
  if (Number.isNaN(sum)) n += 0;
  return n;
}

/** PapaParse streaming from a Node stream with dynamic typing, one step per row. */
function papa(f: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    let sum = 0;
    Papa.parse(createReadStream(f) as unknown as File, {
      header: false,
      dynamicTyping: true,
      skipEmptyLines: true,
      step: (r: Papa.ParseStepResult<unknown[]>) => {
        n++;
        const v = r.data[1];
        if (typeof v === "number") sum += v;
      },
      // the header row is a row here
      complete: () => resolve(Number.isNaN(sum) ? n : n - 1),
      error: (e: Error) => reject(e),
    });
  });
}

const modes: Record<string, (f: string) => Promise<number>> = {
  softshort: (f) => softshortParser(f),
  threaded: (f) => softshortParser(f, true),
  "csv-parse": csvParse,
  udsv,
  papaparse: papa,
};
const run = mode ? modes[mode] : undefined;
if (!run || !file) {
  process.stderr.write(`usage: parse-only.js ${Object.keys(modes).join("|")} FILE\n`);
  process.exit(2);
}
run(file).then((n) => process.stdout.write(`${n}\n`));
