import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { analyzeSamples } from "../../src/analyze.js";
import { renderReportHtml } from "../../src/report/html/report.js";
import { EnvelopeCollector } from "../../src/report/plot/envelope.js";
import { simulateTrace } from "../../src/sim/index.js";
import { renderTraceSvg } from "../../src/report/plot/trace-svg.js";
import { CHROMIUM_PATH, haveChromium, launchChromium } from "./browser.js";
import { craftFuse, resultWithEnvelope } from "./craft.js";
import { HOSTILE, sampleRows } from "./rows.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const available = haveChromium();
if (!available) console.warn(`[test/plot/browser] SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set SOFTSHORT_CHROMIUM)`);

/** Every request that is not the file under test; a self-contained page makes none. */
async function offlinePage(browser: Browser, network: string[]): Promise<Page> {
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1100, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    network.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("dialog", (d) => { network.push(`dialog:${d.message()}`); void d.dismiss(); });
  return page;
}

/** Write `text` as `name` in `dir` and open it in a fresh offline page. */
async function openWritten(browser: Browser, dir: string, name: string, text: string): Promise<{ page: Page; network: string[] }> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const network: string[] = [];
  const page = await offlinePage(browser, network);
  await page.goto(`file://${file}`);
  return { page, network };
}

describe.skipIf(!available)("rendered in headless Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(path.join(tmpdir(), "softshort-browser-"));
  beforeAll(async () => { browser = await launchChromium(); }, 30_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the trace SVG: phases, one marker per spike, insets, no requests", async () => {
    const { result, envelope } = resultWithEnvelope(craftFuse(400, 250), "fixtures/latp-fuse.csv", {
      zooms: [{ from_s: 176, to_s: 196 }, { from_s: 346, to_s: 364 }],
    });
    const svg = renderTraceSvg(result, envelope);
    const { page, network } = await openWritten(browser, dir, "trace.svg", svg);
    const seen = await page.evaluate(() => ({
      root: document.documentElement.tagName,
      parseError: document.querySelector("parsererror") !== null,
      markers: document.querySelectorAll(".spike-marker").length,
      phases: Array.from(document.querySelectorAll(".phase")).map((g) => g.getAttribute("data-phase")),
      phaseWidths: Array.from(document.querySelectorAll(".phase rect")).map((r) => (r as SVGGraphicsElement).getBBox().width),
      insets: document.querySelectorAll(".inset").length,
      transitions: Array.from(document.querySelectorAll(".transition text")).map((t) => t.textContent),
    }));
    expect(seen.root).toBe("svg");
    expect(seen.parseError).toBe(false);
    expect(seen.markers).toBe(result.spikes.length);
    expect(seen.markers).toBe(214);
    expect(seen.phases).toEqual(["quiescent", "soft-short", "hard-short", "open"]);
    for (const w of seen.phaseWidths) expect(w).toBeGreaterThan(2); // even the 6 s hard short of 400 s shows
    expect(seen.insets).toBe(2);
    expect(seen.transitions).toEqual(["onset 180.0 s", "hard 352.0 s", "fuse 358.0 s"]);
    expect(network).toEqual([]);
    const png = path.join(dir, "trace.png");
    await page.locator("svg").first().screenshot({ path: png });
    await page.context().close();
  }, 30_000);

  it("the real pipeline: a simulated soft -> hard -> fuse trace, analysed and drawn (the README figure)", async () => {
    const sim = simulateTrace({ scenario: "soft-hard-fuse", seed: 3, duration_s: 400, rate_hz: 1000 });
    const t = sim.truth.transitions;
    const zooms = [
      { from_s: Math.max(0, Math.floor(t.softShortOnset_s! - 5)), to_s: Math.ceil(t.softShortOnset_s! + 15) },
      { from_s: Math.floor(t.hardShort_s! - 5), to_s: Math.min(400, Math.ceil(t.fuse_s! + 7)) },
    ];
    const collector = new EnvelopeCollector({ zooms });
    const result = analyzeSamples({ time_s: sim.time_s, current_A: sim.current_A }, { observers: [collector], flags: sim.flags!, name: "latp-fuse.csv" });
    const json = JSON.parse(JSON.stringify(result)) as typeof result;
    const svg = renderTraceSvg(json, collector.envelope());
    const { page, network } = await openWritten(browser, dir, "example.svg", svg);
    const seen = await page.evaluate(() => ({
      markers: document.querySelectorAll(".spike-marker").length,
      phases: Array.from(document.querySelectorAll(".phase")).map((g) => g.getAttribute("data-phase")),
      transitions: Array.from(document.querySelectorAll(".transition")).map((g) => g.getAttribute("data-transition")),
    }));
    expect(json.verdict).toBe("fuse");
    expect(json.spikes.length).toBeGreaterThan(50);
    expect(seen.markers).toBe(json.spikes.length);
    expect(seen.phases).toEqual(json.phases.map((p) => p.phase));
    expect(seen.phases).toEqual(["quiescent", "soft-short", "hard-short", "open"]);
    expect(seen.transitions).toEqual(["softShortOnset", "hardShort", "fuse"]);
    expect(network).toEqual([]);
    const png = path.join(dir, "example.png");
    await page.locator("svg").first().screenshot({ path: png });
    // SOFTSHORT_WRITE_DOCS=1 refreshes the README figure from this very render
    if (process.env.SOFTSHORT_WRITE_DOCS === "1") {
      copyFileSync(png, path.join(repoRoot, "docs", "example.png"));
      writeFileSync(path.join(repoRoot, "docs", "example.svg"), svg);
    }
    await page.context().close();
  }, 60_000);

  it("an SVG titled with a hostile file name shows it as text and runs nothing", async () => {
    const { result, envelope } = resultWithEnvelope(craftFuse(20, 500), `${HOSTILE}\u0007`);
    const { page, network } = await openWritten(browser, dir, "hostile.svg", renderTraceSvg(result, envelope));
    const seen = await page.evaluate(() => ({
      parseError: document.querySelector("parsererror") !== null,
      xss: (window as unknown as { __xss?: unknown }).__xss,
      heading: document.querySelector("text.title")?.textContent,
      images: document.getElementsByTagName("img").length,
    }));
    expect(seen).toEqual({ parseError: false, xss: undefined, heading: `${HOSTILE}\uFFFD`, images: 0 });
    expect(network).toEqual([]);
    await page.context().close();
  }, 30_000);

  it("the HTML report: hostile name shown as text, nothing executed, markers match, table sorts", async () => {
    const rows = sampleRows();
    const file = path.join(dir, "report.html");
    writeFileSync(file, renderReportHtml(rows, { title: `report ${HOSTILE}` }));
    const network: string[] = [];
    const page = await offlinePage(browser, network);
    const consoleErrors: string[] = [];
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    await page.goto(`file://${file}`);
    const seen = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      images: document.querySelectorAll("img").length,
      files: Array.from(document.querySelectorAll("td.file .path")).map((td) => td.textContent),
      title: document.title,
      meta: document.querySelector("td.file .meta")?.textContent,
      rows: Array.from(document.querySelectorAll("tbody tr[data-status=ok]")).map((tr) => ({
        count: Number(tr.getAttribute("data-spike-count")),
        markers: tr.querySelectorAll(".spike-marker").length,
        phases: Array.from(tr.querySelectorAll(".phase")).map((g) => g.getAttribute("data-phase")),
      })),
      curves: document.querySelectorAll(".km-curve").length,
    }));
    expect(seen.xss).toBeUndefined();
    expect(seen.images).toBe(0);
    expect(seen.files[0]).toBe(`runs/${HOSTILE}`);
    expect(seen.title).toBe(`report ${HOSTILE}`);
    expect(seen.meta).toBe(`delimited: "Time (s)", "<svg onload=alert(3)>"`);
    await expect(page.getByText(`runs/${HOSTILE}`, { exact: true }).isVisible()).resolves.toBe(true);
    expect(seen.rows).toEqual([
      { count: 31, markers: 31, phases: ["quiescent", "soft-short", "hard-short", "open"] },
      { count: 0, markers: 0, phases: ["quiescent"] },
    ]);
    expect(seen.curves).toBe(2);
    // sorting runs (the CSP lets our script through by hash): spikes ascending puts the stable file first
    await page.getByRole("button", { name: "Spikes" }).click();
    const order = await page.evaluate(() => Array.from(document.querySelectorAll("td.file .path")).map((td) => td.textContent));
    expect(order).toEqual(["runs/hybrid.csv", `runs/${HOSTILE}`, "runs/=cmd|' /C calc'!A0.csv"]);
    await page.screenshot({ path: path.join(dir, "report.png"), fullPage: true });
    expect(network).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 30_000);
});
