// Protochips electrical-biasing holder log: "Time, Notes, Channel A Current, ..."; metadata rows at
// Time = 0 carry "Key = value" in Notes (time and current units among them).
import type { FormatReader } from "../layout.js";
import { timeUnitOf, currentUnitOf } from "../units.js";
import { splitFields } from "../fields.js";
import { findTable, layoutFrom } from "./delimited.js";

export const protochips: FormatReader = {
  name: "protochips-csv",
  sniff(head) {
    const first = head.lines[0] ?? "";
    if (!/^\s*Time\s*,\s*Notes\s*,/i.test(first) || !/Channel A Current/i.test(first)) return null;
    const t = findTable(head, { headerAt: 1 });
    if (!t) return null;
    const layout = layoutFrom("protochips-csv", head, t);
    const notes = t.names.findIndex((n) => n.trim().toLowerCase() === "notes");
    const isMeta = (f: string[]): boolean => /=/.test(f[notes] ?? "") && Number(f[0]) === 0;
    layout.skipRow = isMeta;
    for (let i = t.dataLine - 1; i < head.lines.length; i++) {
      const f = splitFields(head.lines[i]!, t.delimiter);
      if (!isMeta(f)) continue;
      const m = /^\s*(.*?)\s*=\s*(.*?)\s*$/.exec(f[notes]!);
      if (m) layout.metadata[m[1]!] = m[2]!;
    }
    const tu = layout.metadata["Time units"];
    if (tu && timeUnitOf(tu)) layout.timeUnit = { unit: timeUnitOf(tu)!, why: `metadata row "Time units = ${tu}"` };
    const cu = layout.metadata["Current units"];
    if (cu && currentUnitOf(cu)) layout.currentUnit = { unit: currentUnitOf(cu)!, why: `metadata row "Current units = ${cu}"` };
    layout.timeIndex = 0;
    return layout;
  },
};
