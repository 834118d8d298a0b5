// Quickselect over f64 arrays in kernel memory: the same algorithm, operation for operation, as
// src/detect/stats.ts (the same value and the same final order).

@inline export function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline export function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** k-th smallest of a[0..n) (Hoare quickselect, middle pivot), reordering a: as selectInPlace. */
export function selectInPlace(a: usize, n: i32, k: i32): f64 {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = ld(a, (lo + hi) >> 1);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (ld(a, i) < pivot) i++;
      while (ld(a, j) > pivot) j--;
      if (i <= j) {
        const tmp = ld(a, i);
        st(a, i, ld(a, j));
        st(a, j, tmp);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return ld(a, k);
  }
  return ld(a, k);
}

/** Median of a[0..n), reordering a; NaN when n = 0: as medianInPlace. */
export function medianInPlace(a: usize, n: i32): f64 {
  if (n <= 0) return NaN;
  const hi = selectInPlace(a, n, n >> 1);
  if (n & 1) return hi;
  let lo = -Infinity;
  for (let i = 0; i < n >> 1; i++) {
    const v = ld(a, i);
    if (v > lo) lo = v;
  }
  return (lo + hi) / 2;
}
