// JSON and NDJSON printers for the result contract: deterministic, valid JSON whatever the numbers.

/**
 * JSON.stringify replacer: non-finite numbers become null (JSON has no NaN/Infinity), typed arrays become
 * plain arrays, bigints become numbers. Key order is the object's own order, so output is deterministic.
 */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (x) => jsonSafe("", x));
  }
  return value;
}

// U+2028/U+2029 are legal in JSON strings but split lines in some line-oriented readers: always escape them
function escapeLineSeparators(text: string): string {
  return text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** The result as the `--format json` document: 2-space indent, trailing newline. */
export function formatJson(value: unknown): string {
  return escapeLineSeparators(JSON.stringify(value, jsonSafe, 2) ?? "null") + "\n";
}

/** One NDJSON record: the value on a single line plus "\n". */
export function formatNdjsonLine(value: unknown): string {
  return escapeLineSeparators(JSON.stringify(value, jsonSafe) ?? "null") + "\n";
}
