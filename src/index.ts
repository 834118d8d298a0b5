// Library face: `import { analyze } from "softshort"` gives the same result object as the JSON output.
export { analyze, analyzeSamples, type AnalyzeOptions } from "./analyze.js";
export { openTrace } from "./parse/index.js";
export { createDetector } from "./detect/index.js";
export { DEFAULT_PARAMS, type DetectorParams } from "./detect/params.js";
export * from "./result.js";
export type { Chunk } from "./trace.js";
export { SampleFlag, chunkOf, chunked } from "./trace.js";
export type { InputInfo, ParseSummary, ParseOptions, OpenedTrace } from "./parse/types.js";
export type { Detection, Detector } from "./detect/types.js";
export { InputError, UsageError } from "./errors.js";
export { VERSION } from "./version.js";
