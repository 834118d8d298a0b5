// STUB: `softshort simulate` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("simulate").description("(not yet implemented)").action(() => {
    throw new Error("softshort simulate is not implemented yet");
  });
}
