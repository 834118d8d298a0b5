// Text that reaches SVG/HTML (file names, column names, metadata) goes through here: never as markup.

/** Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF) would make the file unreadable. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for XML/HTML element content and quoted attribute values. */
export function escapeXml(text: unknown): string {
  return String(text)
    .replace(INVALID_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A coordinate with one decimal and no trailing ".0": keeps the SVG small. */
export function fmt(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}
