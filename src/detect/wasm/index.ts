// The detector's WebAssembly kernel (AssemblyScript): the per-block and per-sample loops that
// dominate its time, over arrays the JS side lays out in this module's memory.
export { selectInPlace, medianInPlace } from "./stats";
export { selectLayout, levelOf, levelMedian, levelQ1, levelQ3, trimmedSigma } from "./select";
export { rawLayout, blockSummary } from "./blocks";
export {
  ringLayout, positionsLayout, mainsLayout, boxcarLayout, residualSettings, passOne, endZeroRun,
  quantum, xMax, xMin, flatRuns, zeroRuns, zeroFirst, zeroOpen,
} from "./pass1";
export { triggerLayout, triggerCandidates } from "./triggers";
export { widthSigma } from "./scalenoise";
export {
  chargeSettings, chargePush, closeWindow, chargeQ, chargeF, chargeExcluded, chargeLastT, chargeCheckpointEvery, chargeFaradaicWindow_s,
} from "./charge";

/** first byte after the static data: the JS side lays out its arrays from here */
export function heapBase(): usize {
  return __heap_base;
}
