// Axon Text File (ATF 1.0, pCLAMP/Clampfit): "ATF<TAB>1.0", "<records><TAB><columns>", quoted
// "Key=value" records, then quoted column titles with units in parentheses.
import { splitNameUnit } from "../columns.js";
import type { FormatReader } from "../layout.js";
import { currentUnitOf } from "../units.js";
import { findTable, layoutFrom } from "./delimited.js";

export const atf: FormatReader = {
  name: "axon-atf",
  sniff(head) {
    if (!/^ATF\s+\d/.test(head.lines[0] ?? "")) return null;
    const records = Number(/^\s*(\d+)/.exec(head.lines[1] ?? "")?.[1] ?? NaN);
    if (!Number.isFinite(records)) return null;
    const t = findTable(head, { headerAt: 3 + records, requireCurrentName: false });
    if (!t) return null;
    const layout = layoutFrom("axon-atf", head, t);
    layout.metadata = {};
    for (const line of head.lines.slice(2, 2 + records)) {
      const m = /^"([^=]*)=(.*)"/.exec(line.split("\t")[0] ?? "");
      if (m) layout.metadata[m[1]!] = m[2]!;
    }
    const parsed = t.names.map(splitNameUnit);
    const currentUnits = parsed.map((p) => (p.unit ? currentUnitOf(p.unit) : null));
    const first = currentUnits.findIndex((u) => u !== null);
    if (first < 0) return null;
    // sweeps of one signal share its unit; a second signal labelled (A) holds ~-1 (a command signal): not offered
    layout.currentIndices = currentUnits.map((u, k) => (u === currentUnits[first] ? k : -1)).filter((k) => k >= 0);
    const others = parsed.filter((_, k) => currentUnits[k] !== null && currentUnits[k] !== currentUnits[first]).map((p) => `"${p.name}"`);
    if (others.length) layout.assumptions.push(`columns ${others.join(", ")} carry a current unit but belong to another signal; only the ${currentUnits[first]} sweeps are offered as current`);
    layout.timeIndex = parsed.findIndex((p) => p.base === "time");
    if (layout.timeIndex < 0) layout.timeIndex = 0;
    return layout;
  },
};
