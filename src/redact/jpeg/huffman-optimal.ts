// Optimal Huffman tables from symbol frequencies (ITU-T T.81 Annex K.2, Figures K.1-K.4).
import type { HuffmanSpec } from "./huffman-table.js";

/**
 * The Huffman table with the shortest total code length for the given symbol frequencies
 * (256 entries), code lengths limited to 16 bits and no all-ones code (T.81 K.2).
 * Symbols with frequency 0 get no code; at least one symbol always gets one.
 */
export function optimalHuffmanSpec(frequencies: ArrayLike<number>): HuffmanSpec {
  // T.81 K.2: a reserved symbol 256 with frequency 1 keeps the all-ones code unused.
  const freq = new Float64Array(257);
  let used = 0;
  for (let v = 0; v < 256; v++) {
    freq[v] = frequencies[v] ?? 0;
    if (freq[v] > 0) used++;
  }
  if (used === 0) freq[0] = 1; // an unused table still needs one code to be valid
  freq[256] = 1;

  // T.81 K.2 Figure K.1: code sizes by repeatedly merging the two least frequent branches.
  const codeSize = new Int32Array(257);
  const others = new Int32Array(257).fill(-1);
  const active: number[] = []; // values with non-zero frequency, ascending
  for (let v = 0; v <= 256; v++) if (freq[v] > 0) active.push(v);
  while (active.length > 1) {
    // Least frequency, ties to the largest value; then the next least.
    let i1 = -1;
    let i2 = -1;
    for (let i = 0; i < active.length; i++) {
      if (i1 < 0 || freq[active[i]] <= freq[active[i1]]) i1 = i;
    }
    for (let i = 0; i < active.length; i++) {
      if (i !== i1 && (i2 < 0 || freq[active[i]] <= freq[active[i2]])) i2 = i;
    }
    let v1 = active[i1];
    let v2 = active[i2];
    freq[v1] += freq[v2];
    freq[v2] = 0;
    active.splice(i2, 1);
    codeSize[v1]++;
    while (others[v1] >= 0) {
      v1 = others[v1];
      codeSize[v1]++;
    }
    others[v1] = v2;
    codeSize[v2]++;
    while (others[v2] >= 0) {
      v2 = others[v2];
      codeSize[v2]++;
    }
  }

  // T.81 K.2 Figure K.2: number of codes of each size.
  let maxSize = 0;
  for (let v = 0; v <= 256; v++) if (codeSize[v] > maxSize) maxSize = codeSize[v];
  const bits = new Int32Array(Math.max(maxSize, 16) + 1);
  for (let v = 0; v <= 256; v++) if (codeSize[v] > 0) bits[codeSize[v]]++;

  // T.81 K.2 Figure K.3: move codes longer than 16 bits up the tree, then drop the reserved code.
  for (let i = maxSize; i > 16; i--) {
    while (bits[i] > 0) {
      let j = i - 2;
      while (bits[j] === 0) j--;
      bits[i] -= 2;
      bits[i - 1] += 1;
      bits[j + 1] += 2;
      bits[j] -= 1;
    }
  }
  let longest = 16;
  while (bits[longest] === 0) longest--;
  bits[longest]--;

  // T.81 K.2 Figure K.4: symbols ordered by code size, then by value.
  const symbols: number[] = [];
  for (let size = 1; size <= maxSize; size++) {
    for (let v = 0; v < 256; v++) if (codeSize[v] === size) symbols.push(v);
  }
  const counts = new Uint8Array(16);
  for (let i = 1; i <= 16; i++) counts[i - 1] = bits[i];
  return { counts, symbols: Uint8Array.from(symbols) };
}
