// The batch report: one static HTML page (inline CSS/JS, no network) with a sortable table, thumbnails and survival curves.
import { createHash } from "node:crypto";
import { VERDICT_ORDER, type AnalysisResult } from "../../result.js";
import { formatCurrent, formatDuration } from "../units.js";
import { escapeXml } from "../plot/escape.js";
import { OKABE_ITO, PHASE_COLOR } from "../plot/palette.js";
import { renderSurvivalSvg, type SurvivalSample } from "./survival.js";

export type ReportRow =
  | { status: "ok"; file: string; result: AnalysisResult; /** from renderTraceSvg(..., {thumbnail: true}) */ thumbnailSvg: string }
  | { status: "error"; file: string; error: string };

export interface ReportOptions {
  title?: string;
  /** shown in the footer; omit for byte-identical pages across runs */
  generatedAt?: string;
}

/** Sorting in the browser; the page's CSP allows exactly this script (by hash) and nothing else. */
const SORT_SCRIPT = `
for (const table of document.querySelectorAll("table.sortable")) {
  const heads = table.querySelectorAll("thead th");
  heads.forEach((th, col) => {
    const button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", () => {
      const asc = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      const numeric = th.dataset.type === "number";
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      const key = (r) => { const c = r.cells[col]; return c ? (c.dataset.sort ?? c.textContent) : ""; };
      rows.sort((a, b) => {
        let ka = key(a), kb = key(b);
        if (numeric) {
          // empty (never happened / failed) sorts last either way
          const na = ka === "" ? NaN : Number(ka), nb = kb === "" ? NaN : Number(kb);
          if (Number.isNaN(na) || Number.isNaN(nb)) return Number.isNaN(na) - Number.isNaN(nb);
          return asc ? na - nb : nb - na;
        }
        return asc ? ka.localeCompare(kb) : kb.localeCompare(ka);
      });
      for (const r of rows) body.appendChild(r);
    });
  });
}
`;

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 1.5rem; color: #111; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
.counts span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border: 1px solid #0003; margin-right: .3em; vertical-align: -0.05em; }
table { border-collapse: collapse; margin-top: 1rem; font-size: .9rem; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: middle; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td.file { min-width: 14rem; max-width: 24rem; overflow-wrap: anywhere; font-family: ui-monospace, monospace; font-size: .85rem; }
td.error { color: #a00; }
td.file .meta { font-family: system-ui, sans-serif; color: #555; font-size: .8rem; }
.warnings { color: #8a5a00; font-size: .8rem; cursor: help; }
.verdict { white-space: nowrap; font-weight: 600; padding: .05rem .35rem; border-radius: .2rem; }
svg.thumbnail { display: block; }
footer { margin-top: 1.5rem; color: #555; font-size: .8rem; }
`;

const VERDICT_COLOR: Record<string, string> = {
  "stable": PHASE_COLOR.quiescent,
  "soft-short": PHASE_COLOR["soft-short"],
  "hard-short": PHASE_COLOR["hard-short"],
  "fuse": PHASE_COLOR.open,
  "error": "#999999",
};

function sortValue(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "" : String(x);
}

function timeCell(t: number | null): string {
  return `<td class="num" data-sort="${sortValue(t)}">${t === null ? "–" : escapeXml(formatDuration(t, 4))}</td>`;
}

/** What the parser read: format and chosen columns (names come from the file: escaped like everything else). */
function inputLine(res: AnalysisResult): string {
  const input = res.input;
  if (!input) return "";
  const cols = [input.timeColumn?.name, input.currentColumn?.name].filter((c): c is string => typeof c === "string");
  return `<div class="meta">${escapeXml(input.format)}${cols.length ? `: ${escapeXml(cols.map((c) => `"${c}"`).join(", "))}` : ""}</div>`;
}

/** Warnings as a count with the full text on hover. */
function warningsBadge(res: AnalysisResult): string {
  if (!res.warnings.length) return "";
  const text = res.warnings.join("\n");
  return ` <span class="warnings" title="${escapeXml(text)}">⚠ ${res.warnings.length}</span>`;
}

function row(r: ReportRow, index: number): string {
  const meta = r.status === "ok" ? inputLine(r.result) : "";
  const fileCell = `<td class="file" data-sort="${escapeXml(r.file)}"><div class="path">${escapeXml(r.file)}</div>${meta}</td>`;
  if (r.status === "error") {
    return `<tr class="failed" data-status="error"><td class="num" data-sort="${index}">${index + 1}</td>${fileCell}` +
      `<td data-sort="${VERDICT_ORDER.length}"><span class="verdict" style="background:${VERDICT_COLOR.error}33">error</span></td>` +
      `<td class="error" colspan="7" data-sort="">${escapeXml(r.error)}</td><td></td></tr>`;
  }
  const res = r.result;
  const maxSpike = res.spikes.reduce((m, s) => Math.max(m, s.peak_A), 0);
  return `<tr data-status="ok" data-verdict="${escapeXml(res.verdict)}" data-spike-count="${res.spikes.length}">` +
    `<td class="num" data-sort="${index}">${index + 1}</td>${fileCell}` +
    `<td data-sort="${VERDICT_ORDER.indexOf(res.verdict)}"><span class="verdict" style="background:${VERDICT_COLOR[res.verdict] ?? "#999999"}33">${escapeXml(res.verdict)}</span>${warningsBadge(res)}</td>` +
    timeCell(res.transitions.softShortOnset_s) + timeCell(res.transitions.hardShort_s) + timeCell(res.transitions.fuse_s) +
    `<td class="num spikes" data-sort="${res.spikes.length}">${res.spikes.length}</td>` +
    `<td class="num" data-sort="${res.bursts.length}">${res.bursts.length}</td>` +
    `<td class="num" data-sort="${maxSpike}">${maxSpike > 0 ? escapeXml(formatCurrent(maxSpike)) : "–"}</td>` +
    `<td class="num" data-sort="${sortValue(res.duration_s)}">${escapeXml(formatDuration(res.duration_s, 4))}</td>` +
    `<td class="thumb">${r.thumbnailSvg}</td></tr>`;
}

/** Time to an event per analysed file; a file that never reached it is censored at its duration. */
function survivalSamples(results: AnalysisResult[], pick: (r: AnalysisResult) => number | null): SurvivalSample[] {
  return results.map((r) => {
    const t = pick(r);
    return t === null ? { time_s: r.duration_s, event: false } : { time_s: t, event: true };
  });
}

export function renderReportHtml(rows: ReportRow[], options: ReportOptions = {}): string {
  const title = options.title ?? "softshort report";
  const ok = rows.flatMap((r) => (r.status === "ok" ? [r.result] : []));
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = r.status === "ok" ? r.result.verdict : "error";
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const countHtml = [...VERDICT_ORDER, "error"]
    .filter((v) => counts.has(v))
    .map((v) => `<span data-verdict="${v}"><i class="swatch" style="background:${VERDICT_COLOR[v]}"></i>${v}: <b>${counts.get(v)}</b></span>`)
    .join("");
  const survival = ok.length
    ? renderSurvivalSvg([
      { name: "soft short", color: OKABE_ITO.orange, samples: survivalSamples(ok, (r) => r.transitions.softShortOnset_s) },
      { name: "hard short", color: OKABE_ITO.vermillion, samples: survivalSamples(ok, (r) => r.transitions.hardShort_s) },
    ], "Time to soft short and to hard short (Kaplan-Meier)")
    : "<p>No file could be analysed.</p>";
  const hash = createHash("sha256").update(SORT_SCRIPT).digest("base64");
  const head = (label: string, type: "number" | "text") => `<th data-type="${type}"><button type="button">${label}</button></th>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<p class="counts">${rows.length} file${rows.length === 1 ? "" : "s"}: ${countHtml}</p>
<section class="survival-chart">${survival}
<p>Each file counts once; a file that never reached the event is censored at its duration (stable files for both curves, soft-short files for the hard-short curve).</p></section>
<table class="summary sortable">
<thead><tr>${head("#", "number")}${head("File", "text")}${head("Verdict", "number")}${head("Soft-short onset", "number")}${head("Hard short", "number")}${head("Fuse", "number")}${head("Spikes", "number")}${head("Bursts", "number")}${head("Max spike", "number")}${head("Duration", "number")}<th>Trace</th></tr></thead>
<tbody>
${rows.map(row).join("\n")}
</tbody>
</table>
<footer>softshort${ok[0] ? ` ${escapeXml(ok[0].tool.version)}` : ""}${options.generatedAt ? `, ${escapeXml(options.generatedAt)}` : ""}. Times are seconds since each file's first sample. Click a column title to sort.</footer>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
