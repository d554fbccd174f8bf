/**
 * Parser for tesseract's TSV output (shared by the tesseract.js and native CLI adapters).
 *
 * Columns: level, page_num, block_num, par_num, line_num, word_num, left, top, width, height,
 * conf, text. Level 5 rows are words.
 */
import type { OcrWord } from "./engine.js";

/** Parses tesseract TSV into words (non-blank text only); lines get one index per result. */
export function parseTesseractTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  const lineIds = new Map<string, number>();
  for (const row of tsv.split("\n")) {
    const cols = row.split("\t");
    if (cols.length < 12 || cols[0] !== "5") continue;
    const text = cols.slice(11).join("\t").trim();
    if (text === "") continue;
    const lineKey = `${cols[1]}.${cols[2]}.${cols[3]}.${cols[4]}`;
    let line = lineIds.get(lineKey);
    if (line === undefined) {
      line = lineIds.size;
      lineIds.set(lineKey, line);
    }
    words.push({
      text,
      confidence: Math.max(0, Math.min(100, Number(cols[10]))),
      box: { x: Number(cols[6]), y: Number(cols[7]), w: Number(cols[8]), h: Number(cols[9]) },
      line,
      block: Number(cols[2]),
    });
  }
  return words;
}

/**
 * Parses the TSV of a multi-page run (one page per image, page_num counting from 1) into the
 * words of each of `pages` pages; pages tesseract did not report are empty.
 */
export function parseTesseractTsvPages(tsv: string, pages: number): OcrWord[][] {
  const rows: string[][] = Array.from({ length: pages }, () => []);
  for (const row of tsv.split("\n")) {
    const tab = row.indexOf("\t");
    const tab2 = tab < 0 ? -1 : row.indexOf("\t", tab + 1);
    if (tab2 < 0) continue;
    const page = Number(row.slice(tab + 1, tab2));
    if (Number.isInteger(page) && page >= 1 && page <= pages) rows[page - 1].push(row);
  }
  return rows.map((r) => parseTesseractTsv(r.join("\n")));
}

/** Tesseract parameters for the common recognize options. */
export function tesseractParameters(options: {
  psm?: number;
  whitelist?: string;
  dpi?: number;
  variables?: Record<string, string>;
}): Record<string, string> {
  const params: Record<string, string> = { ...options.variables };
  if (options.psm !== undefined) params.tessedit_pageseg_mode = String(options.psm);
  if (options.whitelist !== undefined) params.tessedit_char_whitelist = options.whitelist;
  if (options.dpi !== undefined) params.user_defined_dpi = String(options.dpi);
  return params;
}
