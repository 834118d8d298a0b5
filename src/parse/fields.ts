// One text line -> its fields, for the delimiters instruments use (quoted fields go through csv-parse).
import { parse } from "csv-parse/sync";

/** "whitespace" = any run of spaces/tabs; ", " = comma with padding spaces (Protochips, CHI). */
export type Delimiter = "\t" | "," | ", " | ";" | "whitespace";

export function delimiterLabel(d: Delimiter): string {
  return d === "\t" ? "tab" : d === ", " ? "comma+space" : d === "," ? "comma" : d === ";" ? "semicolon" : "whitespace";
}

/** Split a line; fields are trimmed of spaces and tabs (KickStart puts a TAB inside every quoted cell). */
export function splitFields(line: string, delimiter: Delimiter): string[] {
  if (delimiter === "whitespace") {
    const t = line.trim();
    return t === "" ? [] : t.split(/[ \t]+/);
  }
  const sep = delimiter === ", " ? "," : delimiter;
  if (line.indexOf('"') < 0) return line.split(sep).map((f) => f.trim());
  try {
    const rows = parse(line, {
      delimiter: sep,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
    return (rows[0] ?? []).map((f) => f.trim());
  } catch {
    // an unbalanced quote: read it as plain text rather than refuse the whole file
    return line.split(sep).map((f) => f.replace(/"/g, "").trim());
  }
}

/** A row with no content: blank, or only delimiters (",,,"). */
export function isBlankRow(fields: string[]): boolean {
  return fields.every((f) => f === "");
}
