// STUB (filled by the escalation-statistics work): text lines for result.escalation in the timeline.
import type { AnalysisResult } from "../result.js";

export function formatEscalation(_result: AnalysisResult): string[] {
  return [];
}
