// DENSsolutions Impulse: the "Synchronized data" CSV (Experiment time + Channel#1..4 ion currents, no
// units) and its "Metadata.log" sidecar, which holds no samples and is refused with a pointer.
import { InputError } from "../../errors.js";
import type { FormatReader } from "../layout.js";
import { splitFields } from "../fields.js";
import { findTable, layoutFrom } from "./delimited.js";

export const impulse: FormatReader = {
  name: "dens-impulse",
  sniff(head) {
    const l = head.lines;
    if (/^Experiment date\s*,/.test(l[0] ?? "") && l.some((x) => /^(MassSpec channel|Experiment duration)/.test(x))) {
      throw new InputError(head.file, 'a DENSsolutions Impulse metadata sidecar (key, value lines), not a current trace: open the matching "Synchronized data.csv" export');
    }
    const names = splitFields(l[0] ?? "", ",");
    if (!names.includes("Experiment time") || !names.some((n) => /^Channel#\d+$/.test(n))) return null;
    const t = findTable(head, { headerAt: 1, requireCurrentName: false });
    if (!t) return null;
    const layout = layoutFrom("dens-impulse", head, t);
    layout.timeIndex = names.indexOf("Experiment time");
    layout.currentIndices = names.map((n, k) => (/^Channel#\d+$/.test(n) ? k : -1)).filter((k) => k >= 0);
    layout.timeUnit = { unit: "s", why: '"Experiment time" has no unit; Impulse writes seconds' };
    layout.currentUnit = { unit: "A", why: "Channel#n have no unit; they are mass-spectrometer ion currents in A (channel meaning is in the sidecar Metadata.log)" };
    return layout;
  },
};
