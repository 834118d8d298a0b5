// Which files a run covers: FILE | DIR (recursive) | GLOB | "-" arguments expanded in the order given.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Names a directory walk never takes as traces: our own outputs and other non-trace artefacts. */
const NOT_TRACES = /\.(json|ndjson|svg|html?|png|jpe?g|gif|pdf|md|tmp|zip|tar|py|js|ts)$/i;

export interface ExpandOptions {
  /** directories never walked into (the --out directory, so results are not read back as traces) */
  exclude?: string[];
  /** which file names a directory walk takes (default: anything but our own outputs and other non-traces) */
  accept?: (name: string) => boolean;
}

const isTraceName = (name: string) => !NOT_TRACES.test(name);

/**
 * Expand the arguments into a list of inputs, in argument order; a directory contributes its files
 * sorted by path, a glob its matches sorted by path. A path that does not exist and matches nothing
 * is kept as given, so it fails later as a missing file with a one-line message naming it.
 */
export function expandInputs(args: string[], options: ExpandOptions = {}): string[] {
  const exclude = new Set((options.exclude ?? []).map((d) => path.resolve(d)));
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = f === "-" ? "-" : path.resolve(f);
    if (!seen.has(key)) { seen.add(key); out.push(f); }
  };
  for (const arg of args) {
    if (arg === "-") { add(arg); continue; }
    const st = statOrNull(arg);
    if (st?.isDirectory()) { for (const f of walk(arg, exclude, options.accept ?? isTraceName)) add(f); continue; }
    if (!st && hasGlobMagic(arg)) {
      const matches = expandGlob(arg, exclude);
      if (matches.length > 0) { for (const f of matches) add(f); continue; }
    }
    add(arg);
  }
  return out;
}

function statOrNull(p: string) {
  try { return statSync(p); } catch { return null; }
}

/** Every regular, non-hidden, accepted file under dir, sorted by path (stable across machines: byte order). */
function walk(dir: string, exclude: Set<string>, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (d: string) => {
    if (exclude.has(path.resolve(d))) return;
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      const isDir = e.isDirectory() || (e.isSymbolicLink() && statOrNull(p)?.isDirectory());
      if (isDir) visit(p);
      else if ((e.isFile() || e.isSymbolicLink()) && accept(e.name)) found.push(p);
    }
  };
  visit(dir);
  return found.sort(compareNames);
}

/** Plain code-unit order: the same on every machine and locale (the shard partition relies on it). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasGlobMagic(s: string): boolean {
  return /[*?[]/.test(s);
}

/** `*` and `?` within one path segment, `**` across segments, `[abc]` classes. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slashAfter = glob[i + 2] === "/";
        re += slashAfter ? "(?:.*/)?" : ".*";
        i += slashAfter ? 2 : 1;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Files matching a glob, walking from its longest literal directory prefix; sorted by path. */
export function expandGlob(glob: string, exclude = new Set<string>()): string[] {
  const normalized = glob.split(path.sep).join("/");
  const segments = normalized.split("/");
  const firstMagic = segments.findIndex(hasGlobMagic);
  const base = segments.slice(0, firstMagic).join("/") || (normalized.startsWith("/") ? "/" : ".");
  const re = globToRegExp(normalized);
  const st = statOrNull(base);
  if (!st?.isDirectory()) return [];
  // without "**" a match is exactly as deep as the glob, so deeper directories need no visit
  const maxDepth = normalized.includes("**") ? Infinity : segments.length - firstMagic - 1;
  const found: string[] = [];
  const visit = (d: string, depth = 0) => {
    if (exclude.has(path.resolve(d))) return;
    let entries;
    try { entries = readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = d === "." && !normalized.startsWith("./") ? e.name : `${d === "/" ? "" : d}/${e.name}`;
      if (e.isDirectory()) { if (depth < maxDepth) visit(p, depth + 1); }
      else if (re.test(p)) found.push(p);
    }
  };
  visit(base);
  return found.sort(compareNames);
}
