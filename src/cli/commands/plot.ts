// `softshort plot FILE -o trace.svg`: analyse one trace and draw the annotated figure (SVG).
import path from "node:path";
import type { Command } from "commander";
import { analyze } from "../../analyze.js";
import { UsageError } from "../../errors.js";
import { EnvelopeCollector } from "../../report/plot/envelope.js";
import { renderTraceSvg } from "../../report/plot/trace-svg.js";
import { sparkline } from "../../report/plot/sparkline.js";
import { writeAtomic } from "../batch/outdir.js";
import { addDetectorOptions, addParseOptions, parseDurationValue, parsePositive, settingsFromFlags, toAnalyzeOptions, type SettingsFlags } from "../batch/settings.js";

interface PlotFlags extends SettingsFlags {
  output: string;
  log?: boolean;
  zoom?: string[];
  width?: string;
  title?: string;
  sparkline?: boolean;
}

/** "180:200", "3min:3.5min", "500ms:2s" -> seconds since the first sample. */
export function parseZoom(text: string): { from_s: number; to_s: number } {
  const parts = text.split(":");
  if (parts.length !== 2) throw new UsageError(`--zoom: expected START:END such as 180:200, got "${text}"`);
  const from_s = parseDurationValue("--zoom", parts[0]!);
  const to_s = parseDurationValue("--zoom", parts[1]!);
  if (!(to_s > from_s)) throw new UsageError(`--zoom: END must be after START, got "${text}"`);
  return { from_s, to_s };
}

/** Write a figure or page to `output` ("-" = stdout) atomically, never over one of the inputs. */
export function writeOutput(output: string, text: string, inputs: string[]): void {
  refuseOverwrite(output, inputs);
  if (output === "-") process.stdout.write(text);
  else writeAtomic(output, text);
}

/** Checked before any analysis too, so a typo in -o costs nothing. */
export function refuseOverwrite(output: string, inputs: string[]): void {
  const target = path.resolve(output);
  if (output !== "-" && inputs.some((f) => f !== "-" && path.resolve(f) === target)) {
    throw new UsageError(`-o ${output}: refusing to write over an input file`);
  }
}

/** Parse and detector flags shared with analyze (same names, same meaning). */
/** The parser's and detector's flags, shared with analyze and inspect. */
export function addTraceFlags(cmd: Command): Command {
  return addDetectorOptions(addParseOptions(cmd));
}

export function register(program: Command): void {
  const cmd = program
    .command("plot")
    .description("draw the annotated current trace: phases, noise band, threshold, spikes, transitions, zoom insets")
    .argument("<file>", "trace file (CSV/TSV/instrument export, .gz, or - for stdin)")
    .requiredOption("-o, --output <file.svg>", "where to write the SVG (- for stdout)")
    .option("--log", "|I| on a logarithmic axis")
    .option("--zoom <start:end>", "add an inset zoom of this time window (seconds since the first sample; repeatable)", (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option("--width <inches>", "printed figure width in inches", "3.4")
    .option("--title <text>", "heading (default: the file name)")
    .option("--sparkline", "also print a one-line sparkline of the trace on stderr");
  addTraceFlags(cmd);
  cmd.addHelpText("after", "\nExamples:\n  softshort plot run.csv -o run.svg\n  softshort plot run.csv -o run.svg --log --zoom 180:200 --zoom 350:365\n");
  cmd.action(async (file: string, flags: PlotFlags) => {
    refuseOverwrite(flags.output, [file]);
    const zooms = (flags.zoom ?? []).map(parseZoom);
    const width_in = parsePositive("--width", flags.width ?? "3.4");
    const settings = settingsFromFlags(flags);
    const collector = new EnvelopeCollector({ zooms });
    const result = await analyze(file, { ...toAnalyzeOptions(settings), observers: [collector] });
    const envelope = collector.envelope();
    const svg = renderTraceSvg(result, envelope, {
      log: flags.log ?? false, width_in, ...(flags.title !== undefined ? { title: flags.title } : {}),
    });
    writeOutput(flags.output, svg, [file]);
    if (flags.sparkline) process.stderr.write(`${sparkline(result, envelope, 72, { color: process.stderr.isTTY && !process.env.NO_COLOR ? 1 : 0 })}\n`);
    if (flags.output !== "-") {
      process.stdout.write(`${flags.output}: ${result.verdict}, ${result.spikes.length} spike${result.spikes.length === 1 ? "" : "s"} marked, ${(Buffer.byteLength(svg) / 1024).toFixed(0)} KB\n`);
    }
  });
}
