// STUB: `softshort faraday` is registered here by the stage that owns it.
import type { Command } from "commander";

export function register(program: Command): void {
  program.command("faraday").description("(not yet implemented)").action(() => {
    throw new Error("softshort faraday is not implemented yet");
  });
}
