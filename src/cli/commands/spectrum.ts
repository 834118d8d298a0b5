// STUB: `softshort spectrum` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("spectrum").description("(not yet implemented)").action(() => {
    throw new Error("softshort spectrum is not implemented yet");
  });
}
