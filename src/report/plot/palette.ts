// Okabe-Ito colours (safe for the common colour-vision deficiencies) and what each one means in a plot.
import type { PhaseName } from "../../result.js";

export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

export const PHASE_COLOR: Record<PhaseName, string> = {
  "quiescent": OKABE_ITO.bluishGreen,
  "soft-short": OKABE_ITO.orange,
  "hard-short": OKABE_ITO.vermillion,
  "open": OKABE_ITO.skyBlue,
};

export const PHASE_LABEL: Record<PhaseName, string> = {
  "quiescent": "quiescent",
  "soft-short": "soft short",
  "hard-short": "hard short",
  "open": "open",
};

export const TRACE_COLOR = OKABE_ITO.black;
export const NOISE_COLOR = OKABE_ITO.blue;
export const THRESHOLD_COLOR = OKABE_ITO.vermillion;
export const SPIKE_COLOR = OKABE_ITO.reddishPurple;

/** System fonts only: the SVG must not fetch anything. */
export const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
