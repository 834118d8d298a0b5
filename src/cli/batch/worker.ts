// Worker-thread entry: runs jobs the pool sends, one at a time, and posts each outcome back. The pool
// may send a lane's next job before the current one is done: it waits here, and its name lets the
// current job's parse thread start reading it early.
import { parentPort } from "node:worker_threads";
import { runJob, type JobSpec } from "./job.js";

export interface JobMessage {
  index: number;
  spec: JobSpec;
}

if (parentPort) {
  const port = parentPort;
  const waiting: JobMessage[] = [];
  let busy = false;
  const runNext = () => {
    const msg = waiting.shift();
    if (!msg) { busy = false; return; }
    busy = true;
    // runJob never throws (failures come back as outcomes), so every message gets exactly one answer
    void runJob(msg.spec, waiting[0]?.spec).then((outcome) => {
      port.postMessage({ index: msg.index, outcome });
      runNext();
    });
  };
  port.on("message", (msg: JobMessage) => {
    waiting.push(msg);
    if (!busy) runNext();
  });
}
