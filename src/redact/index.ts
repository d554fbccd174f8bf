// Pixel redaction: rectangles -> redacted frames in every transfer syntax, overlays, region rules.
export { redactFile, type RedactOptions } from "./redact-file.js";
export { markCleanPixelData } from "./mark-clean.js";
export { cleanOverlays, type OverlayCleaning } from "./overlays.js";
export { checkRedaction, type CheckOptions, type RedactionCheck } from "./verify.js";
export { fillFor, type Fill } from "./fill.js";
export { clipRect, rectsPerFrame } from "./rects.js";
export type {
  FillRequest,
  FrameRedaction,
  Rect,
  RectsByFrame,
  RedactionMethod,
  RedactionRequest,
  RedactionResult,
} from "./types.js";
export * from "./regions/index.js";
