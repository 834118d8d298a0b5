// Plots of one trace: envelope collection, the annotated SVG, the terminal sparkline.
export { EnvelopeCollector, toColumns, type TraceEnvelope, type EnvelopeSeries, type ZoomEnvelope, type EnvelopeOptions } from "./envelope.js";
export { renderTraceSvg, type TraceSvgOptions } from "./trace-svg.js";
export { sparkline, type SparklineOptions } from "./sparkline.js";
export { escapeXml } from "./escape.js";
