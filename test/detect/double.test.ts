// DOUBLE_ZERO is the value +0 (only its V8 representation differs from the literal): fields started with it behave as if started at 0.
import { describe, expect, it } from "vitest";
import { DOUBLE_ZERO } from "../../src/detect/double.js";

describe("DOUBLE_ZERO", () => {
  it("is +0, not -0", () => {
    expect(Object.is(DOUBLE_ZERO, 0)).toBe(true);
    expect(1 / DOUBLE_ZERO).toBe(Infinity);
  });
  it("sums and compares as 0", () => {
    expect(DOUBLE_ZERO + 0.25).toBe(0.25);
    expect(Math.max(DOUBLE_ZERO, 0)).toBe(0);
    expect(Object.is(Math.max(DOUBLE_ZERO, -0), 0)).toBe(true);
    expect(String(DOUBLE_ZERO)).toBe("0");
  });
});
