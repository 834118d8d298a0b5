// The tool version, read once from package.json so results can name what produced them.
import { readFileSync } from "node:fs";

function readVersion(): string {
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "softshort" && pkg.version) return pkg.version;
    } catch {
      // try the next location: src/ (tests) and dist/src/ (built) sit at different depths
    }
  }
  return "0.0.0";
}

export const VERSION = readVersion();
