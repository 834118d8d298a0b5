// Where the installed package lives, whichever copy of the code is running: src/ (the tests),
// dist/src/ (the built modules) or dist/bundle/ (the command's one-file bundle, scripts/bundle.mjs).
// Paths to the kernels, the worker scripts and package.json are taken from here rather than from the
// running module's own place, because a bundle puts every module at the bundle's place.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface Manifest {
  name?: string;
  version?: string;
}

let found: { root: string; manifest: Manifest | null } | null = null;

/** The nearest folder above this module whose package.json names softshort, and that package.json. */
function locate(): { root: string; manifest: Manifest | null } {
  if (found !== null) return found;
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = readManifest(path.join(dir, "package.json"));
    if (manifest?.name === "softshort") return (found = { root: dir, manifest });
    if (path.dirname(dir) === dir) break;
  }
  // not found (the files were moved out of the package): the shipped layout is assumed, two levels
  // below the root (dist/src/, dist/bundle/)
  return (found = { root: path.resolve(start, "..", ".."), manifest: null });
}

export function packageRoot(): string {
  return locate().root;
}

/** softshort's package.json (read once, while finding the root); null when it was not found */
export function packageManifest(): Manifest | null {
  return locate().manifest;
}

/** A built file of the package (dist/...), or null when it has not been built (tests from src/ before `npm run build`). */
export function builtFile(relative: string): string | null {
  const file = path.join(packageRoot(), "dist", relative);
  return existsSync(file) ? file : null;
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Manifest;
  } catch {
    return null;
  }
}
