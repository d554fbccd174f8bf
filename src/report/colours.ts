/**
 * Colours of redaction reasons (recognizer names, "unreadable-text", "region", ...), the same in
 * thumbnails and in the legend of the review page. A reason not in the table gets a colour from a
 * hash of its name, so a colour never depends on which other reasons a run happened to see.
 */

/** An RGB colour. */
export type Rgb = readonly [number, number, number];

/** Fixed colours of common reasons. */
const KNOWN: Record<string, Rgb> = {
  redacted: [230, 25, 75],
  missed: [255, 225, 25],
  region: [0, 130, 200],
  "unreadable-text": [245, 130, 48],
  "faint-text": [255, 170, 100],
  // Rows of a stack over ground at the ink's own value: nothing shows there, so a neutral grey.
  "hidden-row": [170, 170, 170],
  "all-text": [145, 30, 180],
};

/** A palette of well-separated colours (after Sasha Trubetskoy's list of 20) for other reasons. */
const PALETTE: readonly Rgb[] = [
  [60, 180, 75], [70, 240, 240], [240, 50, 230], [210, 245, 60], [250, 190, 212], [0, 128, 128],
  [220, 190, 255], [170, 110, 40], [255, 250, 200], [128, 0, 0], [170, 255, 195], [128, 128, 0],
  [255, 215, 180], [0, 0, 128], [230, 25, 75], [0, 130, 200],
];

/** The colour of a reason: from the fixed table, else by an FNV-1a hash of the name. */
export function reasonColour(reason: string): Rgb {
  const known = KNOWN[reason];
  if (known) return known;
  let h = 0x811c9dc5;
  for (let i = 0; i < reason.length; i++) {
    h ^= reason.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PALETTE[h % PALETTE.length];
}

/** CSS notation of a colour: "#rrggbb". */
export function cssColour(c: Rgb): string {
  return "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
}
