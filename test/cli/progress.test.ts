import { describe, expect, it } from "vitest";
import { Progress } from "../../src/cli/batch/progress.js";
import { wantColor } from "../../src/cli/batch/color.js";
import { tempDir, writeTrace } from "./helpers.js";

describe("progress bar", () => {
  it("redraws one line in place with files done and clears it at the end", () => {
    const d = tempDir();
    const files = [writeTrace(d, "a.csv", "x".repeat(1000)), writeTrace(d, "b.csv", "y".repeat(3000))];
    let text = "";
    const p = new Progress(files, { isTTY: true, columns: 0, write: (s: string) => { text += s; } });
    p.settled(1);
    p.settled(0);
    p.end();
    const frames = text.split("\r\x1b[2K").filter((f) => f !== "");
    expect(frames.at(-1)).toMatch(/^\[#{24}\] 2\/2 files {2}\d+\.\d MB\/s$/);
    expect(text.endsWith("\r\x1b[2K")).toBe(true);
    expect(text).not.toContain("\n");
  });
});

describe("colour choice", () => {
  it("flag first, then NO_COLOR (non-empty), then whether stdout is a terminal", () => {
    expect(wantColor(true, { isTTY: false }, {})).toBe(true);
    expect(wantColor(false, { isTTY: true }, {})).toBe(false);
    expect(wantColor(undefined, { isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(wantColor(undefined, { isTTY: true }, { NO_COLOR: "" })).toBe(true);
    expect(wantColor(undefined, { isTTY: false }, {})).toBe(false);
  });
});
