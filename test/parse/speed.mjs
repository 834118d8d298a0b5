// Parse-only throughput on a generated 2-column "t,I" file: wall clock and CPU time (CPU time is
// the fairer figure on a shared, loaded machine). Run after `npm run build`:
//   node test/parse/speed.mjs [rows]        (default 4 000 000 rows, ~89 MB)
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTrace } from "../../dist/src/parse/index.js";

const rows = Number(process.argv[2] ?? 4_000_000);
const dir = mkdtempSync(join(tmpdir(), "softshort-speed-"));
const file = join(dir, "t-I.csv");
let text = "t,I\n";
const parts = [];
for (let i = 0; i < rows; i++) {
  text += `${(i * 1e-3).toFixed(3)},${(((i * 7919) % 100003) - 50001) / 1000}e-12\n`;
  if (text.length > 1 << 20) {
    parts.push(text);
    text = "";
  }
}
parts.push(text);
writeFileSync(file, parts.join(""));
const mb = statSync(file).size / 1e6;

async function parseOnly() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const tr = await openTrace(file);
  let n = 0;
  for await (const c of tr.chunks()) n += c.length;
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { n, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

for (let k = 0; k < 3; k++) {
  const a = await parseOnly();
  console.log(
    `${mb.toFixed(1)} MB, ${a.n} rows: parse-only ${a.wall.toFixed(2)} s wall (${(mb / a.wall).toFixed(0)} MB/s), ${a.cpu.toFixed(2)} s cpu (${(mb / a.cpu).toFixed(0)} MB/s)`,
  );
}
rmSync(dir, { recursive: true });
