// The tool version, read once from package.json so results can name what produced them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "./packageroot.js";

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { name?: string; version?: string };
    if (pkg.name === "softshort" && pkg.version) return pkg.version;
  } catch {
    // no package.json above this module: the files were moved out of the package
  }
  return "0.0.0";
}

export const VERSION = readVersion();
