/** A seeded generator of numbers in [0, 1) (a linear congruential one): the same sequence on every run. */
export function seededUnit(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}
