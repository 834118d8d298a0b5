// The head's UTF-8 check (src/parse/input.ts isUtf8) against the definition it replaced: a fatal
// streaming TextDecoder over the whole head, where a character cut by the head's end is no error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUtf8 } from "../../src/parse/input.js";

function reference(b: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

describe("head UTF-8 validity", () => {
  it("agrees with a streaming decoder on text cut anywhere, and on arbitrary bytes", () => {
    const cutText = fc.tuple(fc.string({ unit: "grapheme", maxLength: 60 }), fc.nat()).map(([s, k]) => {
      const b = Buffer.from(s, "utf8");
      return b.subarray(0, b.length === 0 ? 0 : k % (b.length + 1));
    });
    const bytes = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));
    // mostly text with a stray byte: where validators differ in practice
    const spoiled = fc.tuple(cutText, fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([b, k, v]) => {
      const c = Buffer.from(b);
      if (c.length > 0) c[k % c.length] = v;
      return c;
    });
    fc.assert(fc.property(fc.oneof(cutText, bytes, spoiled), (b) => {
      expect(isUtf8(b)).toBe(reference(b));
    }), { numRuns: 5000 });
  });

  it("exact cases: a cut character is fine, a bad lead or a stray continuation is not", () => {
    const cases: [number[], boolean][] = [
      [[0x61, 0xe2, 0x82], true], // "a" + the first two bytes of the euro sign
      [[0x61, 0xe2, 0x82, 0xac], true],
      [[0xf0, 0x9f], true], // the start of a 4-byte emoji
      [[0x61, 0x80], false], // a continuation byte with no lead
      [[0xc0, 0x80], false], // an overlong encoding
      [[0xe0, 0x80], false], // cut, but already invalid (E0 needs A0-BF next)
      [[0xff], false],
      [[], true],
    ];
    for (const [b, want] of cases) expect(isUtf8(Buffer.from(b)), JSON.stringify(b)).toBe(want);
  });
});
