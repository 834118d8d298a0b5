// Terminal-safe text: strings from files (names, warnings) must never inject escape codes into a terminal.
import { Chalk, type ChalkInstance } from "chalk";
import type { Verdict } from "../result.js";

// C0/C1 controls (ESC starts colour and cursor sequences) and bidi overrides (they can reorder what a reader sees)
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One printable line: control and bidi-override characters become visible \xNN / \uNNNN escapes. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** A chalk with an explicit level, so colour depends on the caller's choice, not on the environment. */
export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/** Stage colours (the stage name is always printed too: colour is never the only carrier). */
export function colorStage(c: ChalkInstance, stage: Verdict, text: string): string {
  switch (stage) {
    case "stable": return c.green(text);
    case "soft-short": return c.yellow(text);
    case "hard-short": return c.red(text);
    case "fuse": return c.magenta(text);
  }
}
