// Parsing on a worker thread gives exactly the in-thread samples, summary, results and one-line errors.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { detectionBesideParser, type BesideParserResult } from "../../src/detect/besideparser.js";
import { ChargeIntegrator } from "../../src/detect/charge.js";
import { DEFAULT_PARAMS } from "../../src/detect/params.js";
import { openTrace } from "../../src/parse/index.js";
import { openTraceThreaded, parseWorkerScript, ParseThread } from "../../src/parse/threaded.js";
import type { ParseOptions } from "../../src/parse/types.js";
import { CHUNKS_IN_FLIGHT } from "../../src/parse/wire.js";
import { noise } from "../cli/helpers.js";
import { craft, errorOf, readAll } from "./helpers.js";

const readThreaded = (file: string, options: ParseOptions = {}) => readAll(file, options, openTraceThreaded);
const threadedError = (file: string) => errorOf(file, {}, openTraceThreaded);

/** A soft short in noise with a dropout, a duplicate stamp, a text cell and a time reset: every per-sample rule fires. */
function craftedTrace(rows: number): string {
  const g = noise(7);
  const lines = ["Time (s),Current (A),Voltage (V)"];
  let t = 0;
  for (let k = 0; k < rows; k++) {
    t = k === 6000 ? t + 0.05 : k === 9000 ? 0 : t + 0.001;
    const spike = k > rows / 2 && k % 97 === 0 ? 5e-8 : 0;
    const cur = k === 4321 ? "n/a" : (2e-10 * g() + spike).toExponential(6);
    lines.push(`${t.toFixed(4)},${cur},${k === 7000 ? "" : "1.5"}`);
    if (k === 5000) lines.push(lines[lines.length - 1]!);
  }
  return lines.join("\n") + "\n";
}

// without a build (dist/) there is no worker script and openTraceThreaded parses in-thread: nothing to compare
describe.skipIf(parseWorkerScript() === null)("parse worker", () => {
  const text = craftedTrace(20_000);
  const plain = craft(text);
  const gz = craft(gzipSync(Buffer.from(text)), "t.csv.gz");
  const crlf = craft(text.replaceAll("\n", "\r\n"));

  it("gives the in-thread samples, info and summary, whatever the chunk size (buffers recycled many times)", async () => {
    for (const [file, chunkSize] of [[plain, 1000], [plain, 65536], [gz, 777], [crlf, 5000]] as const) {
      const want = await readAll(file, { chunkSize });
      const got = await readThreaded(file, { chunkSize });
      expect(got.chunkLengths.length).toBeGreaterThan(chunkSize < 2000 ? CHUNKS_IN_FLIGHT * 2 : 0);
      expect(got).toEqual(want);
    }
  });

  it("makes analyze() return the same result", async () => {
    const want = await analyze(plain, { chunkSize: 1000 });
    const got = await analyze(plain, { chunkSize: 1000, parseThread: true });
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });

  it("integrates the charge on the worker exactly as the detector's thread would (what analyze() then uses)", async () => {
    const local = new ChargeIntegrator(DEFAULT_PARAMS.faradaicMax_A);
    const plainTrace = await openTrace(plain, { chunkSize: 1000 });
    for await (const c of plainTrace.chunks()) local.push(c);
    const want = local.state();
    const trace = await openTraceThreaded(plain, { chunkSize: 1000 }, detectionBesideParser(DEFAULT_PARAMS.block_s, DEFAULT_PARAMS.faradaicMax_A));
    for await (const c of trace.chunks()) void c;
    const got = (trace.besidesResult!() as BesideParserResult).charge;
    expect(got.checkpoints.n).toBeGreaterThan(100);
    expect(got).toEqual(want);
    // without work beside the parser there is nothing to hand over: the caller integrates itself
    const bare = await openTraceThreaded(plain, { chunkSize: 1000 });
    for await (const c of bare.chunks()) void c;
    expect(bare.besidesResult).toBeUndefined();
  });

  it("reports input errors as the same one-line message, with file and line", async () => {
    const longLine = craft(`t,I\n0,1e-10\n0.001,2e-10\n${"9".repeat(2_500_000)}\n`);
    const binary = craft(Buffer.from([0, 1, 2, 3, 0, 0]));
    const headerOnly = craft("Time (s),Current (A)\n");
    const truncatedGz = craft(gzipSync(Buffer.from(text)).subarray(0, 5000), "cut.csv.gz");
    for (const f of [longLine, binary, headerOnly, truncatedGz, "/nonexistent/trace.csv"]) {
      const want = await errorOf(f);
      expect(want).not.toBe("ok");
      expect(await threadedError(f)).toBe(want);
    }
    expect(await threadedError(longLine)).toMatch(/:4: line longer than/);
  });
});

