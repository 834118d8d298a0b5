// LabVIEW-written electrometer log (TAB, no LVM header, names like "ti_201202_000", "14_201202_000",
// "14_Qr_201202_000"): no units anywhere, so every unit is an assumption stated in the result.
import type { FormatReader } from "../layout.js";
import { splitFields } from "../fields.js";
import { findTable, layoutFrom } from "./delimited.js";

const NAME = /^([A-Za-z0-9]+?)_+(Qr_)?(\d{6})_(\d{3})$/;

export const labview: FormatReader = {
  name: "labview-log",
  sniff(head) {
    const names = splitFields(head.lines[0] ?? "", "\t");
    if (names.length < 2 || !names.every((n) => NAME.test(n))) return null;
    const t = findTable(head, { headerAt: 1, requireCurrentName: false });
    if (!t) return null;
    const layout = layoutFrom("labview-log", head, t);
    const parts = names.map((n) => NAME.exec(n)!);
    const time = parts.findIndex((p) => /^ti$/i.test(p[1]!));
    const currents = parts.map((p, k) => (/^\d+$/.test(p[1]!) && !p[2] ? k : -1)).filter((k) => k >= 0);
    if (time < 0 || currents.length === 0) return null;
    layout.timeIndex = time;
    layout.currentIndices = currents;
    const chosen = parts[currents[0]!]![1]!;
    const range = parts.findIndex((p) => p[1] === chosen && p[2]);
    if (range >= 0) layout.rangeIndex = range;
    layout.timeUnit = { unit: "s", why: `no units in the file; "${names[time]}" read as seconds` };
    layout.currentUnit = { unit: "A", why: "no units in the file; numeric-named channels (ion currents) read as amperes" };
    layout.assumptions.push(`"*_Qr_*" columns read as the current-range settings of their channel${range >= 0 ? ` ("${names[range]}" for the chosen one)` : ""}`);
    return layout;
  },
};
