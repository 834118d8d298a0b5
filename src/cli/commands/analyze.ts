// STUB: `softshort analyze` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("analyze").description("(not yet implemented)").action(() => {
    throw new Error("softshort analyze is not implemented yet");
  });
}
