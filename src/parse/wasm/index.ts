// The parser's WebAssembly kernel (AssemblyScript): plain numeric rows of a piece of the body, parsed
// and turned into samples in one call, over bytes the JS side copies into this module's memory.
export { configure, rows } from "./rows";
export { readNumberAt } from "./probe";

/** first byte after the static data: the JS side lays out its arrays from here */
export function heapBase(): usize {
  return __heap_base;
}
