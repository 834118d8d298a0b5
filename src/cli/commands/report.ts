// STUB: `softshort report` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("report").description("(not yet implemented)").action(() => {
    throw new Error("softshort report is not implemented yet");
  });
}
