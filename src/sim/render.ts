// Renders a planned trace into sample chunks, block by block, so any length streams in bounded memory.
import { SampleFlag, type Chunk } from "../trace.js";
import { Rng } from "./random.js";
import { ArtefactKind, OVERFLOW_VALUE, spikeValue, type Plan } from "./plan.js";

/** time constants of the 1/f approximation: one AR(1) pole per decade */
const PINK_TAUS_S = [0.01, 0.1, 1, 10, 100];

/**
 * Yields the trace in chunks of at most `blockSize` samples. The arrays are reused between chunks
 * (the Chunk contract allows it): copy what you keep. Every call starts from the beginning, and the
 * samples do not depend on blockSize.
 */
export function* renderChunks(plan: Plan, blockSize = 65536): Generator<Chunk> {
  const time = new Float64Array(blockSize);
  const cur = new Float64Array(blockSize);
  const flags = new Uint8Array(blockSize);
  const noise = new Rng(plan.spec.seed, 2);
  const pol = plan.polarity;
  const dt = plan.dt_s;
  const t0 = plan.spec.startTime_s ?? 0;
  const { gaps, ranges, spikes, artefactSlots, artefactKinds } = plan;
  const base = pol * plan.faradaic_A;

  // 1/f: AR(1) poles sharing one innovation, scaled to the requested RMS via their exact stationary variance
  const poles = PINK_TAUS_S.filter((tau) => tau > 2 * dt).map((tau) => Math.exp(-dt / tau));
  const gains = poles.map((a) => Math.sqrt(1 - a * a));
  let pinkVar = 0;
  for (let i = 0; i < poles.length; i++) for (let k = 0; k < poles.length; k++) pinkVar += (gains[i]! * gains[k]!) / (1 - poles[i]! * poles[k]!);
  const pinkScale = plan.pink_A > 0 && poles.length > 0 ? plan.pink_A / Math.sqrt(pinkVar) : 0;
  const pinkState = new Float64Array(poles.length);
  const pinkNoise = new Rng(plan.spec.seed, 4);

  const mains = plan.mains;
  const w = mains ? 2 * Math.PI * mains.hz : 0;
  // the ADC integrates over one sample period, so pickup is seen through a boxcar: gain sinc(f dt), delay dt/2
  // (at 50 Hz sampling a 50 Hz line vanishes, as with an NPLC = 1 meter; at 100 Hz it aliases, attenuated)
  const mainsGain = [1, 3, 5].map((h, i) => (mains ? [1, 0.3, 0.15][i]! * mains.amp_A * sinc(h * mains.hz * dt) : 0));
  const mainsPhase = [1, 3, 5].map((h, i) => (mains ? mains.phases[i]! - (h * w * dt) / 2 : 0));
  const drift = plan.drift;
  const duration = (plan.slots - 1) * dt;
  const onset = plan.onset ?? Infinity;
  const hard = plan.hard ?? Infinity;
  const fuse = plan.fuse ?? Infinity;
  const comp = plan.compliance_A;
  const lsb = plan.quantLsb_A;
  // hard-short conduction wanders slowly (+-5 %, ~0.5 s correlation): a real filament is not a resistor
  const fluctA = Math.exp(-dt / 0.5);
  const fluctG = 0.05 * Math.sqrt(1 - fluctA * fluctA);
  let fluct = 0;

  let j = 0;
  let gi = 0;
  let ri = 0;
  let si = 0;
  let ai = 0;
  let factor = ranges[0]!.factor;
  let lastTime = t0 - dt;
  let pendingFlag = 0;

  while (j < plan.slots) {
    let n = 0;
    while (n < blockSize && j < plan.slots) {
      const g = gaps[gi];
      if (g && j >= g[0]) {
        j = g[1];
        gi++;
        pendingFlag |= SampleFlag.Discontinuity;
        continue;
      }
      while (ri + 1 < ranges.length && ranges[ri + 1]!.start <= j) {
        ri++;
        factor = ranges[ri]!.factor;
        pendingFlag |= SampleFlag.RangeChange;
      }
      const t = j / plan.rate_hz;
      let v = base + noise.normal() * plan.sigma_A * factor;
      if (pinkScale > 0) {
        const e = pinkNoise.normal();
        let s = 0;
        for (let p = 0; p < poles.length; p++) {
          pinkState[p] = poles[p]! * pinkState[p]! + gains[p]! * e;
          s += pinkState[p]!;
        }
        v += s * pinkScale;
      }
      if (drift.amp_A > 0) v += drift.amp_A * (0.6 * Math.sin((2 * Math.PI * t) / drift.period_s + drift.phase) + 0.4 * (2 * t / duration - 1));
      if (mains) {
        v += mainsGain[0]! * Math.sin(w * t + mainsPhase[0]!) + mainsGain[1]! * Math.sin(3 * w * t + mainsPhase[1]!) + mainsGain[2]! * Math.sin(5 * w * t + mainsPhase[2]!);
      }
      if (j >= onset) {
        let leak: number;
        if (j >= fuse) leak = 0; // open circuit: the Li path melted
        else if (j >= hard) {
          fluct = fluctA * fluct + fluctG * noise.normal();
          leak = plan.hardLevel_A * (1 + fluct);
        } else {
          leak = plan.step_A;
          while (si < spikes.length && spikes[si]!.renderEnd <= j) si++;
          const s = spikes[si];
          if (s && j >= s.start) leak += spikeValue(s, j);
        }
        v += pol * leak;
      }
      if (lsb > 0) {
        const q = lsb * factor;
        v = Math.round(v / q) * q;
      }
      if (comp !== null && pol * v > comp) v = pol * comp;
      let time_s = t0 + t;
      let f = pendingFlag;
      pendingFlag = 0;
      if (ai < artefactSlots.length && artefactSlots[ai] === j) {
        const kind = artefactKinds[ai++];
        if (kind === ArtefactKind.Missing) {
          v = NaN;
          f |= SampleFlag.Missing;
        } else if (kind === ArtefactKind.Overflow) {
          v = OVERFLOW_VALUE;
          f |= SampleFlag.Overflow;
        } else time_s = lastTime; // the clock did not tick: a duplicate stamp
      }
      time[n] = time_s;
      cur[n] = v;
      flags[n] = f;
      lastTime = time_s;
      n++;
      j++;
    }
    if (n > 0) yield { time_s: time, current_A: cur, flags, length: n };
  }
}

function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}
