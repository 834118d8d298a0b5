// Bench child: CPU seconds of analysing the same file several times in one thread: the first pass pays the JIT warm-up.
import { analyze } from "../../src/analyze.js";

const [file, passes = "3"] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: warmup.js FILE [PASSES]\n");
  process.exit(2);
}
const cpu_s: number[] = [];
for (let k = 0; k < Number(passes); k++) {
  const c0 = process.cpuUsage();
  await analyze(file);
  const c = process.cpuUsage(c0);
  cpu_s.push((c.user + c.system) / 1e6);
}
process.stdout.write(`${JSON.stringify({ cpu_s })}\n`);
