/** Collects byte chunks without copying them until the final `concat`. */
export class ByteSink {
  readonly chunks: Uint8Array[] = [];
  length = 0;

  /** Appends a chunk (kept by reference). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Appends every chunk of another sink. */
  append(other: ByteSink): void {
    for (const c of other.chunks) this.push(c);
  }

  /** Copies all chunks into one buffer. */
  concat(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0];
    const out = uninitialized(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** Node's Buffer, when there is one (not in a browser). */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(n: number): Uint8Array } }).Buffer;

/**
 * A plain Uint8Array of `n` bytes for the caller to fill whole: not zeroed first where Node can
 * skip that, and never a view into a shared pool (so it can be transferred to another thread).
 */
function uninitialized(n: number): Uint8Array {
  if (!NodeBuffer || n < 4096) return new Uint8Array(n);
  const b = NodeBuffer.allocUnsafeSlow(n);
  return new Uint8Array(b.buffer, b.byteOffset, n);
}
