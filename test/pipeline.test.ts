import { describe, expect, it } from "vitest";
import { analyzeSamples, SCHEMA_VERSION } from "../src/index.js";

describe("pipeline", () => {
  it("turns in-memory samples into a versioned result", () => {
    const r = analyzeSamples({ time_s: [0, 0.001, 0.002], current_A: [1e-10, 0, -1e-10] });
    expect(r.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.sampleCount).toBe(3);
  });
});
