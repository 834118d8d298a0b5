// Gamry Framework .DTA: EXPLAIN/TAG header of KEY<TAB>TYPE<TAB>value records, then CURVE<TAB>TABLE,
// a column-name row and a units row (both TAB-led), then TAB-led data rows. The TABLE count is ignored.
import type { FormatReader } from "../layout.js";
import { findTable, layoutFrom } from "./delimited.js";

export const gamry: FormatReader = {
  name: "gamry-dta",
  sniff(head) {
    if (!/^EXPLAIN\s*$/.test(head.lines[0] ?? "") || !/^TAG\t/.test(head.lines[1] ?? "")) return null;
    const curve = head.lines.findIndex((l) => /^CURVE\d*\tTABLE/.test(l));
    if (curve < 0) return null;
    const t = findTable(head, { headerAt: curve + 2 });
    if (!t) return null;
    const layout = layoutFrom("gamry-dta", head, t);
    layout.metadata = {};
    for (const line of head.lines.slice(0, curve)) {
      const f = line.split("\t");
      // KEY<TAB>TYPE<TAB>value<TAB>label, or KEY<TAB>value (TAG)
      if (f.length >= 2 && /^[A-Z][A-Z0-9]*$/.test(f[0]!)) layout.metadata[f[0]!] = (f.length >= 3 ? f[2]! : f[1]!).trim();
    }
    const over = t.names.findIndex((n) => n.trim() === "Over");
    if (over >= 0) {
      layout.overloadIndex = over;
      // the Over column is a bit string: "..........." is clean, any letter is a raised flag
      layout.overloadTest = (cell) => /[^.\s]/.test(cell);
    }
    const tag = layout.metadata.TAG ?? "";
    layout.currentControlled = /CHRONOP|GALV|CYCLER|CHARGE/i.test(tag);
    if (head.lines.filter((l) => /^CURVE\d*\tTABLE/.test(l)).length > 1) layout.assumptions.push("several CURVE tables: read one after another as one trace");
    return layout;
  },
};
