// Commands report their exit code here; main() reads and resets it (so tests can call main() repeatedly).
let code = 0;

/** Raise the exit code (never lowers it: 2 beats 1 beats 0). */
export function raiseExitCode(c: number): void {
  if (c > code) code = c;
}

export function takeExitCode(): number {
  const c = code;
  code = 0;
  return c;
}
