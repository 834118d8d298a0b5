import { describe, expect, it } from "vitest";
import { sparkline } from "../../src/report/plot/sparkline.js";
import { craftFuse, resultWithEnvelope } from "./craft.js";

describe("sparkline", () => {
  const { result, envelope } = resultWithEnvelope(craftFuse(60, 1000), "x.csv");

  it("is one line of block characters, width wide, plain by default", () => {
    const s = sparkline(result, envelope, 60);
    expect(Array.from(s)).toHaveLength(60);
    expect(s).toMatch(/^[▁▂▃▄▅▆▇█]+$/);
    // quiet first 45%: the lowest block; the hard short (52.8-55.8 s) reaches the top
    expect(s.slice(0, 26)).toBe("▁".repeat(26));
    expect(s[53]).toBe("█");
    expect(s[59]).toBe("▁");
  });

  it("colours phases when asked (explicit chalk level)", () => {
    const s = sparkline(result, envelope, 60, { color: 1 });
    expect(s.startsWith(`\u001b[32m${"▁".repeat(27)}\u001b[39m\u001b[33m`)).toBe(true); // quiescent green, then soft short yellow
    expect(s).toContain("\u001b[31m███\u001b[39m"); // hard short red (52.8-55.8 s)
    expect(s.replace(/\u001b\[\d+m/g, "")).toBe(sparkline(result, envelope, 60));
  });
});
