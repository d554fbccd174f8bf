// Throughput of redactJpegBlocks and encodeJpegLossless on corpus files (not a test).
// Run: node --import tsx test/redact/jpeg/bench.ts
import { Decoder } from "jpeg-lossless-decoder-js";
import { jpegBlockGeometry } from "../../../src/redact/jpeg/block-geometry.js";
import { redactJpegBlocks } from "../../../src/redact/jpeg/block-redact.js";
import { encodeJpegLossless } from "../../../src/redact/jpeg/lossless-encoder.js";
import { corpusFrames } from "./helpers.js";

const LOSSY = [
  "codecs/cornerstone__CTImage_jpeg_process1.dcm",
  "codecs/cornerstone__CTImage_jpeg_process2_4.dcm",
  "pixel_phi/pydicom__examples_ybr_color_US_30frame.dcm",
  "pixel_phi/smi__US-GE-4AICL142_ybr422.dcm",
  "pixel_phi/pylibjpeg__JPEGExtended_3s_US_named.dcm",
];

for (const file of LOSSY) {
  const frames = corpusFrames(file);
  if (!frames) continue;
  const g = jpegBlockGeometry(frames[0]);
  const rects = [
    { x: 10, y: 10, w: 200, h: 30 },
    { x: g.width - 100, y: g.height - 40, w: 90, h: 30 },
  ];
  for (const huffman of ["auto", "optimal"] as const) {
    for (let w = 0; w < 3; w++) for (const f of frames) redactJpegBlocks(f, rects, { huffman });
    const reps = Math.max(1, Math.ceil(60 / frames.length));
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) for (const f of frames) redactJpegBlocks(f, rects, { huffman });
    const ms = (performance.now() - t0) / reps;
    const mp = (g.width * g.height * frames.length) / 1e6;
    console.log(`${file} ${g.width}x${g.height}x${frames.length} ${huffman}: ${ms.toFixed(2)} ms, ${(mp / ms * 1000).toFixed(1)} MP/s`);
  }
}

for (const file of ["codecs/pylibjpeg__JPEGLossless_process14_16_12.dcm", "pixel_phi/pylibjpeg__JPEGLosslessP14SV1_3s_2f_US.dcm"]) {
  const frames = corpusFrames(file);
  if (!frames) continue;
  const f = frames[0];
  const sof = f.findIndex((b, i) => b === 0xff && f[i + 1] === 0xc3);
  const [p, height, width, components] = [f[sof + 4], (f[sof + 5] << 8) | f[sof + 6], (f[sof + 7] << 8) | f[sof + 8], f[sof + 9]];
  const copy = f.slice();
  const decoded = new Decoder().decode(copy.buffer, 0, copy.length, p > 8 ? 2 : 1) as ArrayLike<number>;
  const px = p > 8 ? Uint16Array.from(decoded) : Uint8Array.from(decoded);
  const o = { width, height, components, precision: p, predictor: 1 };
  encodeJpegLossless(px, o);
  const t0 = performance.now();
  let out: Uint8Array = new Uint8Array();
  for (let i = 0; i < 5; i++) out = encodeJpegLossless(px, o);
  const ms = (performance.now() - t0) / 5;
  console.log(`${file} lossless ${width}x${height}x${components} P=${p}: ${ms.toFixed(1)} ms, ${((width * height) / ms / 1000).toFixed(1)} MP/s, ${f.length} -> ${out.length} bytes`);
}
