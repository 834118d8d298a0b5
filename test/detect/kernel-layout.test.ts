// The detect kernel's memory is sized from its shape before its arrays are carved: every shape the
// detector or the summariser can ask for must fit, whichever dimension dominates.
import { describe, expect, it } from "vitest";
import { detectKernel } from "../../src/detect/kernel.js";

describe("detect kernel memory", () => {
  const shapes = [
    { raw: 1024, ring: 16, scratch: 500, block: 500, widths: [1], bins: [1, 1] as [number, number] },
    { raw: 65536, ring: 1 << 20, scratch: 161, block: 500, widths: [1, 4, 16, 64], bins: [400, 333] as [number, number] },
    // a long baseline window over tiny blocks: the selection's pick area (max(block, scratch)) dominates
    { raw: 16, ring: 16, scratch: 300_000, block: 8, widths: [1], bins: [1, 1] as [number, number] },
    { raw: 16, ring: 16, scratch: 8, block: 8, widths: [1, 2, 4, 8, 16, 32, 64, 128], bins: [7, 9] as [number, number] },
  ];
  for (const shape of shapes) {
    it(`holds every array for raw ${shape.raw}, ring ${shape.ring}, scratch ${shape.scratch}, block ${shape.block}, ${shape.widths.length} widths`, () => {
      const k = detectKernel(shape);
      expect(k.scratch.length).toBe(shape.scratch);
      expect(k.sumStore.length).toBe(shape.widths.length * shape.block);
      // and the kernel runs over the arrays laid out in it
      k.rawX.fill(1e-9);
      k.rawT.forEach((_, i) => { k.rawT[i] = i * 1e-4; });
      k.exports.blockSummary(0, Math.min(shape.block, shape.raw));
      expect(k.summary[1]).toBe(1e-9);
    });
  }
});
