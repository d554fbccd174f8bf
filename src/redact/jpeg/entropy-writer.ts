// Bit writer for Huffman entropy-coded segments (ITU-T T.81 F.1.2.3, B.1.1.5): MSB first,
// a zero byte stuffed after every 0xFF, 1-bits to pad each segment to a byte boundary.

/** Growable byte sink that writes entropy-coded bits and markers. */
export class EntropyWriter {
  private buf: Uint8Array;
  private len = 0;
  private acc = 0;
  private bits = 0;

  constructor(initialCapacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Appends the low `size` bits of `value` (size 0..16). */
  write(value: number, size: number): void {
    if (size === 0) return;
    this.acc = (this.acc << size) | (value & ((1 << size) - 1));
    this.bits += size;
    if (this.bits < 8) return;
    this.ensure(6);
    const buf = this.buf;
    while (this.bits >= 8) {
      this.bits -= 8;
      const byte = (this.acc >>> this.bits) & 0xff;
      buf[this.len++] = byte;
      // T.81 B.1.1.5: a 0xFF byte in entropy-coded data is followed by a stuffed 0x00.
      if (byte === 0xff) buf[this.len++] = 0;
    }
  }

  /** Pads the last byte with 1-bits (T.81 F.1.2.3). */
  flush(): void {
    if (this.bits > 0) this.write((1 << (8 - this.bits)) - 1, 8 - this.bits);
    this.acc = 0;
  }

  /** Appends a marker (0xFF, code) after flushing the bits. */
  marker(code: number): void {
    this.flush();
    this.ensure(2);
    this.buf[this.len++] = 0xff;
    this.buf[this.len++] = code;
  }

  /** Appends raw bytes (a marker segment) after flushing the bits. */
  bytes(data: Uint8Array): void {
    this.flush();
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  /** Bytes written so far (a copy, after flushing). */
  finish(): Uint8Array {
    this.flush();
    return this.buf.slice(0, this.len);
  }
}
