// Writing a figure or page: atomically (temp file + rename), so a reader never sees half a file.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Write `text` to `file` ("-" = stdout) via a temp file in the same folder, then rename over it. */
export function writeOutput(file: string, text: string): void {
  if (file === "-") {
    process.stdout.write(text);
    return;
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
