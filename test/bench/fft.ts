// Measures fft-js against the hand-written radix-2 FFT on 4096-point segments (the reason the latter exists).
import { fft as fftJs } from "fft-js";
import { fftInPlace, fftPlan } from "../../src/detect/fft.js";

const N = 4096;
const ROUNDS = 40;
const signal = Array.from({ length: N }, (_, i) => Math.sin(i * 0.1) + Math.cos(i * 0.37));

let t = performance.now();
for (let r = 0; r < ROUNDS; r++) fftJs(signal);
const fftJs_ms = (performance.now() - t) / ROUNDS;

const plan = fftPlan(N);
const re = new Float64Array(N);
const im = new Float64Array(N);
t = performance.now();
for (let r = 0; r < ROUNDS * 10; r++) {
  re.set(signal);
  im.fill(0);
  fftInPlace(plan, re, im);
}
const radix2_ms = (performance.now() - t) / (ROUNDS * 10);

// an hour at 20 kHz with 50 % overlap is 72e6 / 2048 segments
const segmentsPerHour = (20000 * 3600) / (N / 2);
console.log(`4096-point FFT: fft-js ${fftJs_ms.toFixed(3)} ms, radix-2 ${radix2_ms.toFixed(4)} ms, ratio ${(fftJs_ms / radix2_ms).toFixed(0)}x`);
console.log(`1 h of 20 kHz trace (${segmentsPerHour.toFixed(0)} segments): fft-js ${((fftJs_ms * segmentsPerHour) / 1000).toFixed(1)} s, radix-2 ${((radix2_ms * segmentsPerHour) / 1000).toFixed(2)} s`);
