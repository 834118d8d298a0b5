// Data to stdout in the chosen format: a timeline or JSON for one file, a summary table / CSV / NDJSON for many.
import { formatJson, formatNdjsonLine } from "../../report/json.js";
import { formatSummaryCsv, formatSummaryTable, summaryRow, type SummaryRow } from "../../report/summary.js";
import { formatTimeline } from "../../report/text.js";
import type { BatchOutcome } from "./job.js";

export type OutputFormat = "text" | "json" | "ndjson" | "csv";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "ndjson", "csv"];

export interface Sink {
  write(text: string): unknown;
}

/**
 * Receives outcomes in input order. NDJSON lines are written as they come (a pipeline sees results
 * early); tables, CSV and a multi-file JSON array need every row and are written by end().
 */
export class OutputWriter {
  private rows: SummaryRow[] = [];
  private documents: unknown[] = [];

  constructor(
    private readonly format: OutputFormat,
    /** one input named as a plain file (or "-"): text is the full timeline, json a single document */
    private readonly single: boolean,
    private readonly color: boolean,
    private readonly out: Sink,
  ) {}

  outcome(o: BatchOutcome): void {
    switch (this.format) {
      case "ndjson":
        // an ok line is the result itself (the same object as --format json); a failure line has status "error"
        this.out.write(formatNdjsonLine(o.status === "ok" ? o.result : o));
        return;
      case "json":
        if (this.single) { if (o.status === "ok") this.out.write(formatJson(o.result)); }
        else this.documents.push(o.status === "ok" ? o.result : o);
        return;
      case "text":
        if (this.single) {
          if (o.status === "ok") this.out.write(formatTimeline(o.result, { color: this.color, ...(o.sparkline ? { sparkline: o.sparkline } : {}) }));
        }
        else this.rows.push(summaryRow(o));
        return;
      case "csv":
        this.rows.push(summaryRow(o));
        return;
    }
  }

  end(): void {
    if (this.format === "csv") this.out.write(formatSummaryCsv(this.rows));
    else if (this.format === "text" && !this.single) this.out.write(formatSummaryTable(this.rows, { color: this.color }));
    else if (this.format === "json" && !this.single) this.out.write(formatJson(this.documents));
  }
}
