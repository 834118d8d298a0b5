// openTrace: bytes -> head -> the vendor module that claims it -> columns/units -> streamed sample chunks.
import { InputError } from "../errors.js";
import type { Chunk } from "../trace.js";
import { BodyReader } from "./body.js";
import { findTable, layoutFrom } from "./formats/delimited.js";
import { READERS } from "./formats/index.js";
import { openBytes } from "./input.js";
import type { Head, Layout } from "./layout.js";
import { resolve, type BodyPlan } from "./resolve.js";
import { SampleSink } from "./samples.js";
import type { InputInfo, OpenedTrace, ParseOptions, ParseSummary } from "./types.js";

export const DEFAULT_CHUNK_SIZE = 65536;

// module level, not an arrow per call: V8 drops a closure's optimised code with the closure, so a
// batch recompiled it for every file (issue #5)
const withoutCR = (l: string): string => (l.endsWith("\r") ? l.slice(0, -1) : l);

/** Split the head into text lines; an incomplete last line is left out unless the head is the whole input. */
export function headLines(file: string, head: Buffer, encoding: "utf8" | "latin1", complete: boolean): Head {
  let text = head.toString(encoding);
  if (!complete) {
    const cut = text.lastIndexOf("\n");
    text = cut >= 0 ? text.slice(0, cut) : "";
  }
  const lines = text.split("\n").map(withoutCR);
  const lastLineTerminated = !complete || text.endsWith("\n");
  if (complete && lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return { file, lines, complete, lastLineTerminated };
}

/** The first module that claims the head; the generic delimited reader comes last. */
export function sniffLayout(head: Head, options: ParseOptions = {}): Layout {
  for (const reader of READERS) {
    const layout = reader.sniff(head);
    if (layout) return layout;
  }
  // the user named the current column: any header row above numeric rows will do
  if (options.currentCol !== undefined) {
    const t = findTable(head, { requireCurrentName: false });
    if (t) return layoutFrom("delimited", head, t);
  }
  if (head.lines.every((l) => l.trim() === "")) throw new InputError(head.file, "empty file (only blank lines)");
  throw new InputError(
    head.file,
    "no table of time and current found: no header row with a current-like column name (Current, I, Im, ...) above numeric rows, and no plain numeric columns (use --time-col/--current-col, or check the delimiter: , ; tab or spaces)",
  );
}

export async function openTrace(file: string, options: ParseOptions = {}): Promise<OpenedTrace> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!(Number.isInteger(chunkSize) && chunkSize > 0)) throw new InputError(file, `chunk size must be a positive integer, got ${chunkSize}`);
  const input = await openBytes(file);
  let info: InputInfo;
  let plan: BodyPlan;
  try {
    const head = headLines(file, input.head, input.textEncoding, input.headIsAll);
    ({ info, plan } = resolve(head, sniffLayout(head, options), options, input));
  } catch (e) {
    await input.close();
    throw e;
  }
  let summary: ParseSummary | null = null;
  let started = false;
  let sink: SampleSink | null = null;
  // buffers given back before the sink exists (a reused parse worker hands over the last input's)
  const early: Chunk[] = [];

  async function* chunks(handOff = false): AsyncGenerator<Chunk> {
    if (started) throw new Error("chunks() can be iterated once");
    started = true;
    sink = new SampleSink(chunkSize, handOff, early.splice(0));
    const body = new BodyReader(file, plan, sink, input.textEncoding);
    let rows = 0;
    for await (const chunk of body.read(input.bytes())) {
      rows += chunk.length;
      yield chunk;
    }
    summary = { ...sink.summary(body.state.warnings, body.state.dropped), bias: body.bias?.summary() ?? null };
    if (rows === 0) throw new InputError(file, "no data rows: no line below the header reads as a sample", info.headerLine ?? undefined);
  }

  return {
    info,
    chunks,
    recycle(chunk: Chunk) {
      if (sink) sink.recycle(chunk);
      else early.push(chunk);
    },
    summary() {
      if (!summary) throw new Error("summary() is known after chunks() is exhausted");
      return summary;
    },
  };
}
