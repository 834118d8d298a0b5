// STUB: `softshort merge` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("merge").description("(not yet implemented)").action(() => {
    throw new Error("softshort merge is not implemented yet");
  });
}
