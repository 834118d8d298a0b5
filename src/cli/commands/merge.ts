// `softshort merge`: combine the NDJSON outputs of shards (or --out JSON files) into one summary, ordered by file name.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Command, Option } from "commander";
import { InputError } from "../../errors.js";
import type { AnalysisResult, FileFailure, FileOutcome } from "../../result.js";
import { wantColor } from "../batch/color.js";
import { compareNames, expandInputs } from "../batch/inputs.js";
import { OutputWriter } from "../batch/output.js";
import { raiseExitCode } from "../exit.js";

const EXAMPLES = `
Examples:
  $ softshort analyze data/ --shard 1/2 --format ndjson > part1.ndjson
  $ softshort analyze data/ --shard 2/2 --format ndjson > part2.ndjson
  $ softshort merge part*.ndjson                       one summary table, ordered by file name
  $ softshort merge part*.ndjson --format csv > summary.csv

Exit code 2 when an input cannot be read or holds a line that is not a softshort record, or when
any merged record is a failed file.`;

export function register(program: Command): void {
  program
    .command("merge")
    .description("Combine shard outputs (--format ndjson) into one summary, ordered by file name")
    .argument("<inputs...>", "NDJSON files written by `softshort analyze --format ndjson`, --out directories or JSON files, or - for stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "csv", "ndjson"]).default("text"))
    .option("--color", "force colours")
    .option("--no-color", "no colours (default: colours only on a terminal with NO_COLOR unset)")
    .addHelpText("after", EXAMPLES)
    .action(async (inputs: string[], flags: { format: "text" | "csv" | "ndjson"; color?: boolean }) => {
      const outcomes: FileOutcome[] = [];
      for (const file of expandInputs(inputs, { accept: (name) => /\.(nd)?json$/i.test(name) })) outcomes.push(...(await readRecords(file)));
      // the same file in two shards (overlapping runs) is kept once: the last record read wins
      const byFile = new Map<string, FileOutcome>();
      for (const o of outcomes) byFile.set(o.file, o);
      const merged = [...byFile.values()].sort((a, b) => compareNames(a.file, b.file));
      const writer = new OutputWriter(flags.format, false, wantColor(flags.color, process.stdout), process.stdout);
      for (const o of merged) writer.outcome(o);
      writer.end();
      if (merged.some((o) => o.status === "error")) raiseExitCode(2);
    });
}

/** Records of one NDJSON file (or one pretty-printed JSON document, as --out writes them). */
async function readRecords(file: string): Promise<FileOutcome[]> {
  const stream = file === "-" ? process.stdin : createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const out: FileOutcome[] = [];
  let text = "";
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      text += `${line}\n`;
      if (line.trim() === "") continue;
      if (!line.startsWith("{") || !line.trimEnd().endsWith("}")) continue;
      out.push(toOutcome(file, parseRecord(file, line, n), n));
      text = "";
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  // whatever did not form one-line records must be a single JSON document (an --out result file)
  if (text.trim() !== "") out.push(toOutcome(file, parseRecord(file, text, undefined), undefined));
  if (out.length === 0) throw new InputError(file, "no records: expected NDJSON from `softshort analyze --format ndjson`");
  return out;
}

function parseRecord(file: string, text: string, line: number | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(file, "not JSON: expected NDJSON from `softshort analyze --format ndjson`", line);
  }
}

function toOutcome(file: string, rec: unknown, line: number | undefined): FileOutcome {
  const r = rec as Partial<AnalysisResult & FileFailure> | null;
  if (!r || typeof r !== "object" || r.schemaVersion !== 1 || typeof r.file !== "string") {
    throw new InputError(file, "not a softshort record (schemaVersion 1 with a file name)", line);
  }
  if (r.status === "error") return r as FileFailure;
  if (typeof r.verdict !== "string" || !r.transitions || !Array.isArray(r.spikes)) {
    throw new InputError(file, "result record without verdict, transitions or spikes", line);
  }
  // NDJSON results carry no wall time or hash of their own; --out files carry the hash in `source`
  const source = (r as { source?: { sha256?: string } }).source;
  return { status: "ok", file: r.file, result: r as AnalysisResult, wall_s: 0, sha256: source?.sha256 ?? null };
}
