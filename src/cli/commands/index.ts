// One module per subcommand; each exports register(program).
import type { Command } from "commander";
import { register as analyze } from "./analyze.js";
import { register as inspect } from "./inspect.js";
import { register as simulate } from "./simulate.js";
import { register as plot } from "./plot.js";
import { register as report } from "./report.js";
import { register as faraday } from "./faraday.js";
import { register as spectrum } from "./spectrum.js";
import { register as merge } from "./merge.js";

export const commands: ((program: Command) => void)[] = [analyze, inspect, simulate, plot, report, faraday, spectrum, merge];
