// ScaleNoise.measure's per-block work: the robust sigma of one width's boxcar sums, per sample.
import { ld, st } from "./stats";
import { dist, scratch } from "./blocks";
import { trimmedSigma } from "./select";

const MEDIAN_ABS_Z: f64 = 0.6744897501960817;

/**
 * Width w (row k of the sum store, stride `stride`) over a block of len samples: a sum every `step`
 * samples whose run is whole, their trimmed sigma about 0 divided by sqrt(w); NaN when too few are whole.
 * `reach`: a distance from 0 most sums lie within (0: unknown), the range their selection is
 * bucketed over; the result is the same whatever it is (select.ts), only faster when it is apt.
 */
export function widthSigma(store: usize, runs: usize, stride: i32, k: i32, w: i32, len: i32, reach: f64): f64 {
  const a = scratch;
  const step = max(max(1, len / 64), w >> 2);
  let n = 0;
  let seen = 0;
  for (let o = 0; o < len; o += step) {
    seen++;
    if (load<i32>(runs + (<usize>o << 2)) >= w) st(a, n++, ld(store, k * stride + o));
  }
  if (<f64>n < Math.max(1, <f64>seen / 2)) return NaN;
  // (~70 values; bucketed over [0, reach], or one bucket and a plain selection when reach is 0)
  return (n == 1 ? Math.abs(ld(a, 0)) / MEDIAN_ABS_Z : trimmedSigma(a, n, 0, false, dist, reach)) / Math.sqrt(<f64>w);
}
