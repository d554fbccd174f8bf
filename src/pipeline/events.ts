import type { BatchEvent, EventSink } from "./batch-types.js";

/** A function that sends events to the sink: objects to a callback, JSON lines to a writable. */
export function eventEmitter(sink: EventSink | undefined): (event: BatchEvent) => void {
  if (!sink) return () => {};
  if (typeof sink === "function") return sink;
  return (event) => void sink.write(JSON.stringify(event) + "\n");
}
