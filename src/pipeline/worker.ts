/** Worker thread entry: loads the processor once, then processes the files it is sent, one at a time (or at once when concurrent). */
import { parentPort, workerData } from "node:worker_threads";
import { isDicomError } from "../core/errors.js";
import { loadProcessor } from "./load-processor.js";
import { failedResult, runTask, type TaskResult } from "./task.js";
import type { FileMessage, WorkerInit, WorkerMessage } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("worker.ts must run in a worker thread");
const init = workerData as WorkerInit;

/** The ArrayBuffer to transfer for the output, copying it first when it is a view into a larger buffer. */
function transferable(result: TaskResult): ArrayBuffer[] {
  const out = result.output;
  if (!out) return [];
  if (out.buffer instanceof ArrayBuffer && out.byteOffset === 0 && out.byteLength === out.buffer.byteLength) return [out.buffer];
  result.output = out.slice();
  return [result.output.buffer as ArrayBuffer];
}

try {
  const processor = await loadProcessor(init.processorUrl, init.processorOptions);
  const handle = async (m: FileMessage) => {
    const result = await runTask(m.task, processor, init.processorOptions);
    try {
      port.postMessage({ type: "result", id: m.id, result } satisfies WorkerMessage, transferable(result));
    } catch {
      port.postMessage({ type: "result", id: m.id, result: failedResult("INTERNAL", "processor result is not structured-cloneable", result.ms) } satisfies WorkerMessage);
    }
  };
  // Files may queue here (see WorkerPoolOptions.depth): one at a time, in order, unless concurrent.
  let queue = Promise.resolve();
  port.on("message", (m: FileMessage) => {
    if (init.concurrent === true) void handle(m);
    else queue = queue.then(() => handle(m));
  });
  port.postMessage({ type: "ready" } satisfies WorkerMessage);
} catch (e) {
  const code = isDicomError(e) ? e.code : "CONFIG";
  const reason = isDicomError(e) ? e.reason : "processor could not be loaded";
  port.postMessage({ type: "init-error", code, reason } satisfies WorkerMessage);
}
