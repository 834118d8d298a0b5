// BioLogic EC-Lab .mpt ASCII export: "EC-Lab ASCII FILE", "Nb header lines : N" (N = the column-header line).
import type { FormatReader } from "../layout.js";
import { findTable, layoutFrom } from "./delimited.js";

export const eclab: FormatReader = {
  name: "eclab-mpt",
  sniff(head) {
    if (!/^EC-Lab ASCII FILE/i.test(head.lines[0] ?? "")) return null;
    const m = /Nb header lines\s*:\s*(\d+)/i.exec(head.lines[1] ?? "");
    const declared = m ? Number(m[1]) : undefined;
    const t = (declared !== undefined ? findTable(head, { headerAt: declared }) : null) ?? findTable(head);
    if (!t) return null;
    const layout = layoutFrom("eclab-mpt", head, t);
    if (declared !== undefined && t.headerLine !== declared) layout.assumptions.push(`"Nb header lines : ${declared}" disagrees with the column header found on line ${t.headerLine}`);
    const technique = (head.lines[3] ?? "").trim();
    if (technique) layout.metadata.technique = technique;
    layout.currentControlled = /galvano|chronopotentiometry|constant current|\bGCPL\b|\bCP\b/i.test(technique);
    return layout;
  },
};
