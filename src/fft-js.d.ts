// fft-js ships no types; these are the functions softshort uses.
declare module "fft-js" {
  export type Phasor = [number, number];
  export function fft(signal: number[] | Phasor[]): Phasor[];
  export function ifft(signal: Phasor[]): Phasor[];
  export const util: {
    fftMag(phasors: Phasor[]): number[];
    fftFreq(phasors: Phasor[], sampleRate: number): number[];
  };
}
