// `softshort inspect FILE...`: what the parser found and assumed, before any analysis (reads the whole body to count).
import { Option, type Command } from "commander";
import { InputError } from "../../errors.js";
import { openTrace } from "../../parse/index.js";
import type { InputInfo, ParseOptions, ParseSummary } from "../../parse/types.js";
import { formatCount, formatCurrent, formatDuration, formatRate } from "../../report/units.js";
import { addParseOptions, settingsFromFlags, type SettingsFlags } from "../batch/settings.js";
import { raiseExitCode } from "../exit.js";

/** What inspect reports per file: the parser's own info and summary plus a few body statistics. */
export interface Inspection {
  file: string;
  info: InputInfo;
  summary: ParseSummary;
  stats: {
    span_s: number | null;
    medianRate_hz: number | null;
    /** over good (unflagged) samples */
    minCurrent_A: number | null;
    maxCurrent_A: number | null;
    goodSamples: number;
  };
}

export async function inspectFile(file: string, options: ParseOptions): Promise<Inspection> {
  const trace = await openTrace(file, options);
  let min = Infinity;
  let max = -Infinity;
  let good = 0;
  for await (const c of trace.chunks()) {
    for (let k = 0; k < c.length; k++) {
      if (c.flags[k] !== 0) continue;
      const i = c.current_A[k]!;
      if (i < min) min = i;
      if (i > max) max = i;
      good++;
    }
  }
  const summary = trace.summary();
  const span = summary.firstTime_s !== null && summary.lastTime_s !== null ? summary.lastTime_s - summary.firstTime_s : null;
  const dt = summary.medianInterval_s ?? null;
  return {
    file,
    info: trace.info,
    summary,
    stats: { span_s: span, medianRate_hz: dt ? 1 / dt : null, minCurrent_A: good ? min : null, maxCurrent_A: good ? max : null, goodSamples: good },
  };
}

const q = (s: string): string => JSON.stringify(s);

export function inspectionText(x: Inspection): string {
  const i = x.info;
  const s = x.summary;
  const out: string[] = [x.file];
  const row = (k: string, v: string): void => {
    out.push(`  ${k.padEnd(13)} ${v}`);
  };
  row("format", `${i.format} (encoding ${i.encoding}, compression ${i.compression})`);
  row("layout", `delimiter ${i.delimiter ?? "-"}, decimal mark ${q(i.decimalMark)}, header ${i.headerLine !== null ? `on line ${i.headerLine}` : "none"}`);
  row("time", i.timeColumn ? `column ${i.timeColumn.index + 1} ${q(i.timeColumn.name)}, ${i.timeFormat}` : i.timeFormat);
  row("current", `column ${i.currentColumn.index + 1} ${q(i.currentColumn.name)} in ${i.currentUnit}${i.currentControlled ? " (instrument-controlled current: steps and rests are set, not shorts)" : ""}`);
  if (i.currentCandidates.length) row("other currents", i.currentCandidates.map(q).join(", ") + " (--current-col)");
  out.push("  columns");
  for (const c of i.columns) {
    const mark = c === i.timeColumn || c.index === i.timeColumn?.index ? "  <- time" : c.index === i.currentColumn.index ? "  <- current" : "";
    out.push(`    ${String(c.index + 1).padStart(3)}  ${(c.name || "(unnamed)").padEnd(28)} ${(c.unit ?? "-").padEnd(8)} ${c.role}${mark}`);
  }
  row("rows", `${formatCount(s.rows)} samples${s.skippedRows ? `, ${formatCount(s.skippedRows)} rows skipped` : ""}`);
  const sec = (t: number): string => `${Number(t.toPrecision(10))} s`;
  if (x.stats.span_s !== null) row("time span", `${sec(s.firstTime_s!)} -> ${sec(s.lastTime_s!)} (${formatDuration(x.stats.span_s)})`);
  row("median rate", x.stats.medianRate_hz ? `${formatRate(x.stats.medianRate_hz)} (interval ${formatDuration(1 / x.stats.medianRate_hz, 3)})` : "- (time never advances)");
  if (x.stats.minCurrent_A !== null) row("current range", `${formatCurrent(x.stats.minCurrent_A, 3)} .. ${formatCurrent(x.stats.maxCurrent_A!, 3)} over ${formatCount(x.stats.goodSamples)} good samples`);
  row(
    "artefacts",
    `missing ${s.missingCount}, overflow ${s.overflowCount}, overload ${s.overloadCount}, duplicate stamps ${s.duplicateTimeCount}, time resets ${s.nonMonotonicCount}, gaps ${s.gapCount}, range changes ${s.rangeChanges.length}`,
  );
  const meta = Object.entries(i.metadata);
  if (meta.length) {
    out.push(`  metadata      ${meta.length} entries${meta.length > 12 ? " (first 12)" : ""}`);
    for (const [k, v] of meta.slice(0, 12)) out.push(`    ${k} = ${v}`);
  }
  if (i.assumptions.length) {
    out.push("  assumptions");
    for (const a of i.assumptions) out.push(`    - ${a}`);
  }
  if (s.warnings.length) {
    out.push("  warnings");
    for (const w of s.warnings) out.push(`    - ${w}`);
  }
  return out.join("\n");
}

interface InspectFlags extends SettingsFlags {
  format: "text" | "json";
}

export function register(program: Command): void {
  const cmd = program
    .command("inspect")
    .description("Show how each file is read (format, encoding, columns, units, counts, assumptions) without analysing it")
    .argument("<files...>", "trace files, or - for stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"));
  addParseOptions(cmd).action(async (files: string[], flags: InspectFlags) => {
      const options = settingsFromFlags(flags).parse;
      const results: Inspection[] = [];
      for (const file of files) {
        try {
          const x = await inspectFile(file, options);
          results.push(x);
          if (flags.format === "text") process.stdout.write(inspectionText(x) + "\n" + (files.length > 1 ? "\n" : ""));
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          // one bad file does not stop the others; the exit code says something failed
          process.stderr.write(`softshort: ${e.message}\n`);
          raiseExitCode(2);
        }
      }
      if (flags.format === "json") process.stdout.write(JSON.stringify(results, null, 2) + "\n");
    });
}
