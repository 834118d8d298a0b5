// Vendor layouts the generic delimited reader already reads: named by content, with their quirks noted.
import type { FormatReader, Head, Layout } from "../layout.js";
import { findTable, layoutFrom } from "./delimited.js";

function named(name: string, claims: (head: Head) => boolean, decorate?: (l: Layout) => void): FormatReader {
  return {
    name,
    sniff(head) {
      if (!claims(head)) return null;
      const t = findTable(head);
      if (!t) return null;
      const layout = layoutFrom(name, head, t);
      decorate?.(layout);
      return layout;
    },
  };
}

const firstLines = (head: Head, n: number): string => head.lines.slice(0, n).join("\n");

/** CH Instruments i-t txt: date line, technique, "key = value" parameters, peak blocks, "Time/sec, Current/A". */
export const chi = named("chi-txt", (h) => /Instrument Model:\s*CHI/i.test(firstLines(h, 10)), (l) => {
  l.currentControlled = /chronopotentiometry|galvanostatic/i.test(Object.keys(l.metadata).join(" "));
});

/** Keithley KickStart export: quoted, TAB-prefixed dotted settings, ",,," rows, then the table. */
export const kickstart = named("keithley-kickstart", (h) => /^"\s*(Common Settings|\.)/.test(h.lines[0] ?? ""));

/** Metrohm Autolab NOVA ASCII: "WE(1).Current (A)" columns, optional range and overload columns. */
export const nova = named("autolab-nova", (h) => /WE\(\d+\)\.Current/.test(firstLines(h, 5)));

/** PEC battery tester CSV: "Key:,value" preamble, hh:mm:ss totals, idle/rest rows at exactly 0 A. */
export const pec = named("pec-csv", (h) => /Total Time \(Hours in hh:mm:ss/.test(firstLines(h, 200)), (l) => {
  l.currentControlled = true;
});

/** DENSsolutions DigiHeater log: the current is the heater's, not a biasing current. */
export const digiheater = named("dens-digiheater", (h) => /Digiheater/i.test(firstLines(h, 5)), (l) => {
  l.assumptions.push("Iheat is the heating-holder heater current, not a biasing current");
});
