// Loads a stage's WebAssembly kernel (built by scripts/build-wasm.mjs into dist/wasm/), once per thread.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const compiled = new Map<string, WebAssembly.Module>();

/**
 * dist/wasm/<stage>.wasm from this module's place: dist/src/wasm/ (the built tool) and src/wasm/
 * (the tests, run from the sources) both sit two levels below the repository root.
 */
function wasmPath(stage: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, "../../", here.includes(`${path.sep}dist${path.sep}`) ? "" : "dist", "wasm", `${stage}.wasm`);
}

/** The compiled module of a stage's kernel; a missing build is an installation fault, said as such. */
export function kernelModule(stage: string): WebAssembly.Module {
  let m = compiled.get(stage);
  if (!m) {
    const file = wasmPath(stage);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (it compiles the WebAssembly kernels)`);
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
export function instantiateKernel<E>(stage: string, bytes: number): { exports: E; memory: WebAssembly.Memory; heapBase: number } {
  const memory = new WebAssembly.Memory({ initial: pagesFor(bytes + 65536) });
  const instance = new WebAssembly.Instance(kernelModule(stage), { env: { memory } });
  const exports = instance.exports as unknown as E & { heapBase(): number };
  // the first free byte after the kernel's static data, 16-byte aligned
  const heapBase = (exports.heapBase() + 15) & ~15;
  if (heapBase + bytes > memory.buffer.byteLength) throw new Error(`wasm ${stage}: static data (${heapBase} B) leaves no room for ${bytes} B`);
  return { exports, memory, heapBase };
}

/** Carves typed arrays out of a kernel's memory, each 16-byte aligned, from `base` upwards. */
export class KernelHeap {
  private next: number;
  constructor(private readonly memory: WebAssembly.Memory, base: number) {
    this.next = base;
  }
  f64(n: number): Float64Array {
    return new Float64Array(this.memory.buffer, this.take(n * 8), n);
  }
  i32(n: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.take(n * 4), n);
  }
  u8(n: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, this.take(n), n);
  }
  private take(bytes: number): number {
    const at = this.next;
    this.next = (at + bytes + 15) & ~15;
    if (this.next > this.memory.buffer.byteLength) throw new Error("wasm heap: out of the memory sized for it");
    return at;
  }
}
