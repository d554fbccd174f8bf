// Bounded edit distance for OCR-tolerant comparison of skeletons.

/** Two rows of the edit-distance table, reused between calls (grown when needed). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance between a and b, or max+1 as soon as it must exceed max (cheap rejection).
 * Only cells within `max` of the diagonal are computed (others cannot lead to a distance <= max).
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (max === 0) return 1;
  const n = b.length;
  if (rowA.length < n + 1) {
    rowA = new Int32Array(2 * (n + 1));
    rowB = new Int32Array(2 * (n + 1));
  }
  let prev = rowA;
  let cur = rowB;
  const out = max + 1;
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : out;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[0] = i <= max ? i : out;
    if (lo > 1) cur[lo - 1] = out;
    let rowMin = lo === 1 ? cur[0] : out;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j] + 1;
      if (up < v) v = up;
      const left = cur[j - 1] + 1;
      if (left < v) v = left;
      if (v > out) v = out;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = out;
    if (rowMin > max) return out;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] <= max ? prev[n] : out;
}

/** Edits tolerated for a skeleton of this length: none below 5 characters, 1 up to 9, then 1 per 9 characters. */
export function toleratedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 10) return 1;
  return Math.floor(length / 9) + 1 > 3 ? 3 : Math.floor(length / 9) + 1;
}
