// Bounded edit distance for OCR-tolerant comparison of skeletons.

/** Levenshtein distance between a and b, or max+1 as soon as it must exceed max (cheap rejection). */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (max === 0) return 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] <= max ? prev[b.length] : max + 1;
}

/** Edits tolerated for a skeleton of this length: none below 5 characters, 1 up to 9, then 1 per 9 characters. */
export function toleratedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 10) return 1;
  return Math.floor(length / 9) + 1 > 3 ? 3 : Math.floor(length / 9) + 1;
}
