// Whether stdout gets ANSI colours: --color / --no-color decide; otherwise only on a TTY with NO_COLOR unset.

export function wantColor(flag: boolean | undefined, stream: { isTTY?: boolean }, env = process.env): boolean {
  if (flag !== undefined) return flag;
  // no-color.org: any non-empty NO_COLOR disables colour
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}
