// TEM movie frame of every transition and spike, so users jump to the frame where the Li bridge forms.
import type { AnalysisResult, Spike } from "../result.js";

/**
 * Convention: frame 0 starts at `movieStart_s` on the trace's own time axis (the file's clock, the
 * axis of result.t0_s) and lasts 1/fps; an event at relative time t (every *_s in the result) is in
 * frame floor((t0_s + t - movieStart_s) * fps). Events before the movie starts get null.
 */
export function frameIndex(time_s: number, t0_s: number, fps: number, movieStart_s: number): number | null {
  if (!Number.isFinite(time_s)) return null;
  // a relative tolerance keeps 0.3 s * 10 fps in frame 3, not 2 (floating error lands just below)
  const x = (t0_s + time_s - movieStart_s) * fps;
  const frame = Math.floor(x + 1e-9 * Math.max(1, Math.abs(x)));
  return frame < 0 ? null : frame;
}

export interface FrameAlignment {
  frameRate_fps: number;
  /** time of the start of frame 0 on the trace's own axis, seconds */
  t0_s: number;
  softShortOnset: number | null;
  hardShort: number | null;
  fuse: number | null;
}

export type FramedSpike = Spike & { frame: number | null; startFrame: number | null; endFrame: number | null };

/**
 * A copy of the result with `frames` (transition frames) and, on every spike, `frame` (peak),
 * `startFrame` and `endFrame`. Existing fields are left as they are.
 */
export function alignFrames(result: AnalysisResult, fps: number, movieStart_s: number): AnalysisResult {
  if (!(fps > 0) || !Number.isFinite(fps)) throw new RangeError(`frame rate must be > 0, got ${fps}`);
  if (!Number.isFinite(movieStart_s)) throw new RangeError(`movie start time must be finite, got ${movieStart_s}`);
  const at = (t: number | null): number | null => (t === null ? null : frameIndex(t, result.t0_s, fps, movieStart_s));
  const frames: FrameAlignment = {
    frameRate_fps: fps,
    t0_s: movieStart_s,
    softShortOnset: at(result.transitions.softShortOnset_s),
    hardShort: at(result.transitions.hardShort_s),
    fuse: at(result.transitions.fuse_s),
  };
  const spikes: FramedSpike[] = result.spikes.map((s) => ({ ...s, frame: at(s.peak_s), startFrame: at(s.start_s), endFrame: at(s.end_s) }));
  return { ...result, spikes, frames };
}
