// The side analyses every analyze() run includes: charge split, then escalation statistics (which reads the split).
import type { TraceObserver } from "../analyze.js";
import { chargeObserver } from "./charge.js";
import { escalationObserver } from "./escalation.js";
import { DEFAULT_PARAMS, type DetectorParams } from "./params.js";

export function defaultObservers(params: Partial<DetectorParams> = {}): TraceObserver[] {
  return [chargeObserver(params.faradaicMax_A ?? DEFAULT_PARAMS.faradaicMax_A), escalationObserver()];
}
