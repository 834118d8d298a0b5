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
// Analyses beyond the timeline (issue 4): usable on their own from scripts and notebooks.
export { alignFrames, type FrameAlignment } from "./detect/frames.js";
export { computeEscalation, type Escalation } from "./detect/escalation.js";
export { defaultObservers } from "./detect/observers.js";
export { spectrumObserver, findLines, summarizeSpectrum } from "./detect/spectrum.js";
export { welch, WelchAccumulator, type Psd } from "./detect/welch.js";
export { faradayAnalysis, type Geometry } from "./detect/faraday.js";
export { chargeObserver, type ChargeSplit } from "./detect/charge.js";
export type { TraceObserver } from "./analyze.js";
// Figures (issue 6): envelope observer, annotated SVG, sparkline, batch HTML report.
export * from "./report/plot/index.js";
export { renderReportHtml, type ReportRow, type ReportOptions } from "./report/html/report.js";
export { kaplanMeier, renderSurvivalSvg } from "./report/html/survival.js";
// Text and machine-readable printers.
export { formatTimeline } from "./report/text.js";
export { formatJson, formatNdjsonLine } from "./report/json.js";
// Labelled synthetic traces (softshort simulate) for scripts and accuracy studies.
export { simulateTrace, createSimulation, type Simulation } from "./sim/index.js";
export type { SimSpec, SimTrace, SimTruth, SimScenario, TruthSpike } from "./sim/types.js";
