import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { craftFuse } from "./craft.js";

const dir = mkdtempSync(path.join(tmpdir(), "softshort-plot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(file: string, seconds: number): string {
  const c = craftFuse(seconds, 200);
  const lines = ["Time (s),Current (A)"];
  for (let k = 0; k < c.time_s.length; k++) lines.push(`${c.time_s[k]},${c.current_A[k]}`);
  const p = path.join(dir, file);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => { err += String(s); return true; });
  try {
    const code = await main(["node", "softshort", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("softshort plot / report", () => {
  const trace = csv("run.csv", 30);
  const hostile = csv("<img src=x onerror=alert(1)>.csv", 20);

  it("plot writes a self-contained SVG and says what it wrote", async () => {
    const out = path.join(dir, "run.svg");
    const r = await run("plot", trace, "-o", out, "--zoom", "10:15", "--log");
    expect(r.code).toBe(0);
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith("<?xml")).toBe(true);
    expect(svg).toContain('class="inset" data-zoom="a" data-from-s="10" data-to-s="15"');
    expect(r.out).toMatch(/run\.svg: \S+, \d+ spikes? marked, \d+ KB/);
  });

  it("plot refuses a bad zoom and writing over its input, exit 2, one line", async () => {
    const bad = await run("plot", trace, "-o", path.join(dir, "x.svg"), "--zoom", "20:10");
    expect(bad.code).toBe(2);
    expect(bad.err).toBe("softshort: --zoom: END must be after START, got \"20:10\"\n");
    const over = await run("plot", trace, "-o", trace);
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/refusing to write over an input file\n$/);
    expect(readFileSync(trace, "utf8").startsWith("Time (s)")).toBe(true);
  });

  it("report writes one page for a folder; a bad file is listed and gives exit 2", async () => {
    writeFileSync(path.join(dir, "empty.csv"), "");
    const out = path.join(dir, "report.html");
    const r = await run("report", dir, "-o", out);
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;.csv");
    expect(html).not.toContain("<img");
    expect((html.match(/<tr /g) ?? []).length).toBe(3); // hostile + run + empty (the header row is a bare <tr>)
    expect(html).toContain('<tr class="failed"');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/empty\.csv/);
    expect(hostile).toContain("onerror");
  });
});