describe.skipIf(parseWorkerScript() === null)("a parse thread kept for many inputs (a batch lane's)", () => {
  const text = craftedTrace(20_000);
  const plain = craft(text);
  const gz = craft(gzipSync(Buffer.from(text)), "t.csv.gz");
  const crlf = craft(text.replaceAll("\n", "\r\n"));
  const headerOnly = craft("Time (s),Current (A)\n");
  const other = craft(craftedTrace(7_000));
  const viaThread = (t: ParseThread) => (f: string, o: ParseOptions) => t.open(f, o);
  /** a test's own ParseThread, ended whatever the test does */
  const withThread = async (body: (thread: ParseThread) => Promise<void>) => {
    const thread = ParseThread.create()!;
    try {
      await body(thread);
    } finally {
      thread.close();
    }
  };
  /** the samples and summary, or the error message */
  const outcome = (file: string, o: ParseOptions, open?: (f: string, o: ParseOptions) => ReturnType<typeof openTrace>) =>
    readAll(file, o, open).catch((e: Error) => e.message);

  it("reads one input after another on one worker, with the in-thread samples and errors", () => withThread(async (thread) => {
    for (const [file, chunkSize] of [[plain, 1000], [gz, 777], [headerOnly, 1000], [crlf, 1000], [plain, 65536], [plain, 1000]] as const) {
      expect(await outcome(file, { chunkSize }, viaThread(thread))).toEqual(await outcome(file, { chunkSize }));
    }
    // a bad input is reported and the worker goes on to the next: still the first worker
    expect(thread.workersStarted).toBe(1);
  }));

  it("reads the next input ahead: the same samples whether or not it was named early; another input cancels it", () => withThread(async (thread) => {
    const want = await readAll(plain, { chunkSize: 1000 });
    const wantOther = await readAll(other, { chunkSize: 1000 });
    // named early and opened: the worker starts on it while the current input is still being consumed
    const first = await thread.open(other, { chunkSize: 1000 });
    thread.readAhead(plain, { chunkSize: 1000 });
    for await (const c of first.chunks()) void c;
    expect(await readAll(plain, { chunkSize: 1000 }, viaThread(thread))).toEqual(want);
    // named early, then something else (another file, or the same with other options) is opened instead
    thread.readAhead(plain, { chunkSize: 1000 });
    expect(await readAll(other, { chunkSize: 1000 }, viaThread(thread))).toEqual(wantOther);
    thread.readAhead(other, { chunkSize: 1000 });
    expect(await readAll(other, { chunkSize: 2000 }, viaThread(thread))).toEqual(await readAll(other, { chunkSize: 2000 }));
    expect(await readAll(plain, { chunkSize: 1000 }, viaThread(thread))).toEqual(want);
    expect(thread.workersStarted).toBe(1);
    await expect(thread.open(plain)).resolves.toBeDefined();
    await expect(thread.open(plain)).rejects.toThrow("one input at a time");
  }));

  it("endAfterNext(): the worker ends with the next input (a lane's last, or the only one); a later input starts another", () => withThread(async (thread) => {
    const want = await readAll(other, { chunkSize: 1000 });
    expect(await readAll(other, { chunkSize: 1000 }, viaThread(thread))).toEqual(want);
    thread.endAfterNext();
    expect(await readAll(other, { chunkSize: 1000 }, viaThread(thread))).toEqual(want);
    expect(thread.workersStarted).toBe(1);
    expect(await readAll(other, { chunkSize: 1000 }, viaThread(thread))).toEqual(want);
    expect(thread.workersStarted).toBe(2);
  }));

  it("a consumer that stops mid-input ends that worker; the next input gets a fresh one", () => withThread(async (thread) => {
    const trace = await thread.open(plain, { chunkSize: 1000 });
    for await (const c of trace.chunks()) { void c; break; }
    expect(await readAll(other, { chunkSize: 1000 }, viaThread(thread))).toEqual(await readAll(other, { chunkSize: 1000 }));
    expect(thread.workersStarted).toBe(2);
  }));
});
