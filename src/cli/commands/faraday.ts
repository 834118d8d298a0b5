// `softshort faraday AREA.csv`: Faradaic current from Li0 projected area vs time, optionally against a measured trace.
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { parse as parseCsv } from "csv-parse/sync";
import { ChargeBetweenTimes, faradayAnalysis, type AreaPoint, type FaradayResult, type Geometry } from "../../detect/faraday.js";
import { InputError, UsageError } from "../../errors.js";
import { openTrace } from "../../parse/index.js";
import { formatJson } from "../../report/json.js";
import { formatCharge, formatCurrent, formatNumber } from "../../report/units.js";
import { settingsFromFlags, type SettingsFlags } from "../batch/settings.js";

interface FaradayFlags extends SettingsFlags {
  thickness?: string;
  shape?: "hemisphere" | "sphere";
  trace?: string;
  offset?: string;
  areaUnit?: string;
  areaTimeUnit?: string;
  format: "text" | "json";
}

const EXAMPLES = `
Examples:
  $ softshort faraday area.csv --thickness 100nm                    Li slab 100 nm thick
  $ softshort faraday area.csv --shape hemisphere --trace run.csv   against the measured current
  $ softshort faraday area.csv --shape sphere --trace run.csv --offset 12.5 --format json

AREA.csv has a time column and an area column (names containing "time"/"t" and "area", or the first
two columns), units in the header: "time (s), area (um^2)". Area times are seconds since the trace's
first sample; --offset S is added to them first (trace time = area time + S).`;

const AREA_FACTOR: Record<string, number> = { m2: 1, cm2: 1e-4, mm2: 1e-6, um2: 1e-12, nm2: 1e-18 };
const TIME_FACTOR: Record<string, number> = { s: 1, sec: 1, ms: 1e-3, us: 1e-6, min: 60, h: 3600 };
const LENGTH_FACTOR: Record<string, number> = { m: 1, mm: 1e-3, um: 1e-6, nm: 1e-9, pm: 1e-12, A: 1e-10 };

/** "um^2", "µm²", "nm2" -> canonical key ("um2"); "" when there is none. */
function canonicalUnit(text: string): string {
  return text.trim().replace(/[µμ]/g, "u").replace(/²/g, "2").replace(/\^/g, "").replace(/\s+/g, "").replace(/^sq/, "").toLowerCase();
}

/** The unit written in a header cell: "area (um^2)", "area [µm²]", "area/nm^2", "area_um2". */
function headerUnit(cell: string): string {
  const m = /[([]\s*([^)\]]+?)\s*[)\]]\s*$/.exec(cell) ?? /[/_]\s*([A-Za-zµμ]+[\^]?[2²]?)\s*$/.exec(cell);
  return m ? canonicalUnit(m[1]!) : "";
}

/** "100nm", "0.1 um", "1e-7" (metres) -> metres. */
export function parseLength(flag: string, text: string): number {
  const m = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Zµμ]*)$/.exec(text.trim());
  const unit = m ? (m[2] === "" ? "m" : m[2]!.replace(/[µμ]/, "u")) : "";
  const factor = LENGTH_FACTOR[unit];
  const v = m && factor !== undefined ? Number(m[1]) * factor : NaN;
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`${flag}: expected a length > 0 such as 100nm or 0.1um, got "${text}"`);
  return v;
}

