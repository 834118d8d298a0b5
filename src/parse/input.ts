// Bytes in: a path or "-" (stdin), gzip by magic bytes, encoding by BOM / NUL pattern / UTF-8 validity.
// Everything after this layer is ASCII-compatible bytes (UTF-8 or Latin-1); only a head is held.
import { isUtf8 as isUtf8Native } from "node:buffer";
import { createReadStream, read, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { isMainThread } from "node:worker_threads";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "../errors.js";

/** Bytes held for sniffing the layout; the rest streams. */
export const HEAD_BYTES = 256 * 1024;
const READ_CHUNK = 1024 * 1024;

export interface ByteInput {
  /** stated in info.encoding */
  encoding: string;
  compression: "none" | "gzip";
  /** how to turn body bytes into text: UTF-16 input has been transcoded to UTF-8 already */
  textEncoding: "utf8" | "latin1";
  /** the first bytes (after BOM removal and transcoding), for sniffing */
  head: Buffer;
  /** true when the head is the whole input */
  headIsAll: boolean;
  /** all bytes from the start (head included), once */
  bytes(): AsyncGenerator<Buffer>;
  /** release the file when the body will not be read (sniffing refused the input) */
  close(): Promise<void>;
}

function openSource(file: string): AsyncIterable<Buffer> {
  // a parse worker reads descriptor 0 itself (its process.stdin is not the process's); the main thread never touches stdin then
  if (file === "-") return isMainThread ? (process.stdin as AsyncIterable<Buffer>) : readReusing(STDIN_FD);
  let isFile = false;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(file, "is a directory, not a trace file");
    isFile = st.isFile();
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(e)})`);
  }
  return isFile ? readReusing(file) : createReadStream(file, { highWaterMark: READ_CHUNK });
}

/**
 * Plain files are read into two reused buffers in turn: each piece is valid until the next is asked
 * for (the body reader copies only an unfinished line), which spares the GC ~1 MiB per MiB read,
 * and the next piece is read (on libuv's thread pool) while the caller works on this one.
 * The pieces up to HEAD_BYTES are fresh buffers, because the head is assembled from them.
 */
async function* readReusing(file: string | typeof STDIN_FD): AsyncGenerator<Buffer> {
  const fh = file === STDIN_FD ? null : await open(file, "r");
  const readInto = (b: Buffer): Promise<number> => (fh ? fh.read(b, 0, READ_CHUNK, null).then((r) => r.bytesRead) : readStdin(b));
  let pending: Promise<number> | null = null;
  try {
    // counted in bytes, not reads: a pipe answers in pieces of 64 KiB or less
    let total = 0;
    const shared = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
    let turn = 0;
    let buf = Buffer.allocUnsafe(READ_CHUNK);
    pending = readInto(buf);
    for (;;) {
      const bytesRead = await pending;
      pending = null;
      if (bytesRead === 0) return;
      total += bytesRead;
      const next = total < HEAD_BYTES ? Buffer.allocUnsafe(READ_CHUNK) : shared[(turn ^= 1)]!;
      pending = readInto(next);
      yield buf.subarray(0, bytesRead);
      buf = next;
    }
  } finally {
    // a read still under way when the caller stops: let it end before the file is closed
    await pending?.catch(() => 0);
    await fh?.close();
  }
}

const STDIN_FD = 0;

/** One read of descriptor 0; a non-blocking pipe (set so by another reader) answers EAGAIN until data comes. */
function readStdin(buf: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const attempt = () =>
      read(STDIN_FD, buf, 0, buf.length, null, (err, n) => {
        if (err?.code === "EAGAIN") setTimeout(attempt, 1);
        else if (err) reject(err);
        else resolve(n);
      });
    attempt();
  });
}

/** Wrap stream errors (I/O, zlib) as one-line input errors. */
async function* guarded(file: string, src: AsyncIterable<Buffer>, gz: boolean): AsyncGenerator<Buffer> {
  try {
    for await (const b of src) yield b;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (gz) throw new InputError(file, `truncated or corrupt gzip data (${err.message})`);
    throw new InputError(file, `cannot read (${err.code ?? err.message})`);
  }
}

/** Pull from `it` until `min` bytes are buffered or the input ends. */
async function fill(it: AsyncIterator<Buffer>, parts: Buffer[], have: number, min: number): Promise<{ have: number; done: boolean }> {
  while (have < min) {
    const r = await it.next();
    if (r.done) return { have, done: true };
    parts.push(r.value);
    have += r.value.length;
  }
  return { have, done: false };
}

function sniffUtf16(b: Buffer): "utf-16le" | "utf-16be" | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.4 * pairs && evenZero < 0.05 * pairs) return "utf-16le";
  if (evenZero > 0.4 * pairs && oddZero < 0.05 * pairs) return "utf-16be";
  return null;
}

/** Binary containers users hand over instead of a text export, by their first bytes, with what to do instead. */
const BINARY_KINDS: [RegExp, string][] = [
  [/^PK\x03\x04/, "a ZIP container (an .xlsx/.ods workbook, or a .zip archive): export the sheet as CSV, or unzip it"],
  [/^BIO-LOGIC MODULAR FILE/, "an EC-Lab binary .mpr file: export it as text (.mpt) from EC-Lab"],
  [/^TDSm/, "a LabVIEW TDMS file: export the channel as text (CSV or LVM)"],
  [/^\x89HDF/, "an HDF5 file: export time and current as CSV"],
  [/^ABF2?/, "an Axon binary ABF file: export it as ATF (text) from Clampfit"],
  [/^\xd0\xcf\x11\xe0/, "an OLE2 container (an .xls workbook?): export the sheet as CSV"],
];

/** 1 for the control bytes that text exports do not contain (tab, LF, VT, FF, CR are text; NUL is refused apart) */
const CONTROL = new Uint8Array(256);
for (let c = 1; c < 32; c++) if (c < 9 || c > 13) CONTROL[c] = 1;
CONTROL[127] = 1;

function assertText(file: string, head: Buffer): void {
  const start = head.toString("latin1", 0, Math.min(head.length, 32));
  for (const [magic, what] of BINARY_KINDS) if (magic.test(start)) throw new InputError(file, `not a text trace: ${what}`);
  if (head.indexOf(0) >= 0) throw new InputError(file, "not a text trace (binary data: NUL bytes)");
  // a table look-up per byte, no branches: this runs on the whole head (1 MiB) of every file
  let control = 0;
  for (let i = 0; i < head.length; i++) control += CONTROL[head[i]!]!;
  // a few stray control bytes occur in real text exports (Maccor description field); binary has many
  if (head.length > 0 && control > Math.max(16, head.length * 0.01)) {
    throw new InputError(file, `not a text trace (binary data: ${control} control bytes in the first ${head.length} bytes)`);
  }
}

/**
 * Whether b is valid UTF-8 as far as it goes: the head may end inside a character (its other bytes
 * follow), which is no error. Node's native validator checks the complete part without building a
 * string (decoding the 256 KiB head only to validate it cost a string that size per file); the few
 * bytes of a character the head cuts are checked as a streaming decoder would.
 */
export function isUtf8(b: Buffer): boolean {
  const cut = cutCharacter(b);
  if (!isUtf8Native(b.subarray(0, b.length - cut))) return false;
  if (cut === 0) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(b.length - cut), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Bytes at the end of b that begin a multi-byte character b does not finish (0 when none). */
function cutCharacter(b: Buffer): number {
  for (let j = b.length - 1; j >= Math.max(0, b.length - 4); j--) {
    const c = b[j]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: the character starts further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return b.length - j < need ? b.length - j : 0;
  }
  return 0;
}

function crToLf(b: Buffer): void {
  for (let i = b.indexOf(13); i >= 0; i = b.indexOf(13, i + 1)) b[i] = 10;
}

async function* copies(src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const b of src) yield Buffer.from(b);
}

async function* transcodeUtf16(label: "utf-16le" | "utf-16be", src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const dec = new TextDecoder(label);
  for await (const b of src) {
    const s = dec.decode(b, { stream: true });
    if (s.length > 0) yield Buffer.from(s, "utf8");
  }
  const tail = dec.decode();
  if (tail.length > 0) yield Buffer.from(tail, "utf8");
}

/** src, then `end` once it is over, however it ends (done, an error, a reader that stops early). */
async function* endingWith(src: AsyncIterable<Buffer>, end: () => Promise<void>): AsyncGenerator<Buffer> {
  try {
    yield* src;
  } finally {
    await end();
  }
}

async function* concat(first: Buffer[], it: AsyncIterator<Buffer>, done: boolean): AsyncGenerator<Buffer> {
  try {
    for (const b of first) yield b;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    // a reader that stops early (an InputError at some line) ends the source too: its file is closed
    // now, not when the GC finds the handle (an ended source ignores this)
    if (!done) await it.return?.(undefined);
  }
}

export async function openBytes(file: string): Promise<ByteInput> {
  const raw = guarded(file, openSource(file), false);
  const rawIt = raw[Symbol.asyncIterator]();
  try {
    return await sniffed(file, rawIt);
  } catch (e) {
    // refused (empty, binary, unreadable): the file is released now, not when the GC finds its handle
    // (a batch over an archive of such files would otherwise hold a descriptor per file)
    await rawIt.return?.(undefined).catch(() => undefined);
    throw e;
  }
}

/** Compression, encoding and the head of the input behind rawIt. */
async function sniffed(file: string, rawIt: AsyncIterator<Buffer>): Promise<ByteInput> {
  const firstParts: Buffer[] = [];
  let f = await fill(rawIt, firstParts, 0, 2);
  const first = Buffer.concat(firstParts);
  let compression: "none" | "gzip" = "none";
  let stream: AsyncIterable<Buffer> = concat([first], rawIt, f.done);
  if (first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b) {
    compression = "gzip";
    const gunzip = createGunzip();
    // zlib holds written pieces asynchronously, so it gets copies of the reused read buffer
    const compressed = Readable.from(copies(stream));
    // 'close' comes once the source behind it has ended (its file closed); listened for from the start
    const closed = new Promise<void>((resolve) => compressed.once("close", () => resolve()));
    compressed.on("error", (e) => gunzip.destroy(e)).pipe(gunzip);
    // a reader that stops early stops the compressed side too, and waits for its file to be closed
    stream = endingWith(guarded(file, gunzip as AsyncIterable<Buffer>, true), async () => {
      compressed.destroy();
      await closed;
    });
  }
  const it = stream[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  f = await fill(it, parts, 0, HEAD_BYTES);
  let head = Buffer.concat(parts);
  if (head.length === 0) throw new InputError(file, "empty file");

  let encoding: string;
  let textEncoding: "utf8" | "latin1" = "utf8";
  let body: AsyncIterable<Buffer>;
  let utf16: "utf-16le" | "utf-16be" | null = null;
  let skip = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    encoding = "utf-8 (BOM)";
    skip = 3;
  } else if (head[0] === 0xff && head[1] === 0xfe) {
    utf16 = "utf-16le";
    encoding = "utf-16le (BOM)";
    skip = 2;
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    utf16 = "utf-16be";
    encoding = "utf-16be (BOM)";
    skip = 2;
  } else {
    utf16 = sniffUtf16(head);
    encoding = utf16 ? `${utf16} (no BOM, from the NUL pattern)` : "";
  }
  const rest = concat([head.subarray(skip)], it, f.done);
  if (utf16) {
    const parts16: Buffer[] = [];
    const t = transcodeUtf16(utf16, rest);
    const tIt = t[Symbol.asyncIterator]();
    const g = await fill(tIt, parts16, 0, HEAD_BYTES);
    head = Buffer.concat(parts16);
    body = concat([head], tIt, g.done);
    assertText(file, head);
  } else {
    head = head.subarray(skip);
    assertText(file, head);
    if (!encoding) {
      if (isUtf8(head)) encoding = "utf-8";
      else {
        encoding = "latin-1 (bytes are not valid UTF-8)";
        textEncoding = "latin1";
      }
    }
    body = rest;
  }
  // classic Mac line endings (CR only): read as LF, in place (the pieces are this module's own buffers)
  if (head.indexOf(10) < 0 && head.indexOf(13) >= 0) {
    encoding += ", CR line endings";
    head = Buffer.from(head);
    crToLf(head);
    const src = body;
    body = (async function* () {
      for await (const b of src) {
        crToLf(b);
        yield b;
      }
    })();
  }
  let used = false;
  const sources = [it, rawIt];
  return {
    async close() {
      for (const src of sources) await src.return?.().catch(() => undefined);
    },
    encoding,
    compression,
    textEncoding,
    head,
    headIsAll: f.done,
    bytes() {
      if (used) throw new Error("trace body can be read once");
      used = true;
      return (async function* () {
        yield* body;
      })();
    },
  };
}
