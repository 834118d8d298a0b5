import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderReportHtml, type ReportRow } from "../../src/report/html/report.js";
import { renderTraceSvg } from "../../src/report/plot/trace-svg.js";
import { craftFuse, resultWithEnvelope } from "./craft.js";

const HOSTILE = `<img src=x onerror=alert(1)>.csv`;

export function sampleRows(): ReportRow[] {
  const fuse = resultWithEnvelope(craftFuse(60, 1000), `runs/${HOSTILE}`);
  const stable = resultWithEnvelope(craftFuse(60, 1000), "runs/hybrid.csv");
  const stableResult = {
    ...stable.result, verdict: "stable" as const, spikes: [], bursts: [], hardShort: null, fuse: null,
    transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null },
    phases: [{ phase: "quiescent" as const, start_s: 0, end_s: 60 }],
  };
  return [
    { status: "ok", file: fuse.result.file, result: fuse.result, thumbnailSvg: renderTraceSvg(fuse.result, fuse.envelope, { thumbnail: true }) },
    { status: "ok", file: stableResult.file, result: stableResult, thumbnailSvg: renderTraceSvg(stableResult, stable.envelope, { thumbnail: true }) },
    { status: "error", file: "runs/=cmd|' /C calc'!A0.csv", error: "runs/=cmd|' /C calc'!A0.csv: no numeric column <script>" },
  ];
}

describe("renderReportHtml", () => {
  const html = renderReportHtml(sampleRows(), { title: "May <cells>" });

  it("has one row per file, in input order, with verdicts and spike counts", () => {
    expect((html.match(/<tr data-status=/g) ?? []).length).toBe(2);
    expect((html.match(/<tr class="failed"/g) ?? []).length).toBe(1);
    expect(html).toContain('data-verdict="fuse" data-spike-count="31"');
    expect(html).toContain('<td class="num spikes" data-sort="31">31</td>');
    expect(html).toMatch(/data-verdict="stable" data-spike-count="0"/);
    expect(html.indexOf("hybrid.csv")).toBeLessThan(html.indexOf("calc"));
    expect(html).toContain("3 files:");
  });

  it("escapes file names, titles and error messages", () => {
    expect(html).not.toContain("<img");
    expect(html).toContain("runs/&lt;img src=x onerror=alert(1)&gt;.csv");
    expect(html).toContain("<title>May &lt;cells&gt;</title>");
    expect(html).toContain("no numeric column &lt;script&gt;");
    expect((html.match(/<script>/g) ?? []).length).toBe(1);
  });

  it("needs no network and allows only its own script (CSP by hash)", () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash("sha256").update(script).digest("base64");
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("charts time to soft and hard short with the stable file censored", () => {
    expect(html).toContain('data-curve="soft short" data-events="1" data-censored="1"');
    expect(html).toContain('data-curve="hard short" data-events="1" data-censored="1"');
  });
});
