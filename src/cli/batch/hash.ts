// sha256 of an input's bytes, streamed (bounded memory on any file size).
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";

/** Hex sha256 of the file's bytes as stored (a .gz is hashed compressed); null when it cannot be read. */
export async function sha256File(file: string): Promise<string | null> {
  if (file === "-") return null;
  const hash = createHash("sha256");
  try {
    for await (const buf of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(buf as Buffer);
  } catch {
    return null;
  }
  return hash.digest("hex");
}
