/**
 * Scratch buffers: working arrays that a detection step fills and drops before it returns, reused
 * from call to call instead of allocated each time.
 *
 * Every image-sized typed array counts against V8's old-generation limit until the next full
 * collection, so line detection's working arrays (about 15 MB an image of 512 x 512) set off a
 * mark-compact of the whole heap every image or so. A slot is one grow-only buffer per purpose
 * and thread (module state is per thread); a caller must not keep a scratch view past its own
 * return, nor ask for the same slot again while it still reads it. Requests over `MAX_BYTES`
 * get a fresh array, so that one huge image does not pin its working memory for the thread's
 * life.
 */

/** Largest scratch buffer kept, in bytes. */
const MAX_BYTES = 16 * 1024 * 1024;

/** The purposes that hold a scratch buffer; each is used by one function at a time. */
export type ScratchSlot = "components-runs" | "components-parent" | "integral" | "morph-rows" | "morph-g" | "morph-h";

const buffers = new Map<ScratchSlot, ArrayBuffer>();

function take(slot: ScratchSlot, bytes: number): ArrayBuffer | undefined {
  if (bytes > MAX_BYTES) return undefined;
  let buffer = buffers.get(slot);
  if (buffer === undefined || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(Math.max(bytes, Math.min(MAX_BYTES, (buffer?.byteLength ?? 0) * 2)));
    buffers.set(slot, buffer);
  }
  return buffer;
}

/** A Uint8Array of `length` from `slot`, its contents left from the last use unless `zero`. */
export function scratchUint8(slot: ScratchSlot, length: number, zero = false): Uint8Array {
  const buffer = take(slot, length);
  if (buffer === undefined) return new Uint8Array(length);
  const view = new Uint8Array(buffer, 0, length);
  if (zero) view.fill(0);
  return view;
}

/** An Int32Array of `length` from `slot`, its contents left from the last use unless `zero`. */
export function scratchInt32(slot: ScratchSlot, length: number, zero = false): Int32Array {
  const buffer = take(slot, length * 4);
  if (buffer === undefined) return new Int32Array(length);
  const view = new Int32Array(buffer, 0, length);
  if (zero) view.fill(0);
  return view;
}
