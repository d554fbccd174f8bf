/** 8-bit renderings of frames for OCR and review (no I/O; PNG encoding lives in ./png.ts). */
export { renderFrame, type RenderOptions, type VoiChoice } from "./render-frame.js";
export { extremes, inverted, upscale, crop, type ExtremesOptions, type UpscaleOptions } from "./variants.js";
export { toPixelBox, rendered, type Rendered, type PixelBox } from "./rendered.js";
export { frameDisplay, type FrameDisplay, type Window, type VoiFunction } from "./display-attributes.js";
