// A stand-in batch worker for the pool's tests: answers each job after a moment, in the order sent,
// and exits (a crash, to the pool) on an input whose name contains "crash".
import { parentPort } from "node:worker_threads";

const queue = [];
let busy = false;
function next() {
  const msg = queue.shift();
  if (!msg) { busy = false; return; }
  busy = true;
  setTimeout(() => {
    if (msg.spec.file.includes("crash")) process.exit(7);
    parentPort.postMessage({ index: msg.index, outcome: { schemaVersion: 1, file: msg.spec.file, status: "error", error: "stand-in", wall_s: 0, sha256: null } });
    next();
  }, 5);
}
parentPort.on("message", (msg) => { queue.push(msg); if (!busy) next(); });
