/**
 * Min/max filters over a k x k square with WebAssembly SIMD: 16 pixels per instruction.
 *
 * A running minimum over k values is built by doubling: m2[i] = min(m1[i], m1[i + 1]),
 * m4[i] = min(m2[i], m2[i + 2]), ... up to the largest power of two p <= k, then
 * mk[i] = min(mp[i], mp[i + k - p]) (windows may overlap: min and max are idempotent). Each step is
 * one flat, in-place pass `a[i] = min(a[i], a[i + offset])` over a buffer, which the module below
 * runs 16 bytes at a time. Rows are laid out padded by k / 2 fill values on each side for the
 * horizontal pass (offsets 1, 2, 4, ...) and by k / 2 fill rows above and below for the vertical
 * pass (offsets of whole rows), so that a window never mixes two rows or reads outside its column.
 * The results are exactly those of morphology.ts's van Herk filters, which remain the path where
 * WebAssembly SIMD is missing or the image is very large.
 *
 * The module is two functions, assembled here from their opcodes (no build step, no file to
 * fetch): `min(p, n, off)` and `max(p, n, off)`, each over i = p, p + 16, ... below p + n.
 */

interface Kernel {
  memory: WebAssembly.Memory;
  min: (p: number, n: number, off: number) => void;
  max: (p: number, n: number, off: number) => void;
}

/** One in-place step: for (i = p; i < p + n; i += 16) store(i, op(load(i), load(i + off))). */
function stepBody(op: number): number[] {
  // prettier-ignore
  const code = [
    0x01, 0x01, 0x7f, // one local: i32 end
    0x20, 0x00, 0x20, 0x01, 0x6a, 0x21, 0x03, // end = p + n
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, 0x00, 0x20, 0x03, 0x4f, 0x0d, 0x01, // if (p >= end) break
    0x20, 0x00, // address of the store
    0x20, 0x00, 0xfd, 0x00, 0x00, 0x00, // v128.load p
    0x20, 0x00, 0x20, 0x02, 0x6a, 0xfd, 0x00, 0x00, 0x00, // v128.load p + off
    0xfd, op, // i8x16.min_u (0x77) or i8x16.max_u (0x79)
    0xfd, 0x0b, 0x00, 0x00, // v128.store
    0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00, // p += 16
    0x0c, 0x00, 0x0b, 0x0b, // continue; end loop; end block
    0x0b, // end function
  ];
  return [...leb128(code.length), ...code];
}

/** Unsigned LEB128, the encoding of sizes and counts in a WebAssembly module. */
function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? byte : byte | 0x80);
  } while (n !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...leb128(body.length), ...body];
}

const name = (s: string): number[] => [s.length, ...[...s].map((c) => c.charCodeAt(0))];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const min = stepBody(0x77);
  const max = stepBody(0x79);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00]), // type 0: (i32, i32, i32) -> ()
    ...section(3, [0x02, 0x00, 0x00]), // two functions of type 0
    ...section(5, [0x01, 0x00, 0x01]), // one memory, one page to start
    ...section(7, [0x03, ...name("memory"), 0x02, 0x00, ...name("min"), 0x00, 0x00, ...name("max"), 0x00, 0x01]),
    ...section(10, [0x02, ...min, ...max]),
  ]);
}

let kernel: Kernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is not available. */
function getKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
    const e = instance.exports as unknown as Kernel;
    kernel = { memory: e.memory, min: e.min, max: e.max };
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Largest working memory (both passes) used, in bytes; larger images take the scalar path. */
const MAX_BYTES = 32 * 1024 * 1024;
/** Bytes after each buffer that a step may read or write past its end (16 over, plus 16 read ahead). */
const SLACK = 32;

const align16 = (n: number): number => (n + 15) & ~15;

/**
 * Runs the doubling steps for a window of k with `unit` bytes per window position; a step covers
 * only the positions whose partner lies inside the buffer (never a negative count: the module
 * compares addresses unsigned).
 */
function windowSteps(step: (p: number, n: number, off: number) => void, base: number, length: number, k: number, unit: number): void {
  const run = (off: number): void => step(base, Math.max(0, length - off), off);
  let p = 1;
  for (; 2 * p <= k; p *= 2) run(p * unit);
  if (k > p) run((k - p) * unit);
}

/** One min or max pass of `simdFilters`. */
export interface FilterPass {
  /** Maximum (true) or minimum (false). */
  max: boolean;
  /** Value read outside the image; by default the outside is ignored. */
  outside?: number;
}

/**
 * Runs k x k min/max passes (k odd) one after another on an image, each reading the last one's
 * result, and hands the final result to `use`: a view into the module's memory, valid only
 * during that call, so that a caller combining it with the input (a top-hat, a mask) makes one
 * array, not one per pass. Undefined when the SIMD path cannot take the image.
 */
export function simdFilters<R>(src: Uint8Array, width: number, height: number, k: number, passes: readonly FilterPass[], use: (result: Uint8Array) => R): R | undefined {
  const r = (k - 1) >> 1;
  const stride = width + 2 * r;
  const hBytes = height * stride;
  const vBytes = (height + 2 * r) * width;
  const vBase = align16(hBytes + SLACK);
  const need = vBase + align16(vBytes + SLACK);
  if (need > MAX_BYTES) return undefined;
  const K = getKernel();
  if (K === null) return undefined;
  const have = K.memory.buffer.byteLength;
  if (have < need) K.memory.grow(Math.ceil((need - have) / 65536));
  const mem = new Uint8Array(K.memory.buffer);
  passes.forEach((pass, i) => {
    const fill = pass.outside ?? (pass.max ? 0 : 255);
    const step = pass.max ? K.max : K.min;
    // Rows padded for the horizontal pass, from the input or from the last pass's result.
    for (let y = 0; y < height; y++) {
      const o = y * stride;
      mem.fill(fill, o, o + r);
      if (i === 0) mem.set(src.subarray(y * width, (y + 1) * width), o + r);
      else mem.copyWithin(o + r, vBase + y * width, vBase + (y + 1) * width);
      mem.fill(fill, o + r + width, o + stride);
    }
    windowSteps(step, 0, hBytes, k, 1);
    // Rows padded above and below for the vertical pass; its result is the buffer's first `height` rows.
    mem.fill(fill, vBase, vBase + r * width);
    for (let y = 0; y < height; y++) mem.copyWithin(vBase + (y + r) * width, y * stride, y * stride + width);
    mem.fill(fill, vBase + (height + r) * width, vBase + vBytes);
    windowSteps(step, vBase, vBytes, k, width);
  });
  return use(mem.subarray(vBase, vBase + width * height));
}

/**
 * Minimum (isMax false) or maximum over the k x k square (k odd) around each pixel; undefined when
 * the SIMD path cannot take the image. Outside the image is ignored, or read as `outside` when given.
 */
export function simdFilter(src: Uint8Array, width: number, height: number, k: number, isMax: boolean, outside?: number): Uint8Array | undefined {
  return simdFilters(src, width, height, k, [{ max: isMax, outside }], (result) => result.slice());
}
