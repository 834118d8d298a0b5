// `softshort report DIR|FILES -o report.html`: analyse every trace and write one static, browsable HTML page.
import type { Command } from "commander";
import { analyze } from "../../analyze.js";
import { InputError, UsageError } from "../../errors.js";
import { renderReportHtml, type ReportRow } from "../../report/html/report.js";
import { EnvelopeCollector } from "../../report/plot/envelope.js";
import { renderTraceSvg } from "../../report/plot/trace-svg.js";
import { expandInputs } from "../batch/inputs.js";
import { settingsFromFlags, toAnalyzeOptions, type SettingsFlags } from "../batch/settings.js";
import { raiseExitCode } from "../exit.js";
import { addTraceFlags, refuseOverwrite, writeOutput } from "./plot.js";

interface ReportFlags extends SettingsFlags {
  output: string;
  title?: string;
  log?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command("report")
    .description("analyse many traces into one static HTML page: sortable summary, thumbnails, survival curves")
    .argument("<inputs...>", "trace files, directories (walked recursively) or globs")
    .requiredOption("-o, --output <report.html>", "where to write the page (- for stdout)")
    .option("--title <text>", "page heading", "softshort report")
    .option("--log", "thumbnails with |I| on a logarithmic axis");
  addTraceFlags(cmd);
  cmd.addHelpText("after", "\nExamples:\n  softshort report runs/ -o report.html\n  softshort report 'runs/**/*.csv' -o report.html --title \"LATP cells, May\"\n");
  cmd.action(async (inputs: string[], flags: ReportFlags) => {
    const settings = settingsFromFlags(flags);
    const files = expandInputs(inputs);
    if (files.length === 0) throw new UsageError("report: no input files");
    if (files.includes("-")) throw new UsageError("report: stdin (-) cannot be part of a report; give files or folders");
    refuseOverwrite(flags.output, files);
    const rows: ReportRow[] = [];
    // one file at a time: a report is read by people, its cost is dominated by the analyses anyway
    for (const file of files) {
      const collector = new EnvelopeCollector({ bins: 1024 });
      try {
        const result = await analyze(file, { ...toAnalyzeOptions(settings), observers: [collector] });
        rows.push({ status: "ok", file, result, thumbnailSvg: renderTraceSvg(result, collector.envelope(), { thumbnail: true, log: flags.log ?? false }) });
      } catch (err) {
        // one bad file never stops the others; the page and stderr say what went wrong
        const message = err instanceof InputError ? err.message : `${file}: ${err instanceof Error ? err.message : String(err)}`;
        rows.push({ status: "error", file, error: message });
      }
    }
    writeOutput(flags.output, renderReportHtml(rows, { title: flags.title ?? "softshort report" }), files);
    const failed = rows.filter((r) => r.status === "error").length;
    if (flags.output !== "-") {
      process.stdout.write(`${flags.output}: ${rows.length} file${rows.length === 1 ? "" : "s"}${failed ? `, ${failed} failed` : ""}\n`);
    }
    for (const r of rows) if (r.status === "error") process.stderr.write(`softshort: ${r.error}\n`);
    if (failed) raiseExitCode(2);
  });
}
