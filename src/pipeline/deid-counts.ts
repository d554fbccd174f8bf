// Summary count keys of the de-identification processor that the CLI reads back (kept apart
// from the processor so that reading them does not load the engine).

/** Mirrored output paths that hold an identifying value of their file (a name or ID in the file name). */
export const MIRRORED_NAME_COUNT = "paths:mirrored name holds an identifying value";
