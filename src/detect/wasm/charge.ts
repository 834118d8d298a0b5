// ChargeIntegrator.push's per-sample loop, operation for operation: trapezoid integrals of I and of
// the window-mean-clamped I over the actual time steps, with a checkpoint every CHECKPOINT_EVERY samples.

const UNUSABLE: u8 = 1 | 2 | 4; // Missing | Overflow | Overload
const DISCONTINUITY: u8 = 16;
const CHECKPOINT_EVERY: i64 = 128;
const FARADAIC_WINDOW_s: f64 = 1;

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

function openWindowF(): f64 {
  if (windowDt <= 0) return 0;
  return Math.max(-fmax, Math.min(fmax, windowQ / windowDt)) * windowDt;
}

export function closeWindow(): void {
  f += openWindowF();
  windowQ = 0;
  windowDt = 0;
}

/**
 * Samples T, I, F [0, n) (f64, f64, u8 arrays in this memory); checkpoints (t, q, f) go to cp (3 f64
 * each, room for n / CHECKPOINT_EVERY + 1). Returns the number of checkpoints written.
 */
export function chargePush(T: usize, I: usize, F: usize, n: i32, cp: usize): i32 {
  let ncp = 0;
  for (let k = 0; k < n; k++) {
    const t = load<f64>(T + (<usize>k << 3));
    const i = load<f64>(I + (<usize>k << 3));
    const flag = load<u8>(F + <usize>k);
    const tFinite = isFinite(t);
    const usable = (flag & UNUSABLE) == 0 && isFinite(i) && tFinite;
    if (tFinite && isNaN(firstT)) firstT = t;
    if (seen > 0 && tFinite && isFinite(lastTV)) {
      const dt = t - lastTV;
      if (dt > 0) {
        if (usable && prevUsable && (flag & DISCONTINUITY) == 0 && prevT == lastTV) {
          const dq = 0.5 * (prevI + i) * dt;
          q += dq;
          // windows are fixed slices of the time axis from the first sample: chunk cuts can't move them
          const w = Math.floor((t - firstT) / FARADAIC_WINDOW_s);
          if (w != window) {
            closeWindow();
            window = w;
          }
          windowQ += dq;
          windowDt += dt;
        } else {
          excludedV += dt;
        }
      }
    }
    if (seen % CHECKPOINT_EVERY == 0 && tFinite) {
      const at = cp + (<usize>ncp * 24);
      store<f64>(at, t);
      store<f64>(at + 8, q);
      store<f64>(at + 16, f + openWindowF());
      ncp++;
    }
    seen++;
    if (tFinite) lastTV = t;
    prevUsable = usable;
    if (usable) {
      prevT = t;
      prevI = i;
    }
  }
  return ncp;
}
