// Loads a stage's WebAssembly kernel (built by scripts/build-wasm.mjs into dist/wasm/), once per thread.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { packageRoot } from "./packageroot.js";

const compiled = new Map<string, WebAssembly.Module>();

/** dist/wasm/<stage>.wasm of the package, for the built tool, its bundle and the tests alike. */
function wasmPath(stage: string): string {
  return path.join(packageRoot(), "dist", "wasm", `${stage}.wasm`);
}

/** The compiled module of a stage's kernel; a missing build is an installation fault, said as such. */
export function kernelModule(stage: string): WebAssembly.Module {
  let m = compiled.get(stage);
  if (!m) {
    const file = wasmPath(stage);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (it compiles the WebAssembly kernels)`);
    if (compiled.size === 0) optimiseEagerly();
    m = new WebAssembly.Module(readFileSync(file));
    compiled.set(stage, m);
  }
  return m;
}

/** 64 KiB WebAssembly pages for a byte count. */
export const pagesFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / 65536));

/**
 * A kernel instance over its own memory of `bytes` (plus the kernel's static data). The memory never
 * grows after this, so typed-array views made on it stay valid for the instance's life.
 */
function instantiateKernel<E>(stage: string, bytes: number): { exports: E; memory: WebAssembly.Memory; heapBase: number } {
  const memory = new WebAssembly.Memory({ initial: pagesFor(bytes + 65536) });
  const instance = new WebAssembly.Instance(kernelModule(stage), { env: { memory } });
  const exports = instance.exports as unknown as E & { heapBase(): number };
  // the first free byte after the kernel's static data, 16-byte aligned
  const heapBase = (exports.heapBase() + 15) & ~15;
  if (heapBase + bytes > memory.buffer.byteLength) throw new Error(`wasm ${stage}: static data (${heapBase} B) leaves no room for ${bytes} B`);
  return { exports, memory, heapBase };
}

/**
 * A kernel instance whose memory holds exactly the arrays `carve` asks for: the layout runs once
 * through a HeapSizer to size the memory, then through the instance's KernelHeap for the arrays,
 * so the size cannot drift from the layout.
 */
export function carvedKernel<E, A>(stage: string, carve: (heap: ArrayCarver) => A): { exports: E; arrays: A } {
  const sizer = new HeapSizer();
  carve(sizer);
  const { exports, memory, heapBase } = instantiateKernel<E>(stage, sizer.bytes);
  return { exports, arrays: carve(new KernelHeap(memory, heapBase)) };
}

/** Where a kernel's arrays come from: a KernelHeap, or a HeapSizer measuring what one must hold. */
export interface ArrayCarver {
  f64(n: number): Float64Array<ArrayBuffer>;
  i32(n: number): Int32Array<ArrayBuffer>;
  u8(n: number): Uint8Array<ArrayBuffer>;
}

/**
 * Adds up what the same requests would take from a KernelHeap (16-byte alignment included), handing
 * back empty arrays: run a layout once through it to size the memory, then through the real heap,
 * so the size cannot drift from the layout.
 */
export class HeapSizer implements ArrayCarver {
  bytes = 0;
  f64(n: number): Float64Array<ArrayBuffer> {
    this.take(n * 8);
    return new Float64Array(0);
  }
  i32(n: number): Int32Array<ArrayBuffer> {
    this.take(n * 4);
    return new Int32Array(0);
  }
  u8(n: number): Uint8Array<ArrayBuffer> {
    this.take(n);
    return new Uint8Array(0);
  }
  private take(bytes: number): void {
    this.bytes = (this.bytes + bytes + 15) & ~15;
  }
}

/** Carves typed arrays out of a kernel's memory, each 16-byte aligned, from `base` upwards. */
export class KernelHeap implements ArrayCarver {
  private next: number;
  constructor(private readonly memory: WebAssembly.Memory, base: number) {
    this.next = base;
  }
  f64(n: number): Float64Array<ArrayBuffer> {
    return new Float64Array(this.memory.buffer, this.take(n * 8), n);
  }
  i32(n: number): Int32Array<ArrayBuffer> {
    return new Int32Array(this.memory.buffer, this.take(n * 4), n);
  }
  u8(n: number): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.memory.buffer, this.take(n), n);
  }
  private take(bytes: number): number {
    const at = this.next;
    this.next = (at + bytes + 15) & ~15;
    if (this.next > this.memory.buffer.byteLength) throw new Error("wasm heap: out of the memory sized for it");
    return at;
  }
}

/**
 * Compile every kernel function with the optimising compiler at once. By default V8 starts wasm on its
 * baseline compiler and swaps in optimised code only after a function has run a while: measured
 * here, the kernels ran at about half speed for the first ~20,000 calls (blocks), a good part of a
 * whole trace. The kernels are a few kilobytes, so compiling them fully costs a few milliseconds.
 * (A process-wide V8 setting, made before the first module is compiled; it affects only wasm.)
 */
function optimiseEagerly(): void {
  setFlagsFromString("--no-liftoff");
}
