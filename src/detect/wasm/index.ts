// The detector's WebAssembly kernel (AssemblyScript): the per-block and per-sample loops that
// dominate its time, over arrays the JS side lays out in this module's memory.
export { selectInPlace, medianInPlace, trimmedSigmaInPlace } from "./stats";

/** first byte after the static data: the JS side lays out its arrays from here */
export function heapBase(): usize {
  return __heap_base;
}