/** Read AREA.csv: header row, then numeric rows; times in seconds, areas in m^2, sorted by time. */
export function readAreaTable(file: string, text: string, opts: { areaUnit?: string; timeUnit?: string } = {}): { points: AreaPoint[]; notes: string[] } {
  const sample = text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
  const delimiter = sample.includes("\t") ? "\t" : sample.includes(";") ? ";" : ",";
  const rows = (parseCsv(text, { delimiter, skip_empty_lines: true, comment: "#", relax_column_count: true, trim: true }) as string[][])
    .filter((r) => r.some((c) => c !== ""));
  if (rows.length === 0) throw new InputError(file, "empty area table: expected a header such as \"time (s), area (um^2)\" and rows");
  const header = rows[0]!;
  if (header.every((c) => c !== "" && Number.isFinite(Number(c)))) {
    throw new InputError(file, "no header row: name the columns, e.g. \"time (s), area (um^2)\"", 1);
  }
  let ti = header.findIndex((c) => /^\s*(time|t)\b/i.test(c));
  let ai = header.findIndex((c) => /area/i.test(c));
  if (ti < 0) ti = 0;
  if (ai < 0) ai = ti === 0 ? 1 : 0;
  if (ai >= header.length) throw new InputError(file, "expected a time column and an area column", 1);

  const notes: string[] = [];
  const areaKey = opts.areaUnit !== undefined ? canonicalUnit(opts.areaUnit) : headerUnit(header[ai]!);
  const areaFactor = AREA_FACTOR[areaKey];
  if (areaFactor === undefined) {
    throw opts.areaUnit !== undefined
      ? new UsageError(`--area-unit: expected m^2, mm^2, um^2 or nm^2, got "${opts.areaUnit}"`)
      : new InputError(file, `area unit ${areaKey ? `"${areaKey}" not understood` : "missing"} in header "${header[ai]}": write e.g. "area (um^2)" or pass --area-unit um^2`, 1);
  }
  let timeKey = opts.timeUnit !== undefined ? canonicalUnit(opts.timeUnit) : headerUnit(header[ti]!);
  if (timeKey === "") {
    timeKey = "s";
    notes.push(`time unit s assumed: none in header "${header[ti]}"`);
  }
  const timeFactor = TIME_FACTOR[timeKey];
  if (timeFactor === undefined) throw new InputError(file, `time unit "${timeKey}" not understood (s, ms, min, h)`, 1);

  const points: AreaPoint[] = [];
  rows.slice(1).forEach((r, k) => {
    const t = Number((r[ti] ?? "").replace(",", "."));
    const a = Number((r[ai] ?? "").replace(",", "."));
    if (!Number.isFinite(t) || !Number.isFinite(a) || (r[ti] ?? "") === "" || (r[ai] ?? "") === "") {
      throw new InputError(file, `row ${k + 2}: expected numbers in "${header[ti]}" and "${header[ai]}", got "${r[ti] ?? ""}", "${r[ai] ?? ""}"`);
    }
    if (a < 0) throw new InputError(file, `row ${k + 2}: negative area ${a}`);
    points.push({ time_s: t * timeFactor, area_m2: a * areaFactor });
  });
  if (points.length < 2) throw new InputError(file, "need at least two area measurements to form a rate");
  for (let k = 1; k < points.length; k++) {
    if (!(points[k]!.time_s > points[k - 1]!.time_s)) throw new InputError(file, `times must increase: row ${k + 2} is not after row ${k + 1}`);
  }
  return { points, notes };
}

function geometryFrom(flags: FaradayFlags): Geometry {
  if (flags.thickness !== undefined && flags.shape !== undefined) throw new UsageError("give either --thickness (slab) or --shape, not both");
  if (flags.thickness !== undefined) return { shape: "slab", thickness_m: parseLength("--thickness", flags.thickness) };
  if (flags.shape !== undefined) return { shape: flags.shape };
  throw new UsageError("a geometry is needed: --thickness T for a slab, or --shape hemisphere|sphere");
}

function describeGeometry(g: Geometry): string {
  return g.shape === "slab" ? `slab ${formatNumber(g.thickness_m * 1e9, 3)} nm thick (V = A T)`
    : g.shape === "hemisphere" ? "hemisphere on the electrode (A = pi r^2, V = 2/3 pi r^3)"
    : "sphere (projected A = pi r^2, V = 4/3 pi r^3)";
}

const pct = (x: number | null): string => (x === null ? "-" : `${(100 * x).toFixed(2)} %`);

