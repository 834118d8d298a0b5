// CLI wiring: builds the commander program from one module per subcommand and maps errors to exit codes.
import { Command, CommanderError } from "commander";
import { InputError, UsageError } from "../errors.js";
import { VERSION } from "../version.js";
import { commands } from "./commands/index.js";
import { raiseExitCode, takeExitCode } from "./exit.js";

/** Exit codes: 0 ok, 1 --fail-on matched, 2 usage or input error. */
export const EXIT = { ok: 0, failOn: 1, error: 2 } as const;

const EXAMPLES = `
Examples:
  $ softshort analyze fixtures/latp-fuse.csv                  timeline: onset, soft short, hard short, fuse
  $ softshort analyze run.csv --format json                   the JSON contract (schemaVersion 1)
  $ softshort analyze archive/ --jobs 4 --format csv          one summary row per file
  $ softshort analyze archive/ --out results/ --fail-on hard-short
  $ softshort inspect run.csv                                 what the parser read and assumed
  $ softshort simulate --scenario soft-hard-fuse -o t.csv     a labelled synthetic trace

Run softshort <command> --help for each command's options.
Exit codes: 0 ok, 1 --fail-on matched, 2 usage or input error.`;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("softshort")
    .description("Turn an in situ TEM biasing current trace into a soft-to-hard short-circuit timeline.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(run softshort --help for usage)")
    .addHelpText("after", EXAMPLES);
  for (const register of commands) register(program);
  return program;
}

let pipeGuarded = false;

/** `softshort analyze ... | head`: a reader that stops early is normal, not a crash with a stack trace. */
function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(takeExitCode());
  });
}

/** Run the CLI; resolves to the process exit code. Commands report their code through the returned promise. */
export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are "errors" to commander's exitOverride but exit 0
      raiseExitCode(err.exitCode === 0 ? EXIT.ok : EXIT.error);
    } else if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`softshort: ${err.message}\n`);
      raiseExitCode(EXIT.error);
    } else {
      takeExitCode();
      throw err;
    }
  }
  return takeExitCode();
}
