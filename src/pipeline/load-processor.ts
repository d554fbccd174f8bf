import { DicomError } from "../core/errors.js";
import type { ProcessorModule } from "./types.js";

/** Imports a processor module by URL and calls its `init` once; a bad module is a CONFIG error. */
export async function loadProcessor(url: string, options: unknown): Promise<ProcessorModule<unknown>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new DicomError("CONFIG", `cannot load the processor module (${(e as NodeJS.ErrnoException).code ?? (e as Error).name})`);
  }
  const candidate = (typeof mod.processFile === "function" ? mod : mod.default) as ProcessorModule<unknown> | undefined;
  if (!candidate || typeof candidate.processFile !== "function") {
    throw new DicomError("CONFIG", "the processor module exports no processFile function");
  }
  if (typeof candidate.init === "function") {
    try {
      await candidate.init(options);
    } catch (e) {
      const why = e instanceof DicomError ? `${e.code}: ${e.reason}` : (e as Error)?.name ?? "error";
      throw new DicomError("CONFIG", `processor init failed (${why})`);
    }
  }
  return candidate;
}
