// CSV lines as RFC 4180 writes them: the mapping files users bring and the linkage file we write.

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The cells of one CSV line: a quoted cell may hold commas and "" stands for a quote; unquoted
 * cells are trimmed. Undefined when a quote is left open.
 */
export function csvCells(line: string): string[] | undefined {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === "") {
      quoted = true;
      wasQuoted = true;
      cell = "";
    } else if (c === ",") {
      cells.push(wasQuoted ? cell : cell.trim());
      cell = "";
      wasQuoted = false;
    } else if (!wasQuoted) cell += c;
  }
  if (quoted) return undefined;
  cells.push(wasQuoted ? cell : cell.trim());
  return cells;
}
