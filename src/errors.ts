// User-facing input/usage errors: printed as one line (no stack trace), exit code 2.

export class InputError extends Error {
  constructor(
    /** file path as the user gave it, or "-" for stdin */
    readonly file: string,
    /** what went wrong and what was expected */
    readonly detail: string,
    /** 1-based line number where it applies */
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${detail}`);
    this.name = "InputError";
  }
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
