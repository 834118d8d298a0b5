// STUB: `softshort inspect` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("inspect").description("(not yet implemented)").action(() => {
    throw new Error("softshort inspect is not implemented yet");
  });
}
