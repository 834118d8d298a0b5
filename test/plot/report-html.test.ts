import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderReportHtml } from "../../src/report/html/report.js";
import { sampleRows } from "./rows.js";

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
    expect(html).toContain("runs/&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;.csv");
    expect(html).toContain("<title>May &lt;cells&gt;</title>");
    expect(html).toContain("no numeric column &lt;script&gt;");
    expect((html.match(/<script>/g) ?? []).length).toBe(1);
    expect(html).not.toMatch(/<b |<svg onload/);
    expect(html).toContain('delimited: &quot;Time (s)&quot;, &quot;&lt;svg onload=alert(3)&gt;&quot;');
    expect(html).toContain('title="column &quot;&lt;b onmouseover=alert(2)&gt;I&lt;/b&gt;&quot; has 3 NaN rows">⚠ 1</span>');
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
