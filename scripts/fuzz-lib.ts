// Mutation fuzzing of the reader and writer: flips, truncations, length-field rewrites and
// splices of corpus files. Every case must end in a value or a DicomError, quickly, without
// unbounded memory. Deterministic: a seeded PRNG (xorshift32), never Math.random.
import { readFileSync } from "node:fs";
import { readDicom } from "../src/io/read/read-file.js";
import { writeDicom } from "../src/io/write/write-file.js";
import { isDicomError } from "../src/core/errors.js";

/** A seeded xorshift32 generator. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

/** One mutated copy of `src`. */
export function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const int = (n: number) => Math.floor(r() * n);
  const b = new Uint8Array(src);
  switch (int(6)) {
    case 0: { // random byte flips
      const n = 1 + int(8);
      for (let i = 0; i < n; i++) b[int(b.length)] = int(256);
      return b;
    }
    case 1: // truncation
      return b.subarray(0, int(b.length));
    case 2: { // a 16- or 32-bit length field rewritten to an extreme
      const at = int(Math.max(1, b.length - 4));
      const v = [0xffffffff, 0xfffffffe, 0x7fffffff, 0xc0000000, int(0x10000), 0, 1, 3][int(8)];
      new DataView(b.buffer).setUint32(at, v >>> 0, true);
      return b;
    }
    case 3: { // splice: repeat a window (deep nesting, duplicated items)
      const at = int(b.length);
      const len = Math.min(b.length - at, 1 + int(64));
      const win = b.subarray(at, at + len);
      const reps = 1 + int(50);
      const out = new Uint8Array(b.length + len * reps);
      out.set(b.subarray(0, at));
      for (let k = 0; k < reps; k++) out.set(win, at + k * len);
      out.set(b.subarray(at), at + len * reps);
      return out;
    }
    case 4: { // item / delimiter tags sprinkled in
      const tags = [[0xfe, 0xff, 0x00, 0xe0], [0xfe, 0xff, 0x0d, 0xe0], [0xfe, 0xff, 0xdd, 0xe0]];
      for (let i = 0; i < 1 + int(4); i++) b.set(tags[int(3)], int(Math.max(1, b.length - 4)));
      return b;
    }
    default: { // VR bytes scrambled
      const at = int(Math.max(1, b.length - 2));
      b[at] = 0x41 + int(26); b[at + 1] = 0x41 + int(26);
      return b;
    }
  }
}

/** Outcome counts of a fuzz run. */
export interface FuzzReport { cases: number; read: number; rejected: number; crashes: string[]; slowest: number; maxRss: number }

/** Runs `cases` mutations over the corpus; crashes are non-DicomError throws or slow cases. */
export function fuzz(files: string[], cases: number, seed = 1, slowMs = 2000): FuzzReport {
  const corpus = files.map((f) => new Uint8Array(readFileSync(f)));
  const r = rng(seed);
  const rep: FuzzReport = { cases: 0, read: 0, rejected: 0, crashes: [], slowest: 0, maxRss: 0 };
  for (let i = 0; i < cases; i++) {
    const src = corpus[i % corpus.length];
    const bytes = mutate(src, r);
    const t0 = performance.now();
    for (const lenient of [false, true]) {
      try {
        const f = readDicom(bytes, { lenient });
        const out = writeDicom(f);
        rep.read++;
        if (!lenient) {
          // read -> write -> read: what was read strictly is written so that it reads back the same.
          const again = writeDicom(readDicom(out));
          if (again.length !== out.length || again.some((x, k) => x !== out[k])) rep.crashes.push(`case ${i}: rewrite of the output differs`);
        }
      } catch (e) {
        if (isDicomError(e)) rep.rejected++;
        else rep.crashes.push(`case ${i} (${files[i % files.length].split("/").pop()}, lenient=${lenient}): ${(e as Error)?.message}`);
      }
    }
    const dt = performance.now() - t0;
    rep.slowest = Math.max(rep.slowest, dt);
    if (dt > slowMs) rep.crashes.push(`case ${i}: took ${dt.toFixed(0)} ms`);
    rep.cases++;
    if (i % 500 === 0) rep.maxRss = Math.max(rep.maxRss, process.memoryUsage().rss);
  }
  return rep;
}
