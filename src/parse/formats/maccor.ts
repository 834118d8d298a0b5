// Maccor cycler text export: key<TAB>value preamble, header with TestTime/Current [A]/Md, blank line,
// TAB-terminated rows. TestTime has no unit (minutes in these exports, checked against DPT Time) and
// the current is unsigned with its direction in Md (C charge +, D discharge -, R rest).
import type { FormatReader } from "../layout.js";
import { splitFields } from "../fields.js";
import { sniffTextualTime } from "../timefmt.js";
import { findTable, layoutFrom } from "./delimited.js";

export const maccor: FormatReader = {
  name: "maccor-txt",
  sniff(head) {
    const t = findTable(head);
    if (!t || t.delimiter !== "\t") return null;
    const idx = (n: string): number => t.names.findIndex((x) => x.trim().toLowerCase() === n.toLowerCase());
    const testTime = idx("TestTime");
    const md = idx("Md");
    if (testTime < 0 || md < 0) return null;
    const layout = layoutFrom("maccor-txt", head, t);
    layout.timeIndex = testTime;
    layout.currentControlled = true;
    layout.signFromMode = {
      index: md,
      sign: (c) => (c.trim() === "D" ? -1 : c.trim() === "C" ? 1 : null),
      why: 'current is unsigned in Maccor exports: sign taken from the Md column (C charge +, D discharge -, R rest as written)',
    };
    // TestTime's unit: compare its span with the DPT Time clock over the head rows
    const dpt = idx("DPT Time");
    let unit = "min";
    let why = "TestTime has no unit; Maccor text exports write minutes";
    if (dpt >= 0) {
      const rows = head.lines.slice(t.dataLine - 1).map((l) => splitFields(l, "\t")).filter((f) => f.length > Math.max(dpt, testTime) && f[dpt] !== "");
      const a = rows[0];
      const b = rows[rows.length - 1];
      const clock = a && b ? sniffTextualTime([a[dpt]!, b[dpt]!]) : null;
      if (a && b && clock) {
        const read = clock.make();
        const dClock = read(b[dpt]!) - read(a[dpt]!);
        const dTest = Number(b[testTime]) - Number(a[testTime]);
        if (dClock > 0 && dTest > 0) {
          const r = dClock / dTest;
          const best = ([["s", 1], ["min", 60], ["h", 3600]] as const).reduce((p, q) => (Math.abs(Math.log(r / q[1])) < Math.abs(Math.log(r / p[1])) ? q : p));
          unit = best[0];
          why = `TestTime has no unit; DPT Time advances ${r.toFixed(1)} s per TestTime unit over the first rows`;
        }
      }
    }
    layout.timeUnit = { unit, why };
    return layout;
  },
};
