// Worker-thread entry: runs jobs the pool sends, one at a time, and posts each outcome back.
import { parentPort } from "node:worker_threads";
import { runJob, type JobSpec } from "./job.js";

export interface JobMessage {
  index: number;
  spec: JobSpec;
}

if (parentPort) {
  const port = parentPort;
  port.on("message", (msg: JobMessage) => {
    // runJob never throws (failures come back as outcomes), so every message gets exactly one answer
    void runJob(msg.spec).then((outcome) => port.postMessage({ index: msg.index, outcome }));
  });
}
