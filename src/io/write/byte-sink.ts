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
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