export function formatFaraday(file: string, r: FaradayResult, traceFile: string | null): string {
  const first = r.points[0]!, last = r.points[r.points.length - 1]!;
  const lines = [
    `${file}: ${r.points.length} area points, ${first.time_s} - ${last.time_s} s; ${describeGeometry(r.geometry)}`,
    `  Li ${r.constants.molarMass_kg_per_mol * 1e3} g/mol, ${r.constants.density_kg_per_m3 / 1000} g/cm3, n = ${r.constants.electrons}, ` +
      `F = ${r.constants.faraday_C_per_mol} C/mol; Faradaic I = n F dN/dt by forward differences (mean over each interval)`,
    `  plated: ${formatNumber((last.area_m2 - first.area_m2) * 1e12, 3)} um^2, ${formatNumber((last.volume_m3 - first.volume_m3) * 1e18, 3)} um^3, ` +
      `${(last.moles_mol - first.moles_mol).toExponential(4)} mol Li, needs ${formatCharge(last.charge_C - first.charge_C, 4)}`,
  ];
  const rows: string[][] = [["interval (s)", "Faradaic I", ...(traceFile ? ["measured I", "non-Faradaic share"] : [])]];
  for (const iv of r.intervals) {
    rows.push([
      `${iv.start_s} - ${iv.end_s}`, formatCurrent(iv.faradaic_A, 4),
      ...(traceFile ? [iv.measured_A === null ? "not in trace" : formatCurrent(iv.measured_A, 4), pct(iv.nonFaradaicShare)] : []),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) lines.push("  " + row.map((cell, c) => cell.padEnd(widths[c]!)).join("   ").trimEnd());
  if (traceFile && r.total.measured_C !== null) {
    lines.push(
      `  total ${r.total.start_s} - ${r.total.end_s} s: Faradaic ${formatCharge(r.total.faradaic_C, 4)} of ` +
        `${formatCharge(r.total.measured_C, 4)} measured (${traceFile}): non-Faradaic share ${pct(r.total.nonFaradaicShare)}`,
    );
    if (r.total.nonFaradaicShare !== null && r.total.nonFaradaicShare < 0) {
      lines.push("  the plated Li needs more charge than was measured: check the geometry, the thickness and --offset");
    }
  }
  return lines.join("\n") + "\n";
}

async function runFaraday(file: string, flags: FaradayFlags): Promise<void> {
  const geometry = geometryFrom(flags);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const { points, notes } = readAreaTable(file, text, { areaUnit: flags.areaUnit, timeUnit: flags.areaTimeUnit });
  let measured: (number | null)[] | null = null;
  if (flags.trace !== undefined) {
    const offset = flags.offset !== undefined ? Number(flags.offset) : 0;
    if (!Number.isFinite(offset)) throw new UsageError(`--offset: expected seconds, got "${flags.offset}"`);
    const trace = await openTrace(flags.trace, settingsFromFlags(flags).parse);
    const acc = new ChargeBetweenTimes(points.map((p) => p.time_s + offset));
    for await (const chunk of trace.chunks()) acc.push(chunk);
    measured = acc.result();
    if (measured.every((q) => q === null)) notes.push(`no area interval lies inside the trace ${flags.trace} (check --offset)`);
  }
  const result = faradayAnalysis(points, geometry, measured);
  for (const n of notes) process.stderr.write(`softshort: ${file}: ${n}\n`);
  process.stdout.write(flags.format === "json"
    ? formatJson({ file, trace: flags.trace ?? null, offset_s: flags.offset !== undefined ? Number(flags.offset) : 0, notes, ...result })
    : formatFaraday(file, result, flags.trace ?? null));
}

export function register(program: Command): void {
  program
    .command("faraday")
    .description("Faradaic current implied by plated Li (projected area vs time) and the non-Faradaic share of a measured current")
    .argument("<area-csv>", "table of time and Li0 projected area, units in the header")
    .option("--thickness <length>", "slab geometry: V = area x thickness, e.g. 100nm")
    .addOption(new Option("--shape <shape>", "hemisphere or sphere: radius from the projected area").choices(["hemisphere", "sphere"]))
    .option("--trace <file>", "measured current trace: report the non-Faradaic share")
    .option("--offset <s>", "added to area times to put them on the trace's axis (seconds since its first sample)")
    .option("--area-unit <unit>", "area unit when the header has none: m^2, mm^2, um^2, nm^2")
    .option("--area-time-unit <unit>", "time unit of AREA.csv when the header has none (default s)")
    .option("--time-col <name|n>", "trace: time column")
    .option("--current-col <name|n>", "trace: current column")
    .option("--time-unit <unit>", "trace: time unit (overrides its header)")
    .option("--current-unit <unit>", "trace: current unit (overrides its header)")
    .option("--rate <hz>", "trace: sample rate when it has no time column")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", EXAMPLES)
    .action(async (file: string, flags: FaradayFlags) => {
      await runFaraday(file, flags);
    });
}
