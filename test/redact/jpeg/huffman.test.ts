// Huffman tables: DHT parsing and writing (T.81 B.2.4.2), code generation (Annex C) and
// optimal tables (Annex K.2).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { optimalHuffmanSpec } from "../../../src/redact/jpeg/huffman-optimal.js";
import { dhtSegment, huffmanDecoder, huffmanEncoder, parseDht, type HuffmanSpec } from "../../../src/redact/jpeg/huffman-table.js";
import { EntropyReader } from "../../../src/redact/jpeg/entropy-reader.js";
import { EntropyWriter } from "../../../src/redact/jpeg/entropy-writer.js";

/** T.81 Table K.3: the typical luminance DC table. */
const LUMA_DC: HuffmanSpec = {
  counts: Uint8Array.from([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
  symbols: Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
};

/** Kraft sum of a table's code lengths; below 1 means the all-ones code is unused. */
function kraft(spec: HuffmanSpec): number {
  return Array.from(spec.counts).reduce((s, n, i) => s + n / 2 ** (i + 1), 0);
}

/** Encodes symbols with the table and decodes them back. */
function roundTrip(spec: HuffmanSpec, symbols: number[]): number[] {
  const enc = huffmanEncoder(spec);
  const w = new EntropyWriter();
  for (const s of symbols) w.write(enc.code[s], enc.size[s]);
  const bytes = w.finish();
  const r = new EntropyReader(bytes, 0, bytes.length);
  const dec = huffmanDecoder(spec);
  return symbols.map(() => r.decode(dec));
}

describe("Huffman tables", () => {
  it("when the K.3 luminance DC table is coded then codes match Table K.3", () => {
    const enc = huffmanEncoder(LUMA_DC);
    assert.deepEqual([enc.size[0], enc.code[0]], [2, 0b00]);
    assert.deepEqual([enc.size[5], enc.code[5]], [3, 0b110]);
    assert.deepEqual([enc.size[11], enc.code[11]], [9, 0b111111110]);
  });

  it("when a DHT segment is written and parsed again then the tables are the same", () => {
    const seg = dhtSegment([{ tableClass: 0, id: 1, spec: LUMA_DC }]);
    assert.deepEqual(Array.from(seg.subarray(0, 4)), [0xff, 0xc4, 0, 31]);
    const [t] = parseDht(seg.subarray(4), 4);
    assert.equal(t.tableClass, 0);
    assert.equal(t.id, 1);
    assert.deepEqual(t.spec, LUMA_DC);
  });

  it("when a table claims more codes than its lengths allow then parsing throws DECODE", () => {
    const body = new Uint8Array(17 + 3);
    body[1] = 3; // three codes of length 1
    assert.throws(() => parseDht(body, 0), (e: unknown) => e instanceof DicomError && e.code === "DECODE");
  });

  it("when symbols are coded with long and short codes then decoding returns them", () => {
    const freq = new Array(256).fill(0).map((_, i) => (i < 40 ? Math.round(1e6 / 1.6 ** i) + 1 : 0));
    const spec = optimalHuffmanSpec(freq);
    const symbols = Array.from({ length: 500 }, (_, i) => (i * 7919) % 40);
    assert.deepEqual(roundTrip(spec, symbols), symbols);
  });

  it("when frequencies would need codes over 16 bits then K.2 limits them to 16 and keeps all-ones free", () => {
    // Fibonacci frequencies give a maximally deep tree.
    const freq = new Array(256).fill(0);
    let [a, b] = [1, 1];
    for (let i = 0; i < 30; i++) {
      freq[i] = a;
      [a, b] = [b, a + b];
    }
    const spec = optimalHuffmanSpec(freq);
    assert.equal(spec.symbols.length, 30);
    assert.ok(kraft(spec) < 1);
    assert.equal(Array.from(spec.counts).reduce((s, n) => s + n, 0), 30);
    assert.deepEqual(roundTrip(spec, [0, 29, 15, 1, 28]), [0, 29, 15, 1, 28]);
  });

  it("when only one symbol or none is used then the table still has a code", () => {
    const one = optimalHuffmanSpec(Object.assign(new Array(256).fill(0), { 7: 100 }));
    assert.deepEqual(Array.from(one.symbols), [7]);
    assert.equal(one.counts[0], 1);
    assert.ok(kraft(one) < 1);
    assert.equal(optimalHuffmanSpec(new Array(256).fill(0)).symbols.length, 1);
  });

  it("when frequencies are skewed then more frequent symbols never get longer codes", () => {
    const freq = Array.from({ length: 256 }, (_, i) => 256 - i);
    const enc = huffmanEncoder(optimalHuffmanSpec(freq));
    for (let s = 1; s < 256; s++) assert.ok(enc.size[s] >= enc.size[s - 1]);
  });
});

describe("entropy reader and writer", () => {
  it("when data bytes equal 0xFF then a zero byte is stuffed and removed again", () => {
    const w = new EntropyWriter();
    w.write(0xff, 8);
    w.write(0xfff, 12);
    const bytes = w.finish();
    assert.deepEqual(Array.from(bytes), [0xff, 0x00, 0xff, 0x00, 0xff, 0x00]);
    const r = new EntropyReader(bytes, 0, bytes.length);
    assert.equal(r.receive(8), 0xff);
    assert.equal(r.receive(12), 0xfff);
  });

  it("when a value of category s is written then receiveExtend returns it signed", () => {
    const w = new EntropyWriter();
    const values = [-1, 1, -255, 255, -2047, 1024, -32767];
    const cat = (v: number) => 32 - Math.clz32(Math.abs(v));
    for (const v of values) w.write(v < 0 ? v - 1 : v, cat(v));
    const bytes = w.finish();
    const r = new EntropyReader(bytes, 0, bytes.length);
    assert.deepEqual(values.map((v) => r.receiveExtend(cat(v))), values);
  });

  it("when decoding runs past a marker then checkNotOverrun throws DECODE", () => {
    const bytes = Uint8Array.from([0xab, 0xff, 0xd9]);
    const r = new EntropyReader(bytes, 0, bytes.length);
    r.receive(8);
    r.checkNotOverrun();
    r.receive(4);
    assert.throws(() => r.checkNotOverrun(), (e: unknown) => e instanceof DicomError && e.code === "DECODE");
  });
});
