// The side analyses every analyze() run includes: charge split, then escalation statistics (which reads the split).
import type { TraceObserver } from "../analyze.js";
import { chargeObserver, chargeObserverFrom, type ChargeState } from "./charge.js";
import { escalationObserver } from "./escalation.js";
import { DEFAULT_PARAMS, type DetectorParams } from "./params.js";

/** `charge`: the integrals are worked out elsewhere (a parse worker) and asked for at the end. */
export function defaultObservers(params: Partial<DetectorParams> = {}, charge?: () => ChargeState): TraceObserver[] {
  const faradaicMax_A = params.faradaicMax_A ?? DEFAULT_PARAMS.faradaicMax_A;
  return [charge ? chargeObserverFrom(charge, faradaicMax_A) : chargeObserver(faradaicMax_A), escalationObserver()];
}
