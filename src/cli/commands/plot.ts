// STUB: `softshort plot` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("plot").description("(not yet implemented)").action(() => {
    throw new Error("softshort plot is not implemented yet");
  });
}
