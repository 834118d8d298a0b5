// --shard i/n: a deterministic partition of the sorted input list, so array jobs split an archive exactly once.
import { UsageError } from "../../errors.js";
import { compareNames } from "./inputs.js";

export interface Shard {
  /** 1-based shard number */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: expected i/n with 1 <= i <= n (e.g. 2/8), got "${text}"`);
  }
  return { index, count };
}

/**
 * Files of shard i/n: sort the list by path (code-unit order, locale-independent), then deal the files
 * round-robin, so shard sizes differ by at most one and shards 1..n together hold every file once.
 * The sorted order is also the shard's output order.
 */
export function selectShard(files: string[], shard: Shard): string[] {
  return [...files].sort(compareNames).filter((_, k) => k % shard.count === shard.index - 1);
}
