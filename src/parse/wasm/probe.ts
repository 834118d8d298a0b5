// One number on its own, for the tests that hold the kernel's reader to fastnum.ts's.
import { numberValue, readNumber } from "./number";

/** The number at p (bytes up to a newline sentinel), or NaN when the kernel refuses it; `end` gets the position after it. */
export function readNumberAt(p: usize, decimal: i32, endAt: usize): f64 {
  const q = readNumber(p, decimal);
  store<usize>(endAt, q);
  return q == 0 ? NaN : numberValue;
}
