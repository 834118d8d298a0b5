// ChargeIntegrator.push's per-sample loop, operation for operation: trapezoid integrals of I and of
// the window-mean-clamped I over the actual time steps, with a checkpoint every CHECKPOINT_EVERY samples.

const UNUSABLE: u8 = 1 | 2 | 4; // Missing | Overflow | Overload
const DISCONTINUITY: u8 = 16;
// exported so the JS side (src/detect/charge.ts, which spaces and thins the checkpoints by the same
// figures) can check at load time that this build agrees with it
export const chargeCheckpointEvery: i32 = 128;
export const chargeFaradaicWindow_s: f64 = 1;
const CHECKPOINT_EVERY: i64 = <i64>chargeCheckpointEvery;
const FARADAIC_WINDOW_s: f64 = chargeFaradaicWindow_s;

let fmax: f64 = 0;
let q: f64 = 0;
/** Faradaic integral of the windows already closed */
let f: f64 = 0;
let window: f64 = NaN;
let windowQ: f64 = 0;
let windowDt: f64 = 0;
let firstT: f64 = NaN;
let excludedV: f64 = 0;
let prevT: f64 = NaN;
let prevI: f64 = NaN;
let prevUsable = false;
let seen: i64 = 0;
let lastTV: f64 = NaN;

export function chargeSettings(faradaicMax_A: f64): void {
  fmax = faradaicMax_A;
}

export function chargeQ(): f64 {
  return q;
}
export function chargeF(): f64 {
  return f;
}
export function chargeExcluded(): f64 {
  return excludedV;
}
export function chargeLastT(): f64 {
  return lastTV;
}

/** Faradaic share of an open window: its mean current clamped to +-Fmax, times its length. */
@inline function openWindowF(wQ: f64, wDt: f64): f64 {
  if (wDt <= 0) return 0;
  return Math.max(-fmax, Math.min(fmax, wQ / wDt)) * wDt;
}

export function closeWindow(): void {
  f += openWindowF(windowQ, windowDt);
  windowQ = 0;
  windowDt = 0;
}

/**
 * Samples T, I, F [0, n) (f64, f64, u8 arrays in this memory); checkpoints (t, q, f) go to cp (3 f64
 * each, room for n / CHECKPOINT_EVERY + 1). Returns the number of checkpoints written.
 */
export function chargePush(T: usize, I: usize, F: usize, n: i32, cp: usize): i32 {
  // the running state in locals for the loop (globals are memory to the engine), written back after it
  let sq = q;
  let wQ = windowQ;
  let wDt = windowDt;
  let win = window;
  let excl = excludedV;
  let pT = prevT;
  let pI = prevI;
  let pU = prevUsable;
  let sn = seen;
  let lT = lastTV;
  let first = firstT;
  let ncp = 0;
  for (let k = 0; k < n; k++) {
    const t = load<f64>(T + (<usize>k << 3));
    const i = load<f64>(I + (<usize>k << 3));
    const flag = load<u8>(F + <usize>k);
    const tFinite = isFinite(t);
    const usable = (flag & UNUSABLE) == 0 && isFinite(i) && tFinite;
    if (tFinite && isNaN(first)) first = t;
    if (sn > 0 && tFinite && isFinite(lT)) {
      const dt = t - lT;
      if (dt > 0) {
        if (usable && pU && (flag & DISCONTINUITY) == 0 && pT == lT) {
          const dq = 0.5 * (pI + i) * dt;
          sq += dq;
          // windows are fixed slices of the time axis from the first sample: chunk cuts can't move them
          const w = Math.floor((t - first) / FARADAIC_WINDOW_s);
          if (w != win) {
            // close the window: its mean current clamped to +-Fmax, times its length
            f += openWindowF(wQ, wDt);
            wQ = 0;
            wDt = 0;
            win = w;
          }
          wQ += dq;
          wDt += dt;
        } else {
          excl += dt;
        }
      }
    }
    if (sn % CHECKPOINT_EVERY == 0 && tFinite) {
      const at = cp + (<usize>ncp * 24);
      store<f64>(at, t);
      store<f64>(at + 8, sq);
      store<f64>(at + 16, f + openWindowF(wQ, wDt));
      ncp++;
    }
    sn++;
    if (tFinite) lT = t;
    pU = usable;
    if (usable) {
      pT = t;
      pI = i;
    }
  }
  q = sq;
  windowQ = wQ;
  windowDt = wDt;
  window = win;
  excludedV = excl;
  prevT = pT;
  prevI = pI;
  prevUsable = pU;
  seen = sn;
  lastTV = lT;
  firstT = first;
  return ncp;
}
